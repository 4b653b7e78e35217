using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Spiking.Numerics;

/// <summary>
/// e^x, ln x, tanh x and cos 2πu written with IEEE-754 operations only (+, −, ×, ÷, floor, comparisons
/// and exponent bits), so that every backend that rounds each of those operations to nearest gets the
/// same bits: the CPU kernel, ILGPU's CPU accelerator, and a GPU once each add, subtract and multiply
/// is kept from being fused (the device backend loads its PTX with <c>.rn</c> on every one; see
/// <c>PtxRounding</c>). Math.Exp and friends call the C library on the CPU and ILGPU's own
/// (CORDIC) routines on a GPU, which differ in the last bits, and in the last bits only the threshold
/// decides a spike.
/// <para>
/// The methods follow Sun's fdlibm (1993; the algorithms of e_exp.c, e_log.c, s_expm1.c, s_tanh.c and
/// the sine and cosine kernels, with their published minimax coefficients); the exponential drops fdlibm's
/// special branches for |x| &lt; 1.5 ln 2, which give the same reduction, so that a vector form needs no
/// lane branches. Measured against glibc (<c>PortableMathTests</c>): e^x and ln x within 1 ulp, tanh
/// within 3 ulp, cos 2πu within 2^−52 absolutely. Every call site a device kernel reaches uses these;
/// host-only set-up keeps <see cref="Math"/>.
/// </para>
/// </summary>
internal static class PortableMath
{
    private const double Ln2Hi = 6.93147180369123816490e-01; // 0x3fe62e42_fee00000: k·Ln2Hi exact for |k| < 2^21
    private const double Ln2Lo = 1.90821492927058770002e-10;
    private const double InvLn2 = 1.44269504088896338700e+00;
    private const double P1 = 1.66666666666666019037e-01, P2 = -2.77777777770155933842e-03, P3 = 6.61375632143793436117e-05,
        P4 = -1.65339022054652515390e-06, P5 = 4.13813679705723846039e-08;
    private const double ExpOverflow = 7.09782712893383973096e+02, ExpUnderflow = -7.45133219101941108420e+02;

    /// <summary>e^x, within 1 ulp; +∞ above 709.78, 0 below −745.13, NaN for NaN.</summary>
    public static double Exp(double x)
    {
        if (!(x <= ExpOverflow)) return x > 0 ? double.PositiveInfinity : x; // +∞, or NaN
        if (x < ExpUnderflow) return 0.0;
        double k = Math.Floor(InvLn2 * x + 0.5);
        double hi = x - k * Ln2Hi, lo = k * Ln2Lo, r = hi - lo;
        double t = r * r;
        double c = r - t * (P1 + t * (P2 + t * (P3 + t * (P4 + t * P5))));
        double y = 1.0 - ((lo - r * c / (2.0 - c)) - hi);
        return Scale(y, (int)k);
    }

    /// <summary><see cref="Exp(double)"/> lane by lane, the same operations: the same bits.</summary>
    public static Vector256<double> Exp(Vector256<double> x)
    {
        var k = Vector256.Floor(Vector256.Create(InvLn2) * x + Vector256.Create(0.5));
        var hi = x - k * Vector256.Create(Ln2Hi);
        var lo = k * Vector256.Create(Ln2Lo);
        var r = hi - lo;
        var t = r * r;
        var c = r - t * (Vector256.Create(P1) + t * (Vector256.Create(P2) + t * (Vector256.Create(P3) + t * (Vector256.Create(P4) + t * Vector256.Create(P5)))));
        var one = Vector256.Create(1.0);
        var y = one - ((lo - r * c / (Vector256.Create(2.0) - c)) - hi);
        // y·2^k, from the exponent bits; k is clamped to where the scaling is one exact multiplication,
        // and the lanes outside it (rare: results near overflow or below 2^-1021) are redone by the scalar code.
        var ki = Vector256.ConvertToInt64(Vector256.Max(Vector256.Min(k, Vector256.Create(1023.0)), Vector256.Create(-1021.0)));
        var scale = Vector256.ShiftLeft(ki + Vector256.Create(1023L), 52).AsDouble();
        var result = y * scale;
        var outside = ~(Vector256.GreaterThanOrEqual(k, Vector256.Create(-1021.0)) & Vector256.LessThanOrEqual(k, Vector256.Create(1023.0))
            & Vector256.LessThanOrEqual(x, Vector256.Create(ExpOverflow)) & Vector256.GreaterThanOrEqual(x, Vector256.Create(ExpUnderflow)));
        if (outside != Vector256<double>.Zero)
        {
            for (int i = 0; i < Vector256<double>.Count; i++)
                if (outside.AsInt64()[i] != 0) result = result.WithElement(i, Exp(x[i]));
        }
        return result;
    }

    /// <summary><see cref="Exp(double)"/> lane by lane, the same operations: the same bits.</summary>
    public static Vector512<double> Exp(Vector512<double> x)
    {
        var k = Vector512.Floor(Vector512.Create(InvLn2) * x + Vector512.Create(0.5));
        var hi = x - k * Vector512.Create(Ln2Hi);
        var lo = k * Vector512.Create(Ln2Lo);
        var r = hi - lo;
        var t = r * r;
        var c = r - t * (Vector512.Create(P1) + t * (Vector512.Create(P2) + t * (Vector512.Create(P3) + t * (Vector512.Create(P4) + t * Vector512.Create(P5)))));
        var one = Vector512.Create(1.0);
        var y = one - ((lo - r * c / (Vector512.Create(2.0) - c)) - hi);
        var ki = Vector512.ConvertToInt64(Vector512.Max(Vector512.Min(k, Vector512.Create(1023.0)), Vector512.Create(-1021.0)));
        var scale = Vector512.ShiftLeft(ki + Vector512.Create(1023L), 52).AsDouble();
        var result = y * scale;
        var outside = ~(Vector512.GreaterThanOrEqual(k, Vector512.Create(-1021.0)) & Vector512.LessThanOrEqual(k, Vector512.Create(1023.0))
            & Vector512.LessThanOrEqual(x, Vector512.Create(ExpOverflow)) & Vector512.GreaterThanOrEqual(x, Vector512.Create(ExpUnderflow)));
        if (outside != Vector512<double>.Zero)
        {
            for (int i = 0; i < Vector512<double>.Count; i++)
                if (outside.AsInt64()[i] != 0) result = result.WithElement(i, Exp(x[i]));
        }
        return result;
    }

    /// <summary>y·2^k for k in [−1075, 1024], as fdlibm scales: one exact multiplication where 2^k is normal.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double Scale(double y, int k)
    {
        if (k > 1023) return y * Pow2(1023) * 2.0;
        if (k >= -1021) return y * Pow2(k);
        return y * Pow2(k + 1000) * Pow2(-1000);
    }

    /// <summary>2^k for k in [−1022, 1023], from its exponent bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double Pow2(int k) => BitConverter.Int64BitsToDouble((long)(k + 1023) << 52);

    private const double Lg1 = 6.666666666666735130e-01, Lg2 = 3.999999999940941908e-01, Lg3 = 2.857142874366239149e-01,
        Lg4 = 2.222219843214978396e-01, Lg5 = 1.818357216161805012e-01, Lg6 = 1.531383769920937332e-01, Lg7 = 1.479819860511658591e-01;

    /// <summary>ln x, within 1 ulp; −∞ at 0, NaN below 0 and for NaN, +∞ at +∞.</summary>
    public static double Log(double x)
    {
        long bits = BitConverter.DoubleToInt64Bits(x);
        int hx = (int)(bits >> 32);
        int k = 0;
        if (hx < 0x00100000)
        {
            if ((bits & long.MaxValue) == 0) return double.NegativeInfinity;
            if (hx < 0) return double.NaN;
            k = -54; // subnormal: scale up by 2^54
            x *= 18014398509481984.0;
            bits = BitConverter.DoubleToInt64Bits(x);
            hx = (int)(bits >> 32);
        }
        if (hx >= 0x7ff00000) return x + x;
        k += (hx >> 20) - 1023;
        hx &= 0x000fffff;
        int i = (hx + 0x95f64) & 0x100000;
        // x (or x/2) normalised into [√2/2, √2)
        x = BitConverter.Int64BitsToDouble(((long)(hx | (i ^ 0x3ff00000)) << 32) | (bits & 0xffffffffL));
        k += i >> 20;
        double f = x - 1.0;
        double dk = k;
        if ((0x000fffff & (2 + hx)) < 3)
        {
            // |f| < 2^-20
            if (f == 0.0) return k == 0 ? 0.0 : dk * Ln2Hi + dk * Ln2Lo;
            double r0 = f * f * (0.5 - 0.33333333333333333 * f);
            return k == 0 ? f - r0 : dk * Ln2Hi - ((r0 - dk * Ln2Lo) - f);
        }
        double s = f / (2.0 + f);
        double z = s * s;
        double w = z * z;
        int ij = (hx - 0x6147a) | (0x6b851 - hx);
        double t1 = w * (Lg2 + w * (Lg4 + w * Lg6));
        double t2 = z * (Lg1 + w * (Lg3 + w * (Lg5 + w * Lg7)));
        double r = t2 + t1;
        if (ij > 0)
        {
            double hfsq = 0.5 * f * f;
            return k == 0 ? f - (hfsq - s * (hfsq + r)) : dk * Ln2Hi - ((hfsq - (s * (hfsq + r) + dk * Ln2Lo)) - f);
        }
        return k == 0 ? f - s * (f - r) : dk * Ln2Hi - ((s * (f - r) - dk * Ln2Lo) - f);
    }

    private const double Q1 = -3.33333333333331316428e-02, Q2 = 1.58730158725481460165e-03, Q3 = -7.93650757867487942473e-05,
        Q4 = 4.00821782732936239552e-06, Q5 = -2.01099218183624371326e-07;

    /// <summary>e^x − 1, accurate near 0 (fdlibm's expm1).</summary>
    public static double Expm1(double x)
    {
        if (double.IsNaN(x)) return x;
        double ax = Math.Abs(x);
        if (ax >= 38.816242111356935) // 56 ln 2
        {
            if (x < 0) return -1.0;
            if (x > ExpOverflow) return double.PositiveInfinity;
        }
        double hi, lo, c = 0.0;
        int k;
        if (ax > 0.34657359027997264) // ln2 / 2
        {
            if (ax < 1.0397207708399179) // 1.5 ln 2
            {
                if (x > 0) { hi = x - Ln2Hi; lo = Ln2Lo; k = 1; }
                else { hi = x + Ln2Hi; lo = -Ln2Lo; k = -1; }
            }
            else
            {
                k = (int)(InvLn2 * x + (x > 0 ? 0.5 : -0.5)); // truncated, as fdlibm (ILGPU has no device Math.Truncate)
                double tk = k;
                hi = x - tk * Ln2Hi;
                lo = tk * Ln2Lo;
            }
            x = hi - lo;
            c = (hi - x) - lo;
        }
        else if (ax < 5.551115123125783e-17) return x; // 2^-54
        else k = 0;
        double hfx = 0.5 * x;
        double hxs = x * hfx;
        double r1 = 1.0 + hxs * (Q1 + hxs * (Q2 + hxs * (Q3 + hxs * (Q4 + hxs * Q5))));
        double t = 3.0 - r1 * hfx;
        double e = hxs * ((r1 - t) / (6.0 - x * t));
        if (k == 0) return x - (x * e - hxs);
        e = x * (e - c) - c;
        e -= hxs;
        if (k == -1) return 0.5 * (x - e) - 0.5;
        if (k == 1) return x < -0.25 ? -2.0 * (e - (x + 0.5)) : 1.0 + 2.0 * (x - e);
        double y;
        if (k <= -2 || k > 56)
        {
            y = 1.0 - (e - x);
            return Scale(y, k) - 1.0;
        }
        if (k < 20)
        {
            y = (1.0 - Pow2(-k)) - (e - x);
            return y * Pow2(k);
        }
        y = x - (e + Pow2(-k));
        y += 1.0;
        return y * Pow2(k);
    }

    /// <summary>tanh x (fdlibm's, from <see cref="Expm1"/>).</summary>
    public static double Tanh(double x)
    {
        if (double.IsNaN(x)) return x;
        double ax = Math.Abs(x), z;
        if (ax < 22.0)
        {
            if (ax < 2.7755575615628914e-17) return x; // 2^-55
            if (ax >= 1.0)
            {
                double t = Expm1(2.0 * ax);
                z = 1.0 - 2.0 / (t + 2.0);
            }
            else
            {
                double t = Expm1(-2.0 * ax);
                z = -t / (t + 2.0);
            }
        }
        else z = 1.0;
        return x >= 0 ? z : -z;
    }

    private const double S1 = -1.66666666666666324348e-01, S2 = 8.33333333332248946124e-03, S3 = -1.98412698298579493134e-04,
        S4 = 2.75573137070700676789e-06, S5 = -2.50507602534068634195e-08, S6 = 1.58969099521155010221e-10;
    private const double C1 = 4.16666666666666019037e-02, C2 = -1.38888888888741095749e-03, C3 = 2.48015872894767294178e-05,
        C4 = -2.75573143513906633035e-07, C5 = 2.08757232129817482790e-09, C6 = -1.13596475577881948265e-11;
    private const double TwoPi = 6.283185307179586232, TwoPiLo = 2.4492935982947064e-16; // 2π = TwoPi + TwoPiLo

    /// <summary>
    /// cos 2πu for finite u (Box–Muller's angle): u reduced to [0, 1/8] exactly by its period and
    /// quarter-period symmetries, then fdlibm's sine or cosine kernel on 2πu ∈ [0, π/4]. Within 2^−52 of
    /// cos 2πu; exact at multiples of 1/4.
    /// </summary>
    public static double CosTwoPi(double u)
    {
        if (!double.IsFinite(u)) return double.NaN;
        u -= Math.Floor(u);                     // [0, 1), exact
        double q = Math.Floor(4.0 * u);         // quadrant 0..3
        double f = u - 0.25 * q;                // [0, 1/4), exact
        bool sine = f > 0.125;                  // cos 2πf = sin 2π(1/4 − f)
        if (sine) f = 0.25 - f;                 // exact (Sterbenz)
        double x = f * TwoPi, y = f * TwoPiLo;  // 2πf = x + y, x ∈ [0, π/4]
        // cos 2π(q/4 + f): q = 0: cos, 1: −sin, 2: −cos, 3: sin (of 2πf); with the fold, sin and cos swap.
        bool useSin = sine ^ (q == 1.0 || q == 3.0);
        double v = useSin ? KernelSin(x, y) : KernelCos(x, y);
        return q == 1.0 || q == 2.0 ? -v : v;
    }

    private static double KernelSin(double x, double y)
    {
        double z = x * x, v = z * x;
        double r = S2 + z * (S3 + z * (S4 + z * (S5 + z * S6)));
        return x - ((z * (0.5 * y - v * r) - y) - v * S1);
    }

    private static double KernelCos(double x, double y)
    {
        double z = x * x;
        double r = z * (C1 + z * (C2 + z * (C3 + z * (C4 + z * (C5 + z * C6)))));
        if (x < 0.3) return 1.0 - (0.5 * z - (z * r - x * y));
        // x ∈ [0.3, π/4]: qx = x/4 cut to its high word (0.28125 above 0.78125), as fdlibm
        double qx = x > 0.78125 ? 0.28125
            : BitConverter.Int64BitsToDouble((BitConverter.DoubleToInt64Bits(x) - 0x0020000000000000L) & unchecked((long)0xffffffff00000000UL));
        double hz = 0.5 * z - qx, a = 1.0 - qx;
        return a - (hz - (z * r - x * y));
    }
}
