using Spiking.Units;

namespace Spiking.Models;

/// <summary>
/// Continuous-time linear (or threshold-linear) rate unit, τ dx/dt = −x + I + I_ext, output r = x or
/// r = [x]₊ (Dayan &amp; Abbott 2001, ch. 7). I is the weighted sum of presynaptic outputs, I_ext the
/// injected current. The line attractor of the oculomotor integrator (Seung et al. 2000) is N such
/// units with recurrent weights whose leading eigenvalue is λ: its persistent mode decays with
/// τ/(1 − λ) and holds its value for λ = 1; with rectification and lateral inhibition the units form a
/// winner-take-all circuit.
/// </summary>
internal sealed class RateLinearModel : INeuronModel
{
    /// <summary>The instance the registry holds.</summary>
    public static readonly RateLinearModel Instance = new();

    /// <inheritdoc/>
    public string Name => "rate_linear";

    /// <inheritdoc/>
    public string Description => "linear rate unit tau dx/dt = -x + I + I_ext, output x or [x]+ (rectify = 1)";

    /// <inheritdoc/>
    public IReadOnlyList<ParameterInfo> Parameters { get; } =
    [
        new("tau", Dimension.Time, 10, "time constant"),
        new("rectify", Dimension.Dimensionless, 0, "1: output max(x, 0) (threshold-linear); 0: output x"),
    ];

    /// <inheritdoc/>
    public IReadOnlyList<VariableInfo> Variables { get; } =
    [
        new("x", Dimension.Dimensionless, 0, "activation"),
        new("r", Dimension.Dimensionless, 0, "output x, or max(x, 0) when rectified"),
    ];

    /// <inheritdoc/>
    public IReadOnlyList<ReceptorInfo> Receptors { get; } =
    [
        new("in", Dimension.Dimensionless, false, "weighted presynaptic output, drives x"),
    ];

    /// <inheritdoc/>
    public bool IsRate => true;

    /// <inheritdoc/>
    public bool SupportsPreciseSpikeTimes => false;

    /// <inheritdoc/>
    public IEnumerable<string> Validate(IReadOnlyDictionary<string, double> parameters, double dt)
    {
        var p = new ParameterReader(this, parameters);
        if (!(p["tau"] > 0) || !double.IsFinite(p["tau"])) yield return $"tau must be > 0 (got {p["tau"]} ms)";
        if (p["rectify"] is not (0.0 or 1.0)) yield return $"rectify must be 0 or 1 (got {p["rectify"]})";
    }

    /// <inheritdoc/>
    public NeuronGroup Create(int size, IReadOnlyDictionary<string, double> parameters, double dt, bool preciseSpikeTimes)
        => new KernelGroup<RateLinearKernel>(this, size, new RateLinearKernel(new ParameterReader(this, parameters), dt), output: "r");
}
