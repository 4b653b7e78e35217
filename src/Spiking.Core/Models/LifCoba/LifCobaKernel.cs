namespace Spiking.Models;

/// <summary>
/// One step of one lif_coba neuron (<see cref="LifCobaModel"/>), the same code on every engine: this
/// step's input added to g_ex and g_in where it comes through an input array (receptors fed directly
/// already hold it), then <see cref="LifCobaMath.Step"/>. State: X0 = v (mV), X1 = g_ex, X2 = g_in (nS).
/// </summary>
internal readonly struct LifCobaKernel : INeuronKernel
{
    private readonly LifCobaConstants _c;

    /// <summary>Derives the per-dt constants from the parameters (dt/C_m, e^(−dt/τ) of both conductances, t_ref in whole steps).</summary>
    internal LifCobaKernel(ParameterReader p, double dt)
        => _c = new LifCobaConstants(p["g_L"], p["E_L"], p["E_ex"], p["E_in"], dt / p["C_m"],
            ExponentialPropagators.Decay(dt, p["tau_syn_ex"]), ExponentialPropagators.Decay(dt, p["tau_syn_in"]),
            p["V_th"], p["V_reset"], (int)Math.Round(p["t_ref"] / dt));

    /// <summary>The per-dt constants.</summary>
    public LifCobaConstants Constants => _c;

    /// <inheritdoc/>
    public bool Step(ref NeuronState s, NeuronInput input)
    {
        if (input.HasReceptor0) s.X1 += input.Receptor0;
        if (input.HasReceptor1) s.X2 += input.Receptor1;
        return LifCobaMath.Step(_c, ref s.X0, ref s.X1, ref s.X2, input.HasCurrent, input.Current, ref s.Refractory);
    }
}
