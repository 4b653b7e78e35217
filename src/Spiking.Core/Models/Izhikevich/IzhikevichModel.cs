using Spiking.Units;

namespace Spiking.Models;

/// <summary>
/// Izhikevich (2003, IEEE Trans Neural Netw 14:1569) simple model:
/// <code>
/// dv/dt = 0.04 v² + 5 v + 140 − u + I_syn + k_ext·I_ext      (v in mV, t in ms)
/// du/dt = a (b v − u)
/// v ≥ v_peak → spike, v ← c, u ← u + d
/// </code>
/// Forward Euler with the step dt (u uses the v of the start of the step). A synaptic weight w (mV)
/// is the total depolarisation it brings: with tau_syn = 0 it is a jump of v by w; with tau_syn &gt; 0
/// it starts a current w/tau_syn decaying with tau_syn.
/// </summary>
internal sealed class IzhikevichModel : INeuronModel
{
    /// <summary>The instance the registry holds.</summary>
    public static readonly IzhikevichModel Instance = new();

    /// <inheritdoc/>
    public string Name => "izhikevich";
    /// <inheritdoc/>
    public string Description => "Izhikevich 2003 simple model, forward Euler";

    /// <inheritdoc/>
    public IReadOnlyList<ParameterInfo> Parameters { get; } =
    [
        new("a", Dimension.Dimensionless, 0.02, "recovery rate (1/ms)"),
        new("b", Dimension.Dimensionless, 0.2, "sensitivity of u to v"),
        new("c", Dimension.Voltage, -65, "reset of v"),
        new("d", Dimension.Voltage, 8, "increment of u at a spike (mV)"),
        new("v_peak", Dimension.Voltage, 30, "spike cut-off"),
        new("tau_syn", Dimension.Time, 0, "synaptic current decay; 0 for voltage jumps"),
        new("k_ext", Dimension.Dimensionless, 1, "mV/ms per nA of injected current"),
    ];

    /// <inheritdoc/>
    public IReadOnlyList<VariableInfo> Variables { get; } =
    [
        new("v", Dimension.Voltage, -65, "membrane potential"),
        new("u", Dimension.Voltage, -13, "recovery variable (defaults to b·v)"),
        new("I_syn", Dimension.Dimensionless, 0, "synaptic current (mV/ms)"),
    ];

    /// <inheritdoc/>
    public IReadOnlyList<ReceptorInfo> Receptors { get; } =
    [
        new("exc", Dimension.Voltage, false, "total depolarisation per spike (mV)"),
        new("inh", Dimension.Voltage, false, "total hyperpolarisation per spike (negative mV)"),
    ];

    /// <inheritdoc/>
    public bool SupportsPreciseSpikeTimes => false;

    /// <inheritdoc/>
    public IEnumerable<string> Validate(IReadOnlyDictionary<string, double> parameters, double dt)
    {
        var p = new ParameterReader(this, parameters);
        if (!(p["tau_syn"] >= 0)) yield return $"tau_syn must be >= 0 (got {p["tau_syn"]})";
        if (!(p["c"] < p["v_peak"])) yield return $"c ({p["c"]} mV) must be below v_peak ({p["v_peak"]} mV)";
        if (dt > 1) yield return $"dt = {dt} ms is too coarse for forward Euler on this model (at most 1 ms)";
    }

    /// <inheritdoc/>
    public NeuronGroup Create(int size, IReadOnlyDictionary<string, double> parameters, double dt, bool preciseSpikeTimes)
        => new IzhikevichGroup(this, size, new ParameterReader(this, parameters), dt);
}
