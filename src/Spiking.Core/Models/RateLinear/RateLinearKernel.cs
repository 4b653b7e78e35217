namespace Spiking.Models;

/// <summary>
/// One step of one rate_linear unit (<see cref="RateLinearModel"/>), the same code on every engine:
/// x ← D + (x − D)·e^(−dt/τ) with D = I + I_ext (exact for D constant over the step), output r = x, or
/// r = max(x, 0) for threshold-linear units. State: X0 = x, X1 = r. Never fires.
/// </summary>
internal readonly struct RateLinearKernel : INeuronKernel
{
    private readonly double _decay;
    private readonly int _rectify; // an int, not a bool: device kernels take blittable structs only

    /// <summary>Derives the per-step decay e^(−dt/τ).</summary>
    internal RateLinearKernel(ParameterReader p, double dt)
    {
        _decay = ExponentialPropagators.Decay(dt, p["tau"]);
        _rectify = p["rectify"] == 1 ? 1 : 0;
    }

    /// <inheritdoc/>
    public bool Step(ref NeuronState s, NeuronInput input)
    {
        double drive = input.Receptor0 + input.Current;
        s.X0 = drive + (s.X0 - drive) * _decay;
        s.X1 = _rectify == 1 && s.X0 < 0 ? 0 : s.X0;
        return false;
    }
}
