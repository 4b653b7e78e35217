using Spiking.Units;

namespace Spiking.Models;

/// <summary>
/// Discrete-time leaky-integrator unit of an echo state network (Jaeger 2001; Lukoševičius 2012,
/// "A practical guide to applying echo state networks", eq. 2–3):
/// <code>
/// x(n+1) = (1 − a)·x(n) + a·tanh(I(n) + b)
/// </code>
/// where I(n) is the weighted sum of the presynaptic outputs of the previous step (recurrent W·x and
/// input W_in·u arrive through receptor "in"), a the leak rate and b a bias. The output is x itself.
/// One step of the kernel is one ESN time step; dt only labels the time axis.
/// </summary>
internal sealed class RateEsnModel : INeuronModel
{
    /// <summary>The instance the registry holds.</summary>
    public static readonly RateEsnModel Instance = new();

    /// <inheritdoc/>
    public string Name => "rate_esn";
    /// <inheritdoc/>
    public string Description => "discrete leaky-integrator ESN unit x <- (1-a)x + a tanh(I + b) (Jaeger 2001)";

    /// <inheritdoc/>
    public IReadOnlyList<ParameterInfo> Parameters { get; } =
    [
        new("leak", Dimension.Dimensionless, 1.0, "leak rate a in (0, 1]"),
        new("bias", Dimension.Dimensionless, 0.0, "bias b added inside the nonlinearity"),
    ];

    /// <inheritdoc/>
    public IReadOnlyList<VariableInfo> Variables { get; } =
    [
        new("x", Dimension.Dimensionless, 0, "unit state, also its output"),
    ];

    /// <inheritdoc/>
    public IReadOnlyList<ReceptorInfo> Receptors { get; } =
    [
        new("in", Dimension.Dimensionless, false, "weighted presynaptic output, added inside tanh"),
    ];

    /// <inheritdoc/>
    public bool IsRate => true;

    /// <inheritdoc/>
    public bool SupportsPreciseSpikeTimes => false;


    /// <inheritdoc/>
    public IEnumerable<string> Validate(IReadOnlyDictionary<string, double> parameters, double dt)
    {
        var p = new ParameterReader(this, parameters);
        if (!(p["leak"] > 0 && p["leak"] <= 1)) yield return $"leak must be in (0, 1] (got {p["leak"]})";
        if (!double.IsFinite(p["bias"])) yield return $"bias must be finite (got {p["bias"]})";
    }

    /// <inheritdoc/>
    public NeuronGroup Create(int size, IReadOnlyDictionary<string, double> parameters, double dt, bool preciseSpikeTimes)
        => new KernelGroup<RateEsnKernel>(this, size, new RateEsnKernel(new ParameterReader(this, parameters)), output: "x");
}
