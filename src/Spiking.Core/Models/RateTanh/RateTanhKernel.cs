namespace Spiking.Models;

/// <summary>
/// One step of one rate_tanh unit (<see cref="RateTanhModel"/>), the same code on every engine:
/// x ← I + (x − I)·k, r = tanh(x) (<see cref="RateTanhMath.Step"/>; I is 0 when nothing projects onto
/// the unit). State: X0 = x, X1 = r, the output. Never fires.
/// </summary>
internal readonly struct RateTanhKernel : INeuronKernel
{
    private readonly RateTanhConstants _c;

    /// <summary>Derives the per-step factor k: e^(−dt/τ) (exponential Euler) or 1 − dt/τ (forward Euler, euler = 1).</summary>
    internal RateTanhKernel(ParameterReader p, double dt)
        => _c = new RateTanhConstants(p["euler"] == 1 ? 1 - dt / p["tau"] : ExponentialPropagators.Decay(dt, p["tau"]));

    /// <summary>The population's constants.</summary>
    public RateTanhConstants Constants => _c;

    /// <inheritdoc/>
    public bool Step(ref NeuronState s, NeuronInput input)
    {
        s.X1 = RateTanhMath.Step(_c, ref s.X0, input.Receptor0);
        return false;
    }
}
