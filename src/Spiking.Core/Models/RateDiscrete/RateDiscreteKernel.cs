namespace Spiking.Models;

/// <summary>
/// One step of one rate_discrete unit (<see cref="RateDiscreteModel"/>), the same code on every engine:
/// v ← r·v + tanh(I) (<see cref="RateDiscreteMath.Step"/>), or v ← v·r when nothing projects onto the
/// unit (no input array: <see cref="RateDiscreteMath.StepFree"/>). State: X0 = v, also the output. Never fires.
/// </summary>
internal readonly struct RateDiscreteKernel : INeuronKernel
{
    private readonly RateDiscreteConstants _c;

    /// <summary>Reads the retention from the parameters.</summary>
    internal RateDiscreteKernel(ParameterReader p) => _c = new RateDiscreteConstants(p["retention"]);

    /// <summary>The population's constants.</summary>
    public RateDiscreteConstants Constants => _c;

    /// <inheritdoc/>
    public bool Step(ref NeuronState s, NeuronInput input)
    {
        s.X0 = input.HasReceptor0 ? RateDiscreteMath.Step(_c, s.X0, input.Receptor0) : RateDiscreteMath.StepFree(_c, s.X0);
        return false;
    }
}
