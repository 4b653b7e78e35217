namespace Spiking.Models;

/// <summary>
/// One grid step of one lif_delta neuron (<see cref="LifDeltaModel"/>), the same code on every engine:
/// <see cref="LifDeltaMath.Step"/> with this step's jumps summed over both receptors. State: X0 = v (mV).
/// Precise spike times have their own update (<see cref="LifDeltaPreciseMath"/>, in <see cref="LifDeltaGroup"/>).
/// </summary>
internal readonly struct LifDeltaKernel : INeuronKernel
{
    private readonly LifDeltaConstants _c;

    /// <summary>Derives the per-dt constants from the parameters (e^(−dt/τm), t_ref in whole steps).</summary>
    internal LifDeltaKernel(ParameterReader p, double dt)
        => _c = new LifDeltaConstants(ExponentialPropagators.Decay(dt, p["tau_m"]), p["E_L"], p["R_m"], p["V_th"], p["V_reset"], (int)Math.Round(p["t_ref"] / dt));

    /// <summary>The per-dt constants.</summary>
    public LifDeltaConstants Constants => _c;

    /// <inheritdoc/>
    public bool Step(ref NeuronState s, NeuronInput input)
        => LifDeltaMath.Step(_c, ref s.X0, input.Receptor0 + input.Receptor1, input.Current, ref s.Refractory);
}
