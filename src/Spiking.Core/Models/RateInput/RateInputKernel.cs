namespace Spiking.Models;

/// <summary>
/// One step of one rate_input unit (<see cref="RateInputModel"/>), the same code on every engine: the
/// output is this step's injected current, and stays as it is where no current input targets the
/// population. State: X0 = u, the output. Never fires.
/// </summary>
internal readonly struct RateInputKernel : INeuronKernel
{
    /// <inheritdoc/>
    public bool Step(ref NeuronState s, NeuronInput input)
    {
        if (input.HasCurrent) s.X0 = input.Current;
        return false;
    }
}
