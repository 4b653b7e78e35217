using BenchmarkDotNet.Attributes;
using Spiking.Random;

namespace Spiking.Benchmarks;

/// <summary>Philox4x32-10: per 32-bit word, per double, and per stream opened for one draw (as the Poisson input does per neuron-step).</summary>
public class PhiloxBenchmarks
{
    public const int Words = 1 << 16;
    public const int Doubles = 1 << 15;
    public const int Streams = 1 << 14;

    private ulong _seed = 12345;

    /// <summary>Ten-round blocks called directly: cost per word of four.</summary>
    [Benchmark(OperationsPerInvoke = Words)]
    public uint BlockPerWord()
    {
        uint k0 = (uint)_seed, k1 = (uint)(_seed >> 32), acc = 0;
        for (uint c = 0; c < Words / 4; c++)
        {
            Philox.Block(k0, k1, c, 0, 7, 3, out var r0, out var r1, out var r2, out var r3);
            acc ^= r0 ^ r1 ^ r2 ^ r3;
        }
        return acc;
    }

    /// <summary><see cref="PhiloxStream.NextUInt32"/>: a block every fourth call.</summary>
    [Benchmark(OperationsPerInvoke = Words)]
    public uint StreamNextUInt32()
    {
        var rng = new PhiloxStream(_seed, StreamKind.ModelNoise, 0, 7);
        uint acc = 0;
        for (int k = 0; k < Words; k++) acc ^= rng.NextUInt32();
        return acc;
    }

    /// <summary><see cref="PhiloxStream.NextDouble"/>: two words (53 bits) per double.</summary>
    [Benchmark(OperationsPerInvoke = Doubles)]
    public double StreamNextDouble()
    {
        var rng = new PhiloxStream(_seed, StreamKind.ModelNoise, 0, 7);
        double acc = 0;
        for (int k = 0; k < Doubles; k++) acc += rng.NextDouble();
        return acc;
    }

    /// <summary>A fresh stream per draw (one block for one double), as the kernel opens one per neuron per step.</summary>
    [Benchmark(OperationsPerInvoke = Streams)]
    public double OpenStreamNextDouble()
    {
        double acc = 0;
        for (int k = 0; k < Streams; k++)
        {
            var rng = new PhiloxStream(_seed, StreamKind.PoissonInput, 0, (uint)k, 16);
            acc += rng.NextDouble();
        }
        return acc;
    }
}
