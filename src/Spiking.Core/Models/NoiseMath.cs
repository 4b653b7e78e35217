using Spiking.Numerics;
using System.Runtime.CompilerServices;
using Spiking.Random;

namespace Spiking.Models;

/// <summary>
/// One neuron's Gaussian noise current of one step, the reference arithmetic of every backend: the
/// CPU kernel and the device kernel both draw block n (the step) of stream (seed, NoiseInput, input,
/// neuron) and pass its four words here. It is <see cref="PhiloxStream.NextNormal"/> of that fresh
/// stream (Box–Muller on the uniforms of words 0–1 and 2–3), scaled and shifted.
/// </summary>
internal static class NoiseMath
{
    /// <summary>mean + sd·z, z the standard normal of one Philox block.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Draw(double mean, double sd, uint b0, uint b1, uint b2, uint b3)
    {
        double u1 = 1.0 - PhiloxStream.ToDouble(b0, b1);
        double u2 = PhiloxStream.ToDouble(b2, b3);
        return mean + sd * (Math.Sqrt(-2.0 * PortableMath.Log(u1)) * PortableMath.CosTwoPi(u2));
    }
}
