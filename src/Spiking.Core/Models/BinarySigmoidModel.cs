using Spiking.Random;
using Spiking.Units;

namespace Spiking.Models;

/// <summary>
/// Stochastic binary unit of a Boltzmann machine (Hinton &amp; Sejnowski 1983; Ackley, Hinton &amp;
/// Sejnowski 1985, eq. 2) in parallel (synchronous) update:
/// <code>
/// a = (I + b) / T,   p = σ(a) = 1 / (1 + e^(−a)),   h ~ Bernoulli(p)
/// </code>
/// with I the weighted sum of the presynaptic outputs of the previous step on receptor "in" (as for
/// rate units), b the bias and T the temperature. The output is h (0 or 1). One uniform per unit and
/// step from stream (seed, ModelNoise, population, unit) at block = step: h = 1 when u &lt; p.
/// </summary>
internal sealed class BinarySigmoidModel : IBinaryUnitModel
{
    /// <summary>The instance the registry holds.</summary>
    public static readonly BinarySigmoidModel Instance = new();

    /// <inheritdoc/>
    public string Name => "binary_sigmoid";
    /// <inheritdoc/>
    public string Description => "stochastic binary unit h ~ Bernoulli(sigma((I + b)/T)), output h (Boltzmann machine unit, parallel update)";

    /// <inheritdoc/>
    public IReadOnlyList<ParameterInfo> Parameters { get; } =
    [
        new("bias", Dimension.Dimensionless, 0.0, "bias b added to the input before the logistic"),
        new("temperature", Dimension.Dimensionless, 1.0, "temperature T > 0 dividing I + b"),
    ];

    /// <inheritdoc/>
    public IReadOnlyList<VariableInfo> Variables { get; } =
    [
        new("h", Dimension.Dimensionless, 0, "state 0 or 1, also the output"),
        new("p", Dimension.Dimensionless, 0, "probability sigma(a) that h = 1 in this step"),
        new("a", Dimension.Dimensionless, 0, "logit (I + b)/T of this step"),
    ];

    /// <inheritdoc/>
    public IReadOnlyList<ReceptorInfo> Receptors { get; } =
    [
        new("in", Dimension.Dimensionless, false, "weighted presynaptic output, added to the bias"),
    ];

    /// <inheritdoc/>
    public bool IsRate => true;

    /// <inheritdoc/>
    public bool SupportsPreciseSpikeTimes => false;

    /// <inheritdoc/>
    public IEnumerable<string> Validate(IReadOnlyDictionary<string, double> parameters, double dt)
    {
        var p = new ParameterReader(this, parameters);
        if (!double.IsFinite(p["bias"])) yield return $"bias must be finite (got {p["bias"]})";
        if (!(p["temperature"] > 0) || !double.IsFinite(p["temperature"])) yield return $"temperature must be > 0 (got {p["temperature"]})";
    }

    /// <inheritdoc/>
    public NeuronGroup Create(int size, IReadOnlyDictionary<string, double> parameters, double dt, bool preciseSpikeTimes)
    {
        var p = new ParameterReader(this, parameters);
        return new BinarySigmoidGroup(this, size, p["bias"], p["temperature"]);
    }

    /// <summary>The gate of one unit: 1 when the uniform <paramref name="u"/> ∈ [0, 1) is below <paramref name="p"/> (so P(h = 1) = p).</summary>
    public static double Gate(double u, double p) => u < p ? 1.0 : 0.0;
}

internal sealed class BinarySigmoidGroup : BinaryUnitGroup
{
    private readonly double[] _h;
    private readonly double[] _scratch; // the x the inference hook may write; binary_sigmoid ignores it

    public BinarySigmoidGroup(BinarySigmoidModel model, int size, double bias, double temperature) : base(model, size, bias, temperature)
    {
        _h = Variable("h");
        _scratch = new double[size];
    }

    public override double[] Output => _h;

    protected override void Sample(int start, int end, double[] p, double[] h)
    {
        ulong block = (ulong)Step;
        for (int i = start; i < end; i++)
        {
            var rng = new PhiloxStream(Seed, StreamKind.ModelNoise, Population, (uint)i, block);
            h[i] = BinarySigmoidModel.Gate(rng.NextDouble(), p[i]);
        }
    }

    protected override Span<double> Amplitudes => _scratch;

    protected override void Clamped(Span<double> x)
    {
    }
}
