namespace Spiking.Models;

/// <summary>
/// One step of one izhikevich neuron (<see cref="IzhikevichModel"/>), the same code on every engine:
/// <see cref="IzhikevichMath.Step"/> with this step's input summed over both receptors. State: X0 = v
/// (mV), X1 = u, X2 = I_syn (mV/ms).
/// </summary>
internal readonly struct IzhikevichKernel : INeuronKernel
{
    private readonly IzhikevichConstants _c;

    /// <summary>Derives the per-dt constants from the parameters (e^(−dt/τsyn), 0 when τsyn is 0).</summary>
    internal IzhikevichKernel(ParameterReader p, double dt)
    {
        double tauSyn = p["tau_syn"];
        _c = new IzhikevichConstants(p["a"], p["b"], p["c"], p["d"], p["v_peak"], tauSyn, p["k_ext"], dt, tauSyn > 0 ? Math.Exp(-dt / tauSyn) : 0);
    }

    /// <summary>The parameters and per-dt constants.</summary>
    public IzhikevichConstants Constants => _c;

    /// <inheritdoc/>
    public bool Step(ref NeuronState s, NeuronInput input)
        => IzhikevichMath.Step(_c, ref s.X0, ref s.X1, ref s.X2, input.Receptor0 + input.Receptor1, input.Current);
}
