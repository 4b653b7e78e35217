namespace Spiking.Models;

/// <summary>
/// One step of one rate_esn unit (<see cref="RateEsnModel"/>), the same code on every engine:
/// x ← (1 − a)·x + a·tanh(I + b) (<see cref="RateEsnMath.Step"/>), or x ← (1 − a)·x + a·tanh(b) when
/// nothing projects onto the unit (no input array: <see cref="RateEsnMath.StepFree"/>, a·tanh(b) taken
/// once). State: X0 = x, also the output. Never fires.
/// </summary>
internal readonly struct RateEsnKernel : INeuronKernel
{
    private readonly RateEsnConstants _c;
    private readonly double _free;

    /// <summary>Reads the leak and bias from the parameters.</summary>
    internal RateEsnKernel(ParameterReader p)
    {
        _c = new RateEsnConstants(1 - p["leak"], p["leak"], p["bias"]);
        _free = RateEsnMath.Free(_c);
    }

    /// <summary>The population's constants.</summary>
    public RateEsnConstants Constants => _c;

    /// <inheritdoc/>
    public bool Step(ref NeuronState s, NeuronInput input)
    {
        s.X0 = input.HasReceptor0 ? RateEsnMath.Step(_c, s.X0, input.Receptor0) : RateEsnMath.StepFree(_c, s.X0, _free);
        return false;
    }
}
