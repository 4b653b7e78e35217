using Spiking.Random;

namespace Spiking.Tests.Core;

public class PhiloxTests
{
    // Known-answer vectors of Philox4x32-10 from Random123 (D. E. Shaw Research), file kat_vectors:
    // "philox4x32 10 <counter x4> <key x2> <expected x4>".
    [Theory]
    [InlineData(0u, 0u, 0u, 0u, 0u, 0u, 0x6627e8d5u, 0xe169c58du, 0xbc57ac4cu, 0x9b00dbd8u)]
    [InlineData(0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu, 0x408f276du, 0x41c83b0eu, 0xa20bc7c6u, 0x6d5451fdu)]
    [InlineData(0x243f6a88u, 0x85a308d3u, 0x13198a2eu, 0x03707344u, 0xa4093822u, 0x299f31d0u, 0xd16cfe09u, 0x94fdccebu, 0x5001e420u, 0x24126ea1u)]
    public void Philox4x32_10_matches_Random123_known_answers(uint c0, uint c1, uint c2, uint c3, uint k0, uint k1, uint e0, uint e1, uint e2, uint e3)
    {
        Philox.Block(k0, k1, c0, c1, c2, c3, out var r0, out var r1, out var r2, out var r3);
        Assert.Equal((e0, e1, e2, e3), (r0, r1, r2, r3));
    }

    [Fact]
    public void Streams_with_different_entities_are_independent_and_repeatable()
    {
        var a = new PhiloxStream(42, StreamKind.Connectivity, 3, 7);
        var b = new PhiloxStream(42, StreamKind.Connectivity, 3, 7);
        var c = new PhiloxStream(42, StreamKind.Connectivity, 3, 8);
        var xa = Enumerable.Range(0, 10).Select(_ => a.NextUInt32()).ToArray();
        var xb = Enumerable.Range(0, 10).Select(_ => b.NextUInt32()).ToArray();
        var xc = Enumerable.Range(0, 10).Select(_ => c.NextUInt32()).ToArray();
        Assert.Equal(xa, xb);
        Assert.NotEqual(xa, xc);
    }

    [Theory]
    [InlineData(0.3)]
    [InlineData(2.0)]
    [InlineData(12.5)]
    [InlineData(80.0)]
    public void Poisson_draws_have_the_requested_mean_and_variance(double lambda)
    {
        const int n = 200_000;
        double sum = 0, sq = 0;
        for (int i = 0; i < n; i++)
        {
            var s = new PhiloxStream(7, StreamKind.PoissonInput, 0, (uint)i);
            double k = s.NextPoisson(lambda);
            sum += k; sq += k * k;
        }
        double mean = sum / n, variance = sq / n - mean * mean;
        // Standard error of the mean is sqrt(lambda/n); allow 5 standard errors. Variance within 3%.
        Assert.InRange(mean, lambda - 5 * Math.Sqrt(lambda / n), lambda + 5 * Math.Sqrt(lambda / n));
        Assert.InRange(variance / lambda, 0.97, 1.03);
    }

    [Fact]
    public void Uniform_doubles_are_in_unit_interval_with_mean_one_half()
    {
        var s = new PhiloxStream(1, StreamKind.ModelNoise, 0, 0);
        double sum = 0;
        for (int i = 0; i < 100_000; i++)
        {
            double u = s.NextDouble();
            Assert.InRange(u, 0.0, 0.9999999999999999);
            sum += u;
        }
        Assert.InRange(sum / 100_000, 0.5 - 5 * 0.2887 / Math.Sqrt(100_000), 0.5 + 5 * 0.2887 / Math.Sqrt(100_000));
    }

    [Theory]
    [InlineData(0.01)]
    [InlineData(2.0)]
    [InlineData(29.9)]
    public void Table_Poisson_draws_equal_the_sequential_search_draw_for_draw(double lambda)
    {
        var table = PhiloxStream.PoissonTable(lambda);
        for (uint i = 0; i < 100_000; i++)
        {
            var a = new PhiloxStream(11, StreamKind.PoissonInput, 2, i, 16);
            var b = new PhiloxStream(11, StreamKind.PoissonInput, 2, i, 16);
            Assert.Equal(a.NextPoisson(lambda), b.NextPoisson(table));
        }
    }

    [Fact]
    public void Four_interleaved_blocks_equal_four_single_blocks()
    {
        for (uint e = 0; e < 1000; e += 4)
        {
            Philox.Block4(7, 9, 123, 4, e, e + 1, e + 2, e + 3, 0x03000002, out var a, out var b, out var c, out var d);
            var words = new[] { a, b, c, d };
            for (uint l = 0; l < 4; l++)
            {
                Philox.Block(7, 9, 123, 4, e + l, 0x03000002, out var r0, out var r1, out _, out _);
                Assert.Equal(((ulong)r1 << 32) | r0, words[l]);
            }
        }
    }
}
