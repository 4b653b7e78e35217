using Spiking.Numerics;
using System.Runtime.CompilerServices;

namespace Spiking.Random;

/// <summary>
/// A sequence of random numbers from Philox4x32-10, keyed by (seed, kind, object, entity) and
/// positioned by a 64-bit block counter. Being a struct with no shared state, each neuron, row or
/// input owns its own stream; the values do not depend on thread count or evaluation order.
/// </summary>
public struct PhiloxStream
{
    private readonly uint _k0, _k1, _c2, _c3;
    private ulong _counter;
    private uint _b0, _b1, _b2, _b3;
    private int _left;

    /// <summary>Opens the stream of one entity (row, neuron) of one object (projection, input) for one purpose.</summary>
    /// <param name="seed">The run's seed.</param>
    /// <param name="kind">What the draws are for.</param>
    /// <param name="objectIndex">Index of the projection, population or input (below 2^24).</param>
    /// <param name="entity">Row, column or neuron index.</param>
    /// <param name="startBlock">Block counter to start at (for example a time step shifted left).</param>
    public PhiloxStream(ulong seed, StreamKind kind, int objectIndex, uint entity, ulong startBlock = 0)
        : this((uint)seed, (uint)(seed >> 32), entity, ((uint)kind << 24) | ((uint)objectIndex & 0xFFFFFF), startBlock)
    {
    }

    private PhiloxStream(uint k0, uint k1, uint c2, uint c3, ulong startBlock)
    {
        _k0 = k0;
        _k1 = k1;
        _c2 = c2;
        _c3 = c3;
        _counter = startBlock;
        _left = 0;
        _b0 = _b1 = _b2 = _b3 = 0;
    }

    /// <summary>
    /// The stream of <paramref name="entity"/> from the key words of <see cref="Key"/>: the same words as
    /// the constructor's stream for that seed, kind and object (the device backend opens streams this way
    /// in its kernels, where it has the key words but not the seed).
    /// </summary>
    public static PhiloxStream FromKey(uint k0, uint k1, uint c3, uint entity, ulong startBlock) => new(k0, k1, entity, c3, startBlock);

    /// <summary>The next uniformly distributed 32-bit word.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public uint NextUInt32()
    {
        if (_left == 0)
        {
            Philox.Block(_k0, _k1, (uint)_counter, (uint)(_counter >> 32), _c2, _c3, out _b0, out _b1, out _b2, out _b3);
            _counter++;
            _left = 4;
        }
        _left--;
        return _left switch { 3 => _b0, 2 => _b1, 1 => _b2, _ => _b3 };
    }

    /// <summary>Uniform double in [0, 1) with 53 random bits.</summary>
    public double NextDouble()
    {
        uint first = NextUInt32();
        return ToDouble(first, NextUInt32());
    }

    /// <summary>The double <see cref="NextDouble"/> makes of two consecutive words: 27 bits of the first, 26 of the second.</summary>
    public static double ToDouble(uint first, uint second)
        => ((((ulong)(first >> 5)) << 26) | (second >> 6)) * (1.0 / 9007199254740992.0);

    /// <summary>Inversion against a table from <see cref="PoissonTable"/> for a given uniform u.</summary>
    public static int PoissonFromUniform(double u, double[] table)
    {
        for (int k = 0; k < table.Length; k++)
            if (u <= table[k]) return k;
        return 1000; // where the sequential search stops when the sum never reaches u
    }

    /// <summary>Uniform double in (0, 1], safe for logarithms.</summary>
    public double NextDoubleNonZero() => 1.0 - NextDouble();

    /// <summary>Uniform integer in [0, n) without modulo bias (Lemire's method).</summary>
    public int NextInt(int n)
    {
        if (n <= 0) throw new ArgumentOutOfRangeException(nameof(n));
        ulong m = (ulong)NextUInt32() * (uint)n;
        uint l = (uint)m;
        if (l < (uint)n)
        {
            uint t = (uint)(-n) % (uint)n;
            while (l < t)
            {
                m = (ulong)NextUInt32() * (uint)n;
                l = (uint)m;
            }
        }
        return (int)(m >> 32);
    }

    /// <summary>Standard normal variate (Box–Muller; one of the pair is used so each call is independent of parity).</summary>
    public double NextNormal()
    {
        double u1 = NextDoubleNonZero();
        double u2 = NextDouble();
        return Math.Sqrt(-2.0 * PortableMath.Log(u1)) * PortableMath.CosTwoPi(u2);
    }

    /// <summary>
    /// Number of failures before the first success of a Bernoulli(p) sequence, for skipping over
    /// absent synapses in O(number present). <paramref name="logOneMinusP"/> is log(1 - p).
    /// </summary>
    public long NextGeometric(double logOneMinusP)
    {
        double g = Math.Floor(Math.Log(NextDoubleNonZero()) / logOneMinusP);
        return g > long.MaxValue / 2 ? long.MaxValue / 2 : (long)g;
    }

    /// <summary>
    /// The cumulative probabilities that <see cref="NextPoisson(double)"/> accumulates for λ &lt; 30,
    /// computed with the same operations in the same order, so that <see cref="NextPoisson(double[])"/>
    /// returns exactly the same draws: for inputs that draw with one λ at every neuron and step.
    /// </summary>
    public static double[] PoissonTable(double lambda)
    {
        if (!(lambda > 0 && lambda < 30)) throw new ArgumentOutOfRangeException(nameof(lambda), "the table serves 0 < λ < 30");
        var cdf = new List<double>();
        double p = PortableMath.Exp(-lambda), f = p;
        cdf.Add(f);
        for (int k = 1; k <= 1000; k++)
        {
            p *= lambda / k;
            double next = f + p;
            if (next == f) break; // from here on the sum no longer grows
            f = next;
            cdf.Add(f);
        }
        return cdf.ToArray();
    }

    /// <summary>Poisson draw by inversion against a table from <see cref="PoissonTable"/>: one uniform, no exponential, no division.</summary>
    public int NextPoisson(double[] table) => PoissonFromUniform(NextDouble(), table);

    /// <summary>The key words and the fixed counter word of a stream, for batched draws with <see cref="Philox.Block4"/>.</summary>
    public static (uint K0, uint K1, uint C3) Key(ulong seed, StreamKind kind, int objectIndex)
        => ((uint)seed, (uint)(seed >> 32), ((uint)kind << 24) | ((uint)objectIndex & 0xFFFFFF));

    /// <summary>
    /// Poisson variate with mean <paramref name="lambda"/>: inversion by sequential search below
    /// 30, PTRS (Hörmann 1993, "The transformed rejection method for generating Poisson random
    /// variables") above.
    /// </summary>
    public int NextPoisson(double lambda)
    {
        if (lambda <= 0) return 0;
        if (lambda < 30)
        {
            double u = NextDouble();
            double p = PortableMath.Exp(-lambda);
            double f = p;
            int k = 0;
            while (u > f && k < 1000)
            {
                k++;
                p *= lambda / k;
                f += p;
            }
            return k;
        }
        double slam = Math.Sqrt(lambda), loglam = PortableMath.Log(lambda);
        double b = 0.931 + 2.53 * slam;
        double a = -0.059 + 0.02483 * b;
        double invalpha = 1.1239 + 1.1328 / (b - 3.4);
        double vr = 0.9277 - 3.6224 / (b - 2);
        while (true)
        {
            double u = NextDouble() - 0.5;
            double v = NextDouble();
            double us = 0.5 - Math.Abs(u);
            int k = (int)Math.Floor((2 * a / us + b) * u + lambda + 0.43);
            if (us >= 0.07 && v <= vr) return k;
            if (k < 0 || (us < 0.013 && v > us)) continue;
            if (PortableMath.Log(v) + PortableMath.Log(invalpha) - PortableMath.Log(a / (us * us) + b) <= -lambda + k * loglam - LogFactorial(k))
                return k;
        }
    }

    private static double LogFactorial(int k)
    {
        if (k < 20)
        {
            double r = 0;
            for (int i = 2; i <= k; i++) r += PortableMath.Log(i);
            return r;
        }
        // Stirling series
        double x = k + 1.0;
        return (x - 0.5) * PortableMath.Log(x) - x + 0.5 * PortableMath.Log(2 * Math.PI) + 1.0 / (12 * x) - 1.0 / (360 * x * x * x);
    }
}
