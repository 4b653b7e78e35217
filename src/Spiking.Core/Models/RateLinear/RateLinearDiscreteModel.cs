using Spiking.Units;

namespace Spiking.Models;

/// <summary>
/// The discrete-time neural integrator v(n+1) = r·v(n) + f(W u(n) + M v(n)) with f the identity: r = 1
/// is a perfect integrator (a pulse train is summed exactly), r &lt; 1 decays back to baseline and
/// r &gt; 1 runs away (the lecture of seed 003; Seung 1996). I is the weighted sum of presynaptic outputs,
/// I_ext the injected current; the output is v.
/// </summary>
internal sealed class RateLinearDiscreteModel : INeuronModel
{
    /// <summary>The instance the registry holds.</summary>
    public static readonly RateLinearDiscreteModel Instance = new();

    /// <inheritdoc/>
    public string Name => "rate_linear_discrete";

    /// <inheritdoc/>
    public string Description => "discrete linear integrator v <- r v + I + I_ext";

    /// <inheritdoc/>
    public IReadOnlyList<ParameterInfo> Parameters { get; } =
    [
        new("retention", Dimension.Dimensionless, 1.0, "r: factor on v from the previous step (1: perfect integrator)"),
    ];

    /// <inheritdoc/>
    public IReadOnlyList<VariableInfo> Variables { get; } =
    [
        new("v", Dimension.Dimensionless, 0, "integrated value, also the output"),
    ];

    /// <inheritdoc/>
    public IReadOnlyList<ReceptorInfo> Receptors { get; } =
    [
        new("in", Dimension.Dimensionless, false, "weighted presynaptic output, added each step"),
    ];

    /// <inheritdoc/>
    public bool IsRate => true;

    /// <inheritdoc/>
    public bool SupportsPreciseSpikeTimes => false;

    /// <inheritdoc/>
    public IEnumerable<string> Validate(IReadOnlyDictionary<string, double> parameters, double dt)
    {
        var p = new ParameterReader(this, parameters);
        if (!double.IsFinite(p["retention"])) yield return $"retention must be finite (got {p["retention"]})";
    }

    /// <inheritdoc/>
    public NeuronGroup Create(int size, IReadOnlyDictionary<string, double> parameters, double dt, bool preciseSpikeTimes)
        => new KernelGroup<RateLinearDiscreteKernel>(this, size, new RateLinearDiscreteKernel(new ParameterReader(this, parameters)), output: "v");
}
