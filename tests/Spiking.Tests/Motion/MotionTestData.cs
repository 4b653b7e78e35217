using Spiking.Random;

namespace Spiking.Tests.Motion;

/// <summary>Random matrices for the motion tests, from Philox streams (reproducible).</summary>
internal static class MotionTestData
{
    /// <summary>rows × columns, row-major, standard normal.</summary>
    public static double[] Normal(int count, ulong seed)
    {
        var rng = new PhiloxStream(seed, StreamKind.TaskInput, 0x7E57, 0);
        var v = new double[count];
        for (int i = 0; i < v.Length; i++) v[i] = rng.NextNormal();
        return v;
    }

    /// <summary>
    /// <paramref name="columns"/> orthonormal vectors of length <paramref name="length"/>, stored one
    /// after the other (column-major, as <see cref="Spiking.Motion.BgRnnParameters.W"/>), by Gram–Schmidt on normal draws.
    /// </summary>
    public static double[] Orthonormal(int length, int columns, ulong seed)
    {
        var v = Normal(length * columns, seed);
        for (int k = 0; k < columns; k++)
        {
            var ck = v.AsSpan(k * length, length);
            for (int pass = 0; pass < 2; pass++)
                for (int l = 0; l < k; l++)
                {
                    var cl = v.AsSpan(l * length, length);
                    double d = 0;
                    for (int i = 0; i < length; i++) d += ck[i] * cl[i];
                    for (int i = 0; i < length; i++) ck[i] -= d * cl[i];
                }
            double norm = 0;
            for (int i = 0; i < length; i++) norm += ck[i] * ck[i];
            norm = Math.Sqrt(norm);
            for (int i = 0; i < length; i++) ck[i] /= norm;
        }
        return v;
    }
}
