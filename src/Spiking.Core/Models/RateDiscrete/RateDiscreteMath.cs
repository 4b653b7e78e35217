using Spiking.Numerics;
using System.Runtime.CompilerServices;

namespace Spiking.Models;

/// <summary>Constants of a rate_discrete population: the retention r.</summary>
internal readonly record struct RateDiscreteConstants(double Retention);

/// <summary>One step of a rate_discrete unit: v ← r·v + tanh(I).</summary>
internal static class RateDiscreteMath
{
    /// <summary>The new value for input <paramref name="u"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Step(in RateDiscreteConstants c, double v, double u) => c.Retention * v + PortableMath.Tanh(u);

    /// <summary>The new value of a unit that nothing projects onto.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double StepFree(in RateDiscreteConstants c, double v) => v * c.Retention;
}
