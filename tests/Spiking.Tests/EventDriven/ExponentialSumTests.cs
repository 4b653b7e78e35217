using Spiking.Numerics;
using Spiking.EventDriven;
using Spiking.Models;

namespace Spiking.Tests.EventDriven;

/// <summary>
/// The root search of <see cref="ExponentialSum"/> walks its bisection tree with bit masks instead of
/// recursion (so device kernels can run it). Against the recursive walk it replaced, written out here
/// as the reference: the same root, bit for bit, for random sums that cross, graze or stay below 0.
/// </summary>
public class ExponentialSumTests
{
    private const double Tolerance = ExponentialSum.Tolerance;

    private static double Value(in ExponentialSum f, double e1, double e2, double e3) => f.C0 + f.C1 * e1 + f.C2 * e2 + f.C3 * e3;

    private static double Exp(double x) => PortableMath.Exp(x);

    /// <summary>The recursive search as it was (depth guard 200).</summary>
    private static double Search(in ExponentialSum f, double a, double b, double fa, double ea1, double ea2, double ea3, double eb1, double eb2, double eb3, int depth)
    {
        double ub = f.C0 + Math.Max(f.C1 * ea1, f.C1 * eb1) + Math.Max(f.C2 * ea2, f.C2 * eb2) + Math.Max(f.C3 * ea3, f.C3 * eb3);
        if (ub < 0) return double.PositiveInfinity;
        double fb = Value(f, eb1, eb2, eb3);
        double d1 = -f.R1 * f.C1, d2 = -f.R2 * f.C2, d3 = -f.R3 * f.C3;
        double slopeLow = Math.Min(d1 * ea1, d1 * eb1) + Math.Min(d2 * ea2, d2 * eb2) + Math.Min(d3 * ea3, d3 * eb3);
        if (slopeLow > 0) return fb >= 0 ? Refine(f, a, b, fa, fb) : double.PositiveInfinity;
        double slopeHigh = Math.Max(d1 * ea1, d1 * eb1) + Math.Max(d2 * ea2, d2 * eb2) + Math.Max(d3 * ea3, d3 * eb3);
        if (slopeHigh <= 0) return double.PositiveInfinity;
        if (b - a <= Tolerance * (1 + b) || depth > 200) return fb >= 0 ? b : double.PositiveInfinity;
        double m = 0.5 * (a + b);
        double em1 = Exp(-f.R1 * m), em2 = Exp(-f.R2 * m), em3 = Exp(-f.R3 * m);
        double fm = Value(f, em1, em2, em3);
        if (fm >= 0) return Search(f, a, m, fa, ea1, ea2, ea3, em1, em2, em3, depth + 1) is var r && r <= m ? r : m;
        double left = Search(f, a, m, fa, ea1, ea2, ea3, em1, em2, em3, depth + 1);
        return left < double.PositiveInfinity ? left : Search(f, m, b, fm, em1, em2, em3, eb1, eb2, eb3, depth + 1);
    }

    private static double Refine(in ExponentialSum f, double lo, double hi, double flo, double fhi)
    {
        double s = fhi > flo ? lo - flo * (hi - lo) / (fhi - flo) : 0.5 * (lo + hi);
        if (!(s > lo && s < hi)) s = 0.5 * (lo + hi);
        for (int it = 0; it < 100; it++)
        {
            double e1 = Exp(-f.R1 * s), e2 = Exp(-f.R2 * s), e3 = Exp(-f.R3 * s);
            double v = Value(f, e1, e2, e3);
            if (v == 0) return s;
            if (v > 0) hi = s; else lo = s;
            double d = -f.R1 * f.C1 * e1 - f.R2 * f.C2 * e2 - f.R3 * f.C3 * e3;
            double next = d > 0 ? s - v / d : double.NaN;
            if (!(next > lo && next < hi)) next = 0.5 * (lo + hi);
            if (Math.Abs(next - s) <= Tolerance * 0.01 * (1 + s) || hi - lo <= Tolerance * (1 + hi)) return next;
            s = next;
        }
        return hi;
    }

    [Fact]
    public void The_loop_finds_the_recursive_searchs_roots_bit_for_bit()
    {
        var rng = new System.Random(12345);
        int found = 0, none = 0, deep = 0;
        for (int n = 0; n < 20000; n++)
        {
            // CUBA-like sums: v∞ − V_th, the membrane term and two synaptic terms of either sign, τ 2–30 ms.
            var f = new ExponentialSum
            {
                C0 = rng.NextDouble() * 30 - 20, C1 = rng.NextDouble() * 40 - 30, C2 = rng.NextDouble() * 40 - 15, C3 = rng.NextDouble() * 30 - 20,
                R1 = 1 / (2 + 28 * rng.NextDouble()), R2 = 1 / (2 + 28 * rng.NextDouble()), R3 = 1 / (2 + 28 * rng.NextDouble()),
            };
            if (n % 4 == 0) f.C0 = -(f.C1 + f.C2 + f.C3) - 1e-9 * rng.NextDouble(); // starting just below 0: roots near 0, deep searches
            double f0 = f.C0 + f.C1 + f.C2 + f.C3;
            double length = rng.NextDouble() < 0.5 ? 0.1 : 20 * rng.NextDouble();
            // the caller's exponentials of the whole interval need not be the search's own (per-dt constants come from Math.Exp)
            double e1 = Math.Exp(-f.R1 * length), e2 = Math.Exp(-f.R2 * length), e3 = Math.Exp(-f.R3 * length);
            double expected = f0 >= 0 ? 0 : Search(f, 0, length, f0, 1, 1, 1, e1, e2, e3, 0);
            double actual = f.FirstRootWithin(length, e1, e2, e3);
            Assert.True(BitConverter.DoubleToInt64Bits(expected) == BitConverter.DoubleToInt64Bits(actual), $"case {n}: recursive {expected:R}, loop {actual:R}");
            if (actual < double.PositiveInfinity) found++; else none++;
            if (actual > 0 && actual < 1e-6) deep++;
        }
        // Both outcomes and deep searches occur (measured: counts below are loose floors).
        Assert.True(found > 2000 && none > 2000 && deep > 100, $"{found} roots, {none} without, {deep} below 1 µs");
    }
}
