using System.Numerics;
using System.Runtime.Intrinsics;

namespace Spiking.Models;

/// <summary>
/// Switch for the hand-vectorised neuron loops. On by default where the hardware accelerates
/// <see cref="Vector{T}"/>; tests turn it off to hold the vector path to the scalar one.
/// </summary>
public static class VectorPath
{
    /// <summary>Whether neuron updates use System.Numerics vectors.</summary>
    public static bool Enabled { get; set; } = Vector.IsHardwareAccelerated;

    /// <summary>
    /// Whether loops that have an eight-lane (AVX-512) form use it. On where 512-bit vectors are
    /// accelerated; tests turn it off to hold the four-lane form to the same bits.
    /// </summary>
    public static bool Wide { get; set; } = Vector512.IsHardwareAccelerated;
}
