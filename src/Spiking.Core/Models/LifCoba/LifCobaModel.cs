using Spiking.Units;

namespace Spiking.Models;

/// <summary>
/// Leaky integrate-and-fire neuron with exponentially decaying synaptic conductances (COBA),
/// Brette et al. 2007 benchmark 1 (after Vogels &amp; Abbott 2005):
/// <code>
/// C_m dv/dt = g_L(E_L − v) + g_ex(E_ex − v) + g_in(E_in − v) + I_ext
/// τex dg_ex/dt = −g_ex,   τin dg_in/dt = −g_in
/// </code>
/// Conductances decay exactly; v is advanced by exponential Euler (conductances held over the step),
/// as Brian2's <c>method='exponential_euler'</c>. Units: pF, nS, mV, ms; I_ext in nA.
/// </summary>
internal sealed class LifCobaModel : INeuronModel
{
    /// <summary>The instance the registry holds.</summary>
    public static readonly LifCobaModel Instance = new();

    /// <inheritdoc/>
    public string Name => "lif_coba";
    /// <inheritdoc/>
    public string Description => "LIF with exponential conductance synapses, exponential Euler (Brette et al. 2007, benchmark 1)";

    /// <inheritdoc/>
    public IReadOnlyList<ParameterInfo> Parameters { get; } =
    [
        new("C_m", Dimension.Capacitance, 200, "membrane capacitance"),
        new("g_L", Dimension.Conductance, 10, "leak conductance"),
        new("E_L", Dimension.Voltage, -60, "leak reversal potential"),
        new("V_th", Dimension.Voltage, -50, "firing threshold"),
        new("V_reset", Dimension.Voltage, -60, "reset potential"),
        new("t_ref", Dimension.Time, 5, "absolute refractory period"),
        new("E_ex", Dimension.Voltage, 0, "excitatory reversal potential"),
        new("E_in", Dimension.Voltage, -80, "inhibitory reversal potential"),
        new("tau_syn_ex", Dimension.Time, 5, "excitatory conductance decay time"),
        new("tau_syn_in", Dimension.Time, 10, "inhibitory conductance decay time"),
    ];

    /// <inheritdoc/>
    public IReadOnlyList<VariableInfo> Variables { get; } =
    [
        new("v", Dimension.Voltage, -60, "membrane potential (defaults to E_L)"),
        new("g_ex", Dimension.Conductance, 0, "excitatory conductance"),
        new("g_in", Dimension.Conductance, 0, "inhibitory conductance"),
    ];

    /// <inheritdoc/>
    public IReadOnlyList<ReceptorInfo> Receptors { get; } =
    [
        new("exc", Dimension.Conductance, true, "adds the weight (nS) to g_ex"),
        new("inh", Dimension.Conductance, true, "adds the weight (nS) to g_in"),
    ];

    /// <inheritdoc/>
    public bool SupportsPreciseSpikeTimes => false;

    /// <inheritdoc/>
    public IEnumerable<string> Validate(IReadOnlyDictionary<string, double> parameters, double dt)
        => new ParameterReader(this, parameters).LifChecks("C_m", "g_L", "tau_syn_ex", "tau_syn_in");

    /// <inheritdoc/>
    public NeuronGroup Create(int size, IReadOnlyDictionary<string, double> parameters, double dt, bool preciseSpikeTimes)
        => new LifCobaGroup(this, size, new ParameterReader(this, parameters), dt);
}
