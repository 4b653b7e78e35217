using System.Numerics;
using Spiking.Random;

namespace Spiking.Plasticity;

/// <summary>
/// Random ±1 patterns ξ^μ for associative memories, and the storage prescriptions that turn them into
/// weights. Pattern μ, unit i: bit 0 of the i-th word of stream (seed, TaskInput, object 21, entity μ),
/// so a pattern does not depend on how many others are drawn.
/// </summary>
public static class HopfieldPatterns
{
    /// <summary>The stream object of the patterns (the issue that introduced them).</summary>
    private const int StreamObject = 21;

    /// <summary><paramref name="count"/> patterns of <paramref name="size"/> units, entries −1 or +1.</summary>
    public static sbyte[][] Generate(ulong seed, int count, int size)
    {
        var patterns = new sbyte[count][];
        for (int mu = 0; mu < count; mu++)
        {
            var rng = new PhiloxStream(seed, StreamKind.TaskInput, StreamObject, (uint)mu);
            var xi = patterns[mu] = new sbyte[size];
            for (int i = 0; i < size; i++) xi[i] = (rng.NextUInt32() & 1) == 1 ? (sbyte)1 : (sbyte)-1;
        }
        return patterns;
    }

    /// <summary>
    /// Overlap m = (1/N) Σ_i ξ_i σ_i of a state with a pattern, σ = s for ±1 units and 2s − 1 for 0/1
    /// units (<paramref name="low"/> = 0).
    /// </summary>
    public static double Overlap(ReadOnlySpan<sbyte> pattern, ReadOnlySpan<double> state, double low = -1)
    {
        double sum = 0;
        for (int i = 0; i < pattern.Length; i++) sum += pattern[i] * (low == 0 ? 2 * state[i] - 1 : state[i]);
        return sum / pattern.Length;
    }

    /// <summary>
    /// Σ_μ ξ_i^μ ξ_j^μ for every pair, through bit-packed patterns: P − 2·popcount(x_i xor x_j), with
    /// bit μ of x_i set when ξ_i^μ = −1. Returns a function of (i, j).
    /// </summary>
    internal static Func<int, int, int> HebbianSums(sbyte[][] patterns, int size)
    {
        int count = patterns.Length, words = (count + 63) / 64;
        var bits = new ulong[(long)size * words];
        for (int mu = 0; mu < count; mu++)
            for (int i = 0; i < size; i++)
                if (patterns[mu][i] < 0) bits[(long)i * words + mu / 64] |= 1UL << (mu % 64);
        return (i, j) =>
        {
            int differ = 0;
            long a = (long)i * words, b = (long)j * words;
            for (int w = 0; w < words; w++) differ += BitOperations.PopCount(bits[a + w] ^ bits[b + w]);
            return count - 2 * differ;
        };
    }

    /// <summary>
    /// Y = Ξ C⁻¹ for the projection (pseudo-inverse) rule of Personnaz, Guyon &amp; Dreyfus (1986):
    /// W = (1/N) Ξ C⁻¹ Ξᵀ with C_μν = (1/N) ξ^μ·ξ^ν, so that every stored pattern is a fixed point
    /// (W ξ^μ = ξ^μ before the diagonal is removed). Row i of the result is Y_i·; w_ij = (1/N) Σ_μ Y_iμ ξ_j^μ.
    /// Throws when the patterns are linearly dependent (C singular).
    /// </summary>
    internal static double[][] ProjectionFactors(sbyte[][] patterns, int size)
    {
        int p = patterns.Length;
        var c = new double[p, p];
        for (int a = 0; a < p; a++)
            for (int b = 0; b <= a; b++)
            {
                long dot = 0;
                for (int i = 0; i < size; i++) dot += patterns[a][i] * patterns[b][i];
                c[a, b] = c[b, a] = dot / (double)size;
            }
        // Cholesky C = L Lᵀ (C is a Gram matrix: symmetric, positive definite for independent patterns).
        var l = new double[p, p];
        for (int a = 0; a < p; a++)
            for (int b = 0; b <= a; b++)
            {
                double sum = c[a, b];
                for (int k = 0; k < b; k++) sum -= l[a, k] * l[b, k];
                if (a == b)
                {
                    if (!(sum > 1e-12)) throw new ArgumentException("the patterns are linearly dependent: the pseudo-inverse rule needs independent patterns");
                    l[a, a] = Math.Sqrt(sum);
                }
                else l[a, b] = sum / l[b, b];
            }
        var y = new double[size][];
        var z = new double[p];
        for (int i = 0; i < size; i++)
        {
            // Solve C y = ξ_i (the patterns' entries at unit i): L z = ξ_i, then Lᵀ y = z.
            for (int a = 0; a < p; a++)
            {
                double sum = patterns[a][i];
                for (int k = 0; k < a; k++) sum -= l[a, k] * z[k];
                z[a] = sum / l[a, a];
            }
            var row = y[i] = new double[p];
            for (int a = p - 1; a >= 0; a--)
            {
                double sum = z[a];
                for (int k = a + 1; k < p; k++) sum -= l[k, a] * row[k];
                row[a] = sum / l[a, a];
            }
        }
        return y;
    }
}
