namespace Spiking.Models;

/// <summary>
/// One step of one rate_linear_discrete unit (<see cref="RateLinearDiscreteModel"/>): v ← r·v + I + I_ext,
/// the discrete-time integrator with f the identity. State: X0 = v, also the output. Never fires.
/// </summary>
internal readonly struct RateLinearDiscreteKernel : INeuronKernel
{
    private readonly double _retention;

    /// <summary>Reads the retention r.</summary>
    internal RateLinearDiscreteKernel(ParameterReader p) => _retention = p["retention"];

    /// <inheritdoc/>
    public bool Step(ref NeuronState s, NeuronInput input)
    {
        s.X0 = _retention * s.X0 + (input.Receptor0 + input.Current);
        return false;
    }
}
