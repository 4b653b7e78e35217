namespace Spiking.Models;

/// <summary>
/// One grid step of one lif_cuba neuron (<see cref="LifCubaModel"/>), the same code on every engine: this
/// step's input added to I_ex and I_in where it comes through an input array (receptors fed directly
/// already hold it), v∞ from the injected current where there is one, then <see cref="LifCubaMath.Step"/>.
/// State: X0 = v, X1 = I_ex, X2 = I_in (mV). Precise spike times have their own update
/// (<see cref="LifCubaPreciseMath"/>, in <see cref="LifCubaGroup"/>).
/// </summary>
internal readonly struct LifCubaKernel : INeuronKernel
{
    private readonly LifCubaConstants _c;

    /// <summary>Derives the per-dt constants from the parameters (the propagators of exact integration, t_ref in whole steps).</summary>
    internal LifCubaKernel(ParameterReader p, double dt)
    {
        double tauM = p["tau_m"], tauEx = p["tau_syn_ex"], tauIn = p["tau_syn_in"];
        _c = new LifCubaConstants(ExponentialPropagators.Decay(dt, tauM), ExponentialPropagators.Decay(dt, tauEx), ExponentialPropagators.Decay(dt, tauIn),
            ExponentialPropagators.CurrentToVoltage(dt, tauM, tauEx), ExponentialPropagators.CurrentToVoltage(dt, tauM, tauIn),
            p["E_L"], p["R_m"], p["V_th"], p["V_reset"], (int)Math.Round(p["t_ref"] / dt));
    }

    /// <summary>The per-dt constants.</summary>
    public LifCubaConstants Constants => _c;

    /// <inheritdoc/>
    public bool Step(ref NeuronState s, NeuronInput input)
    {
        if (input.HasReceptor0) s.X1 += input.Receptor0;
        if (input.HasReceptor1) s.X2 += input.Receptor1;
        double vinf = input.HasCurrent ? LifCubaMath.RestingPotential(_c, input.Current) : _c.El;
        return LifCubaMath.Step(_c, ref s.X0, ref s.X1, ref s.X2, vinf, ref s.Refractory);
    }
}
