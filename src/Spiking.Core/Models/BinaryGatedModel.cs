using Spiking.Random;
using Spiking.Units;

namespace Spiking.Models;

/// <summary>
/// Unit of the binary-gated Gaussian recurrent network (bgG-RNN; Pachitariu &amp; Sahani, "Learning
/// visual motion in recurrent neural networks"):
/// <code>
/// a^t = I^t + b,   P(h^t = 1) = p^t = σ(a^t),   x^t ~ N(0, τ_x²),   output h^t·x^t
/// </code>
/// with I^t = Σ_k R_jk·(h_k^(t−1)·x_k^(t−1)) the weighted output of the previous step on receptor "in",
/// so that a population projecting onto itself with weights R is the network's prior
/// P(h^t | h^(t−1)∘x^(t−1)) = σ(R(h^(t−1)∘x^(t−1)) + b). Draws per unit and step from stream
/// (seed, ModelNoise, population, unit) at block 2·step: the gate's uniform (h = 1 when u &lt; p), then
/// x = τ_x·z with z a Box–Muller normal. x is drawn whether or not the gate is open.
/// With an inference hook (<see cref="IGatedInference"/>) h and x are set by the hook instead.
/// </summary>
internal sealed class BinaryGatedModel : IBinaryUnitModel
{
    /// <summary>The instance the registry holds.</summary>
    public static readonly BinaryGatedModel Instance = new();

    /// <inheritdoc/>
    public string Name => "binary_gated";
    /// <inheritdoc/>
    public string Description => "bgG-RNN unit: h ~ Bernoulli(sigma(I + b)), x ~ N(0, tau_x^2), output h*x (Pachitariu & Sahani)";

    /// <inheritdoc/>
    public IReadOnlyList<ParameterInfo> Parameters { get; } =
    [
        new("bias", Dimension.Dimensionless, 0.0, "bias b of the gate's logit"),
        new("tau_x", Dimension.Dimensionless, 1.0, "standard deviation tau_x > 0 of the amplitude x"),
    ];

    /// <inheritdoc/>
    public IReadOnlyList<VariableInfo> Variables { get; } =
    [
        new("h", Dimension.Dimensionless, 0, "gate 0 or 1"),
        new("x", Dimension.Dimensionless, 0, "amplitude, N(0, tau_x^2) when free running"),
        new("hx", Dimension.Dimensionless, 0, "output h*x (derived from h and x at start)"),
        new("p", Dimension.Dimensionless, 0, "prior probability sigma(a) that h = 1 in this step"),
        new("a", Dimension.Dimensionless, 0, "prior logit I + b of this step"),
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
        if (!(p["tau_x"] > 0) || !double.IsFinite(p["tau_x"])) yield return $"tau_x must be > 0 (got {p["tau_x"]})";
    }

    /// <inheritdoc/>
    public NeuronGroup Create(int size, IReadOnlyDictionary<string, double> parameters, double dt, bool preciseSpikeTimes)
    {
        var p = new ParameterReader(this, parameters);
        return new BinaryGatedGroup(this, size, p["bias"], p["tau_x"]);
    }
}

internal sealed class BinaryGatedGroup : BinaryUnitGroup
{
    private readonly double[] _x, _hx;
    private readonly double _tauX;

    public BinaryGatedGroup(BinaryGatedModel model, int size, double bias, double tauX) : base(model, size, bias, 1.0)
    {
        _x = Variable("x"); _hx = Variable("hx");
        _tauX = tauX;
    }

    public override double[] Output => _hx;

    /// <summary>τ_x, the amplitudes' standard deviation, for other backends.</summary>
    internal double TauX => _tauX;

    public override void OnInitialised(IReadOnlySet<string> given)
    {
        if (given.Contains("hx")) return;
        var h = Gate;
        for (int i = 0; i < _hx.Length; i++) _hx[i] = h[i] * _x[i];
    }

    protected override void Sample(int start, int end, double[] p, double[] h)
    {
        ulong block = (ulong)Step << 1; // two blocks per step: 2 words for the gate, 4 for the normal
        for (int i = start; i < end; i++)
        {
            var rng = new PhiloxStream(Seed, StreamKind.ModelNoise, Population, (uint)i, block);
            double hi = BinarySigmoidModel.Gate(rng.NextDouble(), p[i]);
            double xi = _tauX * rng.NextNormal();
            h[i] = hi; _x[i] = xi; _hx[i] = hi * xi;
        }
    }

    protected override Span<double> Amplitudes => _x;

    protected override void Clamped(Span<double> x)
    {
        var h = Gate;
        for (int i = 0; i < _hx.Length; i++)
        {
            if (!double.IsFinite(x[i])) throw new InvalidOperationException($"the inference hook of a 'binary_gated' population set x[{i}] = {x[i]}; amplitudes must be finite");
            _hx[i] = h[i] * x[i];
        }
    }
}
