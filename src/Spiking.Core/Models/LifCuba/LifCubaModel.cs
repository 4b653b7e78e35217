using Spiking.Description;
using Spiking.Units;

namespace Spiking.Models;

/// <summary>
/// Leaky integrate-and-fire neuron with exponentially decaying synaptic currents (CUBA):
/// <code>
/// τm dv/dt = −(v − E_L) + I_ex + I_in + R_m·I_ext
/// τex dI_ex/dt = −I_ex,   τin dI_in/dt = −I_in
/// v ≥ V_th → spike, v ← V_reset, clamped for t_ref
/// </code>
/// Synaptic currents are in voltage units (R_m·I, mV) as in Brette et al. 2007 benchmark 2 and
/// Brian2's CUBA example; a synaptic weight is the jump of I_ex or I_in in mV. Integrated exactly
/// (Rotter &amp; Diesmann 1999), like Brian2's <c>method='exact'</c>. Spikes are stamped at the end of
/// the step in which v reached threshold, or, with precise spike times (NEST's <c>iaf_psc_exp_ps</c>),
/// at the exact crossing, found with guaranteed bounds, with inputs applied at their exact arrival times
/// inside the step (delays that are one constant multiple of dt; others arrive on the grid).
/// </summary>
internal sealed class LifCubaModel : INeuronModel
{
    /// <summary>The instance the registry holds.</summary>
    public static readonly LifCubaModel Instance = new();

    /// <inheritdoc/>
    public string Name => "lif_cuba";
    /// <inheritdoc/>
    public string Description => "LIF with exponential current synapses, exact integration (Brette et al. 2007, benchmark 2)";

    /// <inheritdoc/>
    public IReadOnlyList<ParameterInfo> Parameters { get; } =
    [
        new("tau_m", Dimension.Time, 20, "membrane time constant"),
        new("E_L", Dimension.Voltage, -70, "resting (leak reversal) potential"),
        new("V_th", Dimension.Voltage, -50, "firing threshold"),
        new("V_reset", Dimension.Voltage, -60, "reset potential"),
        new("t_ref", Dimension.Time, 2, "absolute refractory period (v clamped at V_reset)"),
        new("tau_syn_ex", Dimension.Time, 5, "decay time of the excitatory synaptic current"),
        new("tau_syn_in", Dimension.Time, 10, "decay time of the inhibitory synaptic current"),
        new("R_m", Dimension.Resistance, 100, "membrane resistance, converts injected current (nA) to mV"),
    ];

    /// <inheritdoc/>
    public IReadOnlyList<VariableInfo> Variables { get; } =
    [
        new("v", Dimension.Voltage, -70, "membrane potential (defaults to E_L)"),
        new("I_ex", Dimension.Voltage, 0, "excitatory synaptic current times R_m"),
        new("I_in", Dimension.Voltage, 0, "inhibitory synaptic current times R_m"),
    ];

    /// <inheritdoc/>
    public IReadOnlyList<ReceptorInfo> Receptors { get; } =
    [
        new("exc", Dimension.Voltage, false, "adds the weight (mV) to I_ex"),
        new("inh", Dimension.Voltage, false, "adds the weight (mV) to I_in"),
    ];

    /// <inheritdoc/>
    public bool SupportsEventDriven => true;

    /// <inheritdoc/>
    public bool SupportsPreciseSpikeTimes => true;

    /// <inheritdoc/>
    public bool SupportsTimedInput => true;

    /// <inheritdoc/>
    public IEnumerable<string> Validate(IReadOnlyDictionary<string, double> parameters, double dt)
        => new ParameterReader(this, parameters).LifChecks("tau_m", "tau_syn_ex", "tau_syn_in", "R_m");

    /// <summary>The smallest relative difference between tau_m and a synaptic time constant that event mode accepts (see docs/event-driven.md).</summary>
    public const double MinEventTauSeparation = 1e-3;

    /// <inheritdoc/>
    public IEnumerable<ValidationError> ValidatePopulation(PopulationSpec population, SimulationMode mode)
    {
        if (mode == SimulationMode.Event) return TauSeparation(population, "event mode needs", "run it time-stepped (--mode step)");
        if (population.PreciseSpikeTimes) return TauSeparation(population, "precise spike times need", "run it with precise_spike_times = false");
        return [];
    }

    /// <summary>
    /// lif_cuba in event mode and with precise spike times writes v(t) as a sum of exponentials; with
    /// tau_syn = tau_m it is not, and near it the coefficients tau_s/(tau_s − tau_m) cancel badly.
    /// </summary>
    private List<ValidationError> TauSeparation(PopulationSpec p, string needs, string instead)
    {
        var errors = new List<ValidationError>();
        double Get(string name) => p.Parameters.TryGetValue(name, out var v) ? v : Parameters.First(x => x.Name == name).Default;
        double tm = Get("tau_m");
        foreach (var name in new[] { "tau_syn_ex", "tau_syn_in" })
        {
            double ts = Get(name);
            if (Math.Abs(ts - tm) < MinEventTauSeparation * tm)
                errors.Add(new ValidationError($"parameters.{name}", $"{needs} {name} to differ from tau_m by at least {MinEventTauSeparation:0.###} of tau_m (got {name} = {ts} ms, tau_m = {tm} ms); "
                    + $"the degenerate case tau_syn = tau_m is not supported there: {instead}"));
        }
        return errors;
    }

    /// <inheritdoc/>
    public NeuronGroup Create(int size, IReadOnlyDictionary<string, double> parameters, double dt, bool preciseSpikeTimes)
        => new LifCubaGroup(this, size, new ParameterReader(this, parameters), dt, preciseSpikeTimes);
}
