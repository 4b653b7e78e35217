using Spiking.Numerics;
using Spiking.Models;

namespace Spiking.Plasticity;

/// <summary>
/// Synaptic traces (Morrison, Diesmann &amp; Gerstner 2008, "Phenomenological models of synaptic
/// plasticity based on spike timing", Biol Cybern 98:459): x decays as dx/dt = −x/τ between spikes
/// and jumps at each spike, by 1 (all-to-all interaction) or to 1 (nearest-spike interaction). The
/// math takes an arbitrary interval so that an event-driven kernel can advance a trace from spike to
/// spike; the time-stepped kernel multiplies by the per-step factor.
/// </summary>
public static class Trace
{
    /// <summary>exp(−interval/τ): the factor a trace keeps over <paramref name="interval"/> ms (0 when τ = 0), with <see cref="PortableMath.Exp(double)"/>: short-term plasticity takes it per spike on every backend.</summary>
    public static double Factor(double interval, double tau) => tau > 0 ? PortableMath.Exp(-interval / tau) : 0.0;

    /// <summary>The value of a trace <paramref name="interval"/> ms later.</summary>
    public static double Decay(double value, double interval, double tau) => value * Factor(interval, tau);

    /// <summary>The trace right after a spike: x + 1 (all-to-all) or 1 (nearest).</summary>
    public static double Bump(double value, bool nearest) => nearest ? 1.0 : value + 1.0;

    /// <summary>Multiplies every trace by <paramref name="factor"/> (one step of decay).</summary>
    public static void DecayAll(Span<double> values, double factor)
    {
        var f = new System.Numerics.Vector<double>(factor);
        int i = 0, width = System.Numerics.Vector<double>.Count;
        for (; i + width <= values.Length; i += width) (new System.Numerics.Vector<double>(values[i..]) * f).CopyTo(values[i..]);
        for (; i < values.Length; i++) values[i] *= factor;
    }
}
