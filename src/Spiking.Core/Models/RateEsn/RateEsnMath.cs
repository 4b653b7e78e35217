using Spiking.Numerics;
using System.Runtime.CompilerServices;

namespace Spiking.Models;

/// <summary>Constants of a rate_esn population: keep = 1 − a, the leak a and the bias b.</summary>
internal readonly record struct RateEsnConstants(double Keep, double Leak, double Bias);

/// <summary>One step of a rate_esn unit: x ← (1 − a)·x + a·tanh(I + b).</summary>
internal static class RateEsnMath
{
    /// <summary>The new state for input <paramref name="u"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Step(in RateEsnConstants c, double x, double u) => c.Keep * x + c.Leak * PortableMath.Tanh(u + c.Bias);

    /// <summary>The new state of a unit that nothing projects onto (no input array): a·tanh(b) is <paramref name="free"/>, computed once.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double StepFree(in RateEsnConstants c, double x, double free) => c.Keep * x + free;

    /// <summary>a·tanh(b), the drive of a unit without input.</summary>
    public static double Free(in RateEsnConstants c) => c.Leak * PortableMath.Tanh(c.Bias);
}
