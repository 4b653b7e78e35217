using Spiking.Units;

namespace Spiking.Models;

/// <summary>
/// Adaptive exponential integrate-and-fire neuron (AdEx; Brette &amp; Gerstner 2005, J Neurophysiol
/// 94:3637) with exponentially decaying synaptic currents (NEST's <c>aeif_psc_exp</c>):
/// <code>
/// C dv/dt = −g_L (v − E_L) + g_L Δ_T exp((v − V_T)/Δ_T) − w + I_ex + I_in + I_ext
/// τ_w dw/dt = a (v − E_L) − w
/// τ_ex dI_ex/dt = −I_ex,   τ_in dI_in/dt = −I_in
/// v ≥ V_peak → spike, v ← V_reset, w ← w + b, v clamped for t_ref
/// </code>
/// Two state variables reproduce tonic, adapting, bursting and irregular firing (Naud et al. 2008,
/// Biol Cybern 99:335). Integrated by RK4 with step-doubling error control and the crossing of V_peak
/// located inside the step (<see cref="AdExKernel"/>); spikes are stamped at the end of their step.
/// Checked against an ODE solution of Naud et al.'s four patterns (benchmarks/compare/adex_reference.py).
/// Defaults are Brette &amp; Gerstner's (and NEST's aeif defaults).
/// </summary>
internal sealed class AdExModel : INeuronModel
{
    /// <summary>The registered instance.</summary>
    public static readonly AdExModel Instance = new();

    /// <inheritdoc/>
    public string Name => "adex";

    /// <inheritdoc/>
    public string Description => "adaptive exponential integrate-and-fire, exponential current synapses, adaptive RK4 (Brette & Gerstner 2005)";

    /// <inheritdoc/>
    public IReadOnlyList<ParameterInfo> Parameters { get; } =
    [
        new("C_m", Dimension.Capacitance, 281, "membrane capacitance"),
        new("g_L", Dimension.Conductance, 30, "leak conductance"),
        new("E_L", Dimension.Voltage, -70.6, "leak reversal potential"),
        new("V_T", Dimension.Voltage, -50.4, "threshold slope factor's centre (rheobase threshold)"),
        new("Delta_T", Dimension.Voltage, 2, "slope factor of the exponential"),
        new("a", Dimension.Conductance, 4, "subthreshold adaptation"),
        new("tau_w", Dimension.Time, 144, "adaptation time constant"),
        new("b", Dimension.Current, 0.0805, "spike-triggered adaptation (nA)"),
        new("V_reset", Dimension.Voltage, -70.6, "reset potential"),
        new("V_peak", Dimension.Voltage, 0, "spike detection threshold (v is reset when it reaches it)"),
        new("t_ref", Dimension.Time, 0, "absolute refractory period (v clamped at V_reset)"),
        new("tau_syn_ex", Dimension.Time, 0.2, "decay time of the excitatory synaptic current"),
        new("tau_syn_in", Dimension.Time, 2, "decay time of the inhibitory synaptic current"),
    ];

    /// <inheritdoc/>
    public IReadOnlyList<VariableInfo> Variables { get; } =
    [
        new("v", Dimension.Voltage, -70.6, "membrane potential"),
        new("w", Dimension.Current, 0, "adaptation current (nA)"),
        new("I_ex", Dimension.Current, 0, "excitatory synaptic current (nA)"),
        new("I_in", Dimension.Current, 0, "inhibitory synaptic current (nA)"),
    ];

    /// <inheritdoc/>
    public IReadOnlyList<ReceptorInfo> Receptors { get; } =
    [
        new("exc", Dimension.Current, false, "adds the weight (nA) to I_ex"),
        new("inh", Dimension.Current, false, "adds the weight (nA) to I_in"),
    ];

    /// <inheritdoc/>
    public bool SupportsPreciseSpikeTimes => false;

    /// <inheritdoc/>
    public IEnumerable<string> Validate(IReadOnlyDictionary<string, double> parameters, double dt)
    {
        var p = new ParameterReader(this, parameters);
        foreach (var name in new[] { "C_m", "g_L", "Delta_T", "tau_w", "tau_syn_ex", "tau_syn_in" })
            if (!(p[name] > 0)) yield return $"{name} must be positive (got {p[name]})";
        if (!(p["t_ref"] >= 0)) yield return $"t_ref must not be negative (got {p["t_ref"]} ms)";
        if (!(p["V_peak"] > p["V_T"])) yield return $"V_peak ({p["V_peak"]} mV) must lie above V_T ({p["V_T"]} mV), where the exponential takes off";
        if (!(p["V_reset"] < p["V_peak"])) yield return $"V_reset ({p["V_reset"]} mV) must lie below V_peak ({p["V_peak"]} mV)";
    }

    /// <inheritdoc/>
    public NeuronGroup Create(int size, IReadOnlyDictionary<string, double> parameters, double dt, bool preciseSpikeTimes)
    {
        var p = new ParameterReader(this, parameters);
        var all = Parameters.ToDictionary(q => q.Name, q => p[q.Name]);
        return new KernelGroup<AdExKernel>(this, size, new AdExKernel(all, dt));
    }
}
