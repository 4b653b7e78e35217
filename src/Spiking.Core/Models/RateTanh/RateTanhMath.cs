using Spiking.Numerics;
using System.Runtime.CompilerServices;

namespace Spiking.Models;

/// <summary>Constants of a rate_tanh population: the per-step factor k = e^(−dt/τ) (exponential Euler) or 1 − dt/τ (forward Euler).</summary>
internal readonly record struct RateTanhConstants(double Decay);

/// <summary>One step of a rate_tanh unit: x ← I + (x − I)·k, r = tanh(x).</summary>
internal static class RateTanhMath
{
    /// <summary>Advances x towards <paramref name="drive"/>; returns the output tanh(x).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Step(in RateTanhConstants c, ref double x, double drive)
    {
        x = drive + (x - drive) * c.Decay;
        return PortableMath.Tanh(x);
    }
}
