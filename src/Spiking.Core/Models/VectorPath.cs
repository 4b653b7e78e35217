using System.Numerics;

namespace Spiking.Models;

/// <summary>
/// Switch for the hand-vectorised neuron loops. On by default where the hardware accelerates
/// <see cref="Vector{T}"/>; tests turn it off to hold the vector path to the scalar one.
/// </summary>
public static class VectorPath
{
    /// <summary>Whether neuron updates use System.Numerics vectors.</summary>
    public static bool Enabled { get; set; } = Vector.IsHardwareAccelerated;
}
