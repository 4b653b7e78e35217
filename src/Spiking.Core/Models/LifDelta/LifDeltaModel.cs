using Spiking.Units;

namespace Spiking.Models;

/// <summary>
/// Leaky integrate-and-fire neuron with delta (voltage-jump) synapses, as in Brunel 2000 and NEST's
/// <c>iaf_psc_delta</c>:
/// <code>
/// τm dv/dt = −(v − E_L) + R_m·I_ext;   a spike arriving at t makes v(t⁺) = v(t) + w
/// v ≥ V_th → spike, v ← V_reset, clamped for t_ref (inputs arriving then are discarded)
/// </code>
/// Integrated exactly. As in NEST, the jumps of a step are applied at its end, after the leak, and
/// the threshold is checked right after them, so a jump that crosses threshold fires in that step.
/// The engine accounts for this so that a synapse with delay d acts exactly d after the spike's
/// time stamp; delays on this model must therefore be at least one step.
/// <para>
/// With <c>precise_spike_times</c> (NEST's <c>iaf_psc_delta_ps</c>): each input arrives at its exact
/// offset inside the step, v is advanced analytically between inputs, a free crossing of a
/// suprathreshold drive (v∞ = E_L + R_m·I_ext &gt; V_th) is located in closed form,
/// t* = t₀ + τm·ln((v∞ − v₀)/(v∞ − V_th)), and the spike, the reset and the start of the refractory
/// period happen at that exact time (inputs arriving during it are dropped). Needs t_ref ≥ dt (at
/// most one spike per step) and delays that are multiples of dt.
/// </para>
/// </summary>
internal sealed class LifDeltaModel : INeuronModel
{
    /// <summary>The instance the registry holds.</summary>
    public static readonly LifDeltaModel Instance = new();

    /// <inheritdoc/>
    public string Name => "lif_delta";
    /// <inheritdoc/>
    public string Description => "LIF with delta (voltage-jump) synapses, exact integration (Brunel 2000; NEST iaf_psc_delta)";

    /// <inheritdoc/>
    public IReadOnlyList<ParameterInfo> Parameters { get; } =
    [
        new("tau_m", Dimension.Time, 20, "membrane time constant"),
        new("E_L", Dimension.Voltage, 0, "resting potential"),
        new("V_th", Dimension.Voltage, 20, "firing threshold"),
        new("V_reset", Dimension.Voltage, 10, "reset potential"),
        new("t_ref", Dimension.Time, 2, "absolute refractory period"),
        new("R_m", Dimension.Resistance, 100, "membrane resistance, converts injected current (nA) to mV"),
    ];

    /// <inheritdoc/>
    public IReadOnlyList<VariableInfo> Variables { get; } =
    [
        new("v", Dimension.Voltage, 0, "membrane potential (defaults to E_L)"),
    ];

    /// <inheritdoc/>
    public IReadOnlyList<ReceptorInfo> Receptors { get; } =
    [
        new("exc", Dimension.Voltage, false, "jump of v by the weight (mV)", ActsAtStepEnd: true),
        new("inh", Dimension.Voltage, false, "jump of v by the weight (mV); same port as exc, named for readability", ActsAtStepEnd: true),
    ];

    /// <inheritdoc/>
    public bool SupportsEventDriven => true;

    /// <inheritdoc/>
    public bool SupportsPreciseSpikeTimes => true;

    /// <inheritdoc/>
    public bool SupportsTimedInput => true;

    /// <inheritdoc/>
    public IEnumerable<string> Validate(IReadOnlyDictionary<string, double> parameters, double dt)
        => new ParameterReader(this, parameters).LifChecks("tau_m", "R_m");

    /// <inheritdoc/>
    public NeuronGroup Create(int size, IReadOnlyDictionary<string, double> parameters, double dt, bool preciseSpikeTimes)
        => new LifDeltaGroup(this, size, new ParameterReader(this, parameters), dt, preciseSpikeTimes);
}
