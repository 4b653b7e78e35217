using Spiking.Numerics;
using System.Runtime.Intrinsics;
using Spiking.Models;
using Spiking.Random;
using Xunit;

namespace Spiking.Tests.Core;

/// <summary>
/// <see cref="PortableMath"/> against the C library's functions (glibc, nearly correctly rounded) over
/// arguments drawn across each function's range and dense where its branches meet, and its vector
/// exponential against its scalar one bit for bit. The bounds are the accuracy the documentation
/// claims; a wrong coefficient or a branch off by a bit fails them by orders of magnitude.
/// </summary>
public sealed class PortableMathTests
{
    private const int Draws = 400_000;

    private static long Ulps(double a, double b)
    {
        if (a == b || (double.IsNaN(a) && double.IsNaN(b))) return 0;
        long ia = BitConverter.DoubleToInt64Bits(a), ib = BitConverter.DoubleToInt64Bits(b);
        if ((ia < 0) != (ib < 0)) return long.MaxValue;
        return Math.Abs(ia - ib);
    }

    private static IEnumerable<double> Uniform(ulong seed, double lo, double hi, int n)
    {
        var rng = new PhiloxStream(seed, (StreamKind)0, 0, 0);
        for (int i = 0; i < n; i++) yield return lo + (hi - lo) * rng.NextDouble();
    }

    [Fact]
    public void Exp_is_within_one_ulp_of_the_C_library()
    {
        long worst = 0, differ = 0, n = 0;
        var args = Uniform(1, -745, 709.7, Draws).Concat(Uniform(2, -2, 2, Draws)).Concat(Uniform(3, -1e-6, 1e-6, Draws / 4))
            .Concat(Uniform(4, -30, 0, Draws)); // lif_coba's and the logistic's range
        foreach (double x in args)
        {
            long u = Ulps(PortableMath.Exp(x), Math.Exp(x));
            worst = Math.Max(worst, u);
            if (u != 0) differ++;
            n++;
        }
        Assert.True(worst <= 1, $"worst {worst} ulp");
        Assert.True(differ < n / 8, $"{differ} of {n} differ from glibc"); // measured: 9 % differ, by 1 ulp
        Assert.Equal(1.0, PortableMath.Exp(0.0));
        Assert.Equal(double.PositiveInfinity, PortableMath.Exp(710));
        Assert.Equal(double.PositiveInfinity, PortableMath.Exp(double.PositiveInfinity));
        Assert.Equal(0.0, PortableMath.Exp(-746));
        Assert.Equal(0.0, PortableMath.Exp(double.NegativeInfinity));
        Assert.True(double.IsNaN(PortableMath.Exp(double.NaN)));
        Assert.Equal(Math.Exp(709.5), PortableMath.Exp(709.5), 1e-300); // k = 1024: scaled in two steps
        Assert.True(Ulps(PortableMath.Exp(-740), Math.Exp(-740)) <= 1); // subnormal result
    }

    [Fact]
    public void Vector_exp_gives_the_scalar_bits_in_every_lane()
    {
        var xs = Uniform(5, -800, 720, 40_000).Concat(Uniform(6, -1, 1, 40_000))
            .Concat([double.NaN, double.PositiveInfinity, double.NegativeInfinity, 709.5, -740, -1021 * Math.Log(2), 0.0, -0.0]).ToArray();
        for (int i = 0; i + 8 <= xs.Length; i += 8)
        {
            var v8 = PortableMath.Exp(Vector512.Create(xs.AsSpan(i, 8)));
            var v4 = PortableMath.Exp(Vector256.Create(xs.AsSpan(i, 4)));
            for (int j = 0; j < 8; j++)
                Assert.Equal(BitConverter.DoubleToInt64Bits(PortableMath.Exp(xs[i + j])), BitConverter.DoubleToInt64Bits(v8[j]));
            for (int j = 0; j < 4; j++)
                Assert.Equal(BitConverter.DoubleToInt64Bits(PortableMath.Exp(xs[i + j])), BitConverter.DoubleToInt64Bits(v4[j]));
        }
    }

    [Fact]
    public void Log_is_within_one_ulp_of_the_C_library()
    {
        long worst = 0, differ = 0, n = 0;
        var rng = new PhiloxStream(7, (StreamKind)0, 0, 0);
        var args = new List<double>();
        for (int i = 0; i < Draws; i++)
        {
            // every positive finite double, uniform in its bits; and the uniforms Box–Muller and PTRS take
            double x = BitConverter.Int64BitsToDouble((long)(((ulong)rng.NextUInt32() << 32 | rng.NextUInt32()) % 0x7ff0000000000000UL));
            args.Add(x);
            args.Add(1.0 - rng.NextDouble());
        }
        args.AddRange(Uniform(8, 0.9999, 1.0001, Draws / 4)); // |f| < 2^-20 and the branch around it
        args.AddRange([double.Epsilon, 1e-310, 2.2250738585072014e-308, 0.5, 2, Math.E, 1e300, double.MaxValue]);
        foreach (double x in args)
        {
            long u = Ulps(PortableMath.Log(x), Math.Log(x));
            worst = Math.Max(worst, u);
            if (u != 0) differ++;
            n++;
        }
        Assert.True(worst <= 1, $"worst {worst} ulp");
        Assert.True(differ < n / 8, $"{differ} of {n} differ from glibc");
        Assert.Equal(0.0, PortableMath.Log(1.0));
        Assert.Equal(double.NegativeInfinity, PortableMath.Log(0.0));
        Assert.Equal(double.NegativeInfinity, PortableMath.Log(-0.0));
        Assert.True(double.IsNaN(PortableMath.Log(-1)));
        Assert.True(double.IsNaN(PortableMath.Log(double.NaN)));
        Assert.Equal(double.PositiveInfinity, PortableMath.Log(double.PositiveInfinity));
    }

    [Fact]
    public void Tanh_is_within_three_ulp_of_the_C_library()
    {
        long worst = 0, n = 0;
        var args = Uniform(9, -25, 25, Draws).Concat(Uniform(10, -1.2, 1.2, Draws)).Concat(Uniform(11, -1e-8, 1e-8, Draws / 4))
            .Concat(Uniform(12, 0.3, 0.4, Draws / 4)).Concat(Uniform(13, 19, 29, Draws / 4)); // branch points of expm1's reduction
        foreach (double x in args)
        {
            long u = Ulps(PortableMath.Tanh(x), Math.Tanh(x));
            worst = Math.Max(worst, u);
            n++;
        }
        Assert.True(worst <= 3, $"worst {worst} ulp"); // fdlibm's: 1 ulp in expm1 becomes up to 3 just below tanh = 0.5
        Assert.Equal(0.0, PortableMath.Tanh(0.0));
        Assert.Equal(1.0, PortableMath.Tanh(40));
        Assert.Equal(-1.0, PortableMath.Tanh(double.NegativeInfinity));
        Assert.True(double.IsNaN(PortableMath.Tanh(double.NaN)));
        Assert.Equal(-PortableMath.Tanh(0.7), PortableMath.Tanh(-0.7));
    }

    [Fact]
    public void Expm1_is_accurate_near_zero_and_far_from_it()
    {
        long worst = 0;
        foreach (double x in Uniform(14, -40, 700, Draws))
            if (Math.Abs(x) > 1) worst = Math.Max(worst, Ulps(PortableMath.Expm1(x), Math.Exp(x) - 1));
        Assert.True(worst <= 2, $"worst {worst} ulp away from 0");
        foreach (double x in Uniform(15, -1e-4, 1e-4, Draws / 4))
        {
            // e^x − 1 = x + x²/2 + x³/6 + x⁴/24 + …: the series is exact enough at |x| ≤ 1e-4
            double series = x + x * x / 2 + x * x * x / 6 + x * x * x * x / 24 + x * x * x * x * x / 120;
            Assert.True(Ulps(PortableMath.Expm1(x), series) <= 1, $"expm1({x:R})");
        }
    }

    [Fact]
    public void CosTwoPi_is_within_two_to_the_minus_52_of_the_cosine()
    {
        double worst = 0;
        foreach (double u in Uniform(16, 0, 1, Draws).Concat(Uniform(17, -3, 3, Draws / 4)))
        {
            // the reference: the C library's cosine at a = 2πr rounded (r = u − round(u), exact), corrected to
            // first order by the rounding error da of a, which an FMA and 2π's tail give exactly enough
            double r = u - Math.Round(u);
            double a = 2 * Math.PI * r;
            double da = Math.FusedMultiplyAdd(2 * Math.PI, r, -a) + 2.4492935982947064e-16 * r;
            double reference = Math.Cos(a) - Math.Sin(a) * da;
            worst = Math.Max(worst, Math.Abs(PortableMath.CosTwoPi(u) - reference));
        }
        Assert.True(worst <= Math.Pow(2, -52), $"worst {worst:E3}");
        Assert.Equal(1.0, PortableMath.CosTwoPi(0.0));
        Assert.Equal(0.0, PortableMath.CosTwoPi(0.25));
        Assert.Equal(-1.0, PortableMath.CosTwoPi(0.5));
        Assert.Equal(0.0, PortableMath.CosTwoPi(0.75));
        Assert.Equal(Math.Sqrt(0.5), PortableMath.CosTwoPi(0.125), 1e-16);
        Assert.True(double.IsNaN(PortableMath.CosTwoPi(double.PositiveInfinity)));
    }
}
