using Spiking.Numerics;
namespace Spiking.Models;

/// <summary>
/// f(s) = C0 + Σₖ Cₖ·e^(−Rₖ s), k = 1..3 (rates Rₖ = 1/τₖ > 0): the distance of a CUBA membrane to
/// threshold as a function of the time s since the last event. <see cref="FirstRoot"/> finds the
/// first s ≥ 0 with f(s) = 0 with guaranteed bounds: each term is monotone in s, so over [a, b] its
/// range is that of its end points, which bounds f and f′ on any interval; intervals where f cannot
/// reach 0, or where f′ &gt; 0 makes the root unique, are settled without subdividing further.
/// The search is a loop, not a recursion, and its exponentials are <see cref="Numerics.PortableMath"/>'s,
/// so that device kernels run it (precise lif_cuba) and give the CPU's bits.
/// </summary>
internal struct ExponentialSum
{
    public double C0, C1, C2, C3;
    public double R1, R2, R3;

    /// <summary>Widest bracket (ms) at which Newton stops; the returned crossing is within it.</summary>
    public const double Tolerance = 1e-13;

    public readonly double Value(double s) => C0 + C1 * Exp(-R1 * s) + C2 * Exp(-R2 * s) + C3 * Exp(-R3 * s);

    private static double Exp(double x) => Numerics.PortableMath.Exp(x);

    private readonly double Value(double e1, double e2, double e3) => C0 + C1 * e1 + C2 * e2 + C3 * e3;

    /// <summary>
    /// The first s in [0, ∞) where f reaches 0, given f(0) &lt; 0; +∞ when it never does. Returns 0
    /// when f(0) ≥ 0.
    /// </summary>
    public readonly double FirstRoot()
    {
        double f0 = C0 + C1 + C2 + C3;
        if (f0 >= 0) return 0;
        // Upper bound over [0, ∞): every positive term at its largest (s = 0), negative ones at 0.
        if (C0 + Math.Max(C1, 0) + Math.Max(C2, 0) + Math.Max(C3, 0) < 0) return double.PositiveInfinity;
        double horizon = Horizon();
        if (!(horizon > 0)) return double.PositiveInfinity;
        return Search(horizon, f0, Exp(-R1 * horizon), Exp(-R2 * horizon), Exp(-R3 * horizon));
    }

    /// <summary>
    /// The first s in [0, <paramref name="length"/>] where f reaches 0 (the same guaranteed search,
    /// limited to one interval, as the time-stepped kernel needs between two inputs); +∞ when f stays
    /// below 0 there. Returns 0 when f(0) ≥ 0. The caller passes e^(−Rₖ·length), which it needs anyway
    /// to advance the state (per-dt constants for a whole step), so that the usual case — the bound of
    /// f over the interval is below 0 — costs no exponential.
    /// </summary>
    public readonly double FirstRootWithin(double length, double e1, double e2, double e3)
    {
        double f0 = C0 + C1 + C2 + C3;
        if (f0 >= 0) return 0;
        return Search(length, f0, e1, e2, e3);
    }

    /// <summary>
    /// A time H beyond which nothing new can happen: if C0 &lt; 0, f &lt; 0 on [H, ∞) (each positive
    /// term below |C0|/3); if C0 &gt; 0, f(H) &gt; 0 (each negative term above −C0/3), so the first root
    /// lies in [0, H]. For C0 = 0 (a drive exactly at threshold) a crossing is sought within 50 τ.
    /// </summary>
    private readonly double Horizon()
    {
        double h = 0;
        if (C0 == 0)
        {
            double tmax = Math.Max(1 / R1, Math.Max(1 / R2, 1 / R3));
            return 50 * tmax;
        }
        double limit = Math.Abs(C0) / 3;
        void Term(double c, double r, ref double horizon, bool positive)
        {
            double size = positive ? c : -c;
            if (size > limit) horizon = Math.Max(horizon, Numerics.PortableMath.Log(size / limit) / r);
        }
        bool pos = C0 < 0;
        Term(C1, R1, ref h, pos); Term(C2, R2, ref h, pos); Term(C3, R3, ref h, pos);
        return h * (1 + 1e-12) + 1e-12;
    }

    /// <summary>Deepest bisection: below it an interval counts as narrower than the tolerance (reached only for horizons far beyond any τ).</summary>
    private const int MaxDepth = 60;

    /// <summary>
    /// The first root in [0, <paramref name="length"/>] by bisection, left half first: on each interval
    /// the bounds of f and f′ either settle it (no root; or f increasing, the root refined by Newton) or
    /// it is halved. A half whose midpoint is at or above 0 holds the root, so when its left part has
    /// none the midpoint is returned and the right part is not searched. The tree of intervals is walked
    /// with bit masks per depth instead of a call stack: which halves are pending, and which of them
    /// stand for a midpoint; an interval's ends are found again by halving from [0, length], so every
    /// end point, exponential and value is the same number the recursive walk computed.
    /// <paramref name="e1"/>..<paramref name="e3"/> are e^(−Rₖ·length).
    /// </summary>
    private readonly double Search(double length, double f0, double e1, double e2, double e3)
    {
        double a = 0, b = length, fa = f0;
        double ea1 = 1, ea2 = 1, ea3 = 1, eb1 = e1, eb2 = e2, eb3 = e3;
        ulong right = 0;   // bit d: the interval at depth d + 1 is the right half of its parent
        ulong pending = 0; // bit d: the interval at depth d was halved and its walk is not finished
        ulong midpoint = 0; // bit d: ... and its midpoint is at or above 0 (the answer if its left half has no root)
        int depth = 0;
        while (true)
        {
            double r = double.PositiveInfinity;
            // Bounds of f on [a, b]: a term C·e^(−Rs) lies between its values at a and b.
            double ub = C0 + Math.Max(C1 * ea1, C1 * eb1) + Math.Max(C2 * ea2, C2 * eb2) + Math.Max(C3 * ea3, C3 * eb3);
            if (ub >= 0)
            {
                double fb = Value(eb1, eb2, eb3);
                // Bounds of f′ = Σ −R·C·e^(−Rs).
                double d1 = -R1 * C1, d2 = -R2 * C2, d3 = -R3 * C3;
                double slopeLow = Math.Min(d1 * ea1, d1 * eb1) + Math.Min(d2 * ea2, d2 * eb2) + Math.Min(d3 * ea3, d3 * eb3);
                double slopeHigh = Math.Max(d1 * ea1, d1 * eb1) + Math.Max(d2 * ea2, d2 * eb2) + Math.Max(d3 * ea3, d3 * eb3);
                if (slopeLow > 0)
                {
                    if (fb >= 0) r = Refine(a, b, fa, fb);
                }
                else if (slopeHigh <= 0)
                {
                    // non-increasing from f(a) < 0: no root
                }
                else if (b - a <= Tolerance * (1 + b) || depth > MaxDepth)
                {
                    if (fb >= 0) r = b; // a touch of threshold narrower than the tolerance
                }
                else
                {
                    double m = 0.5 * (a + b);
                    double em1 = Exp(-R1 * m), em2 = Exp(-R2 * m), em3 = Exp(-R3 * m);
                    pending |= 1UL << depth;
                    if (Value(em1, em2, em3) >= 0) midpoint |= 1UL << depth;
                    else midpoint &= ~(1UL << depth);
                    right &= ~(1UL << depth);
                    depth++;
                    b = m; eb1 = em1; eb2 = em2; eb3 = em3;
                    continue;
                }
            }
            if (r < double.PositiveInfinity) return r;
            if (pending == 0) return double.PositiveInfinity;
            // The innermost interval still pending: its midpoint, or its right half next.
            int level = depth;
            while ((pending >> level & 1) == 0) level--;
            pending &= ~(1UL << level);
            double la = 0, lb = length;
            bool rootEnd = true; // lb is still the searched interval's end (whose exponentials the caller gave)
            for (int d = 0; d < level; d++)
            {
                double h = 0.5 * (la + lb);
                if ((right >> d & 1) != 0) la = h;
                else { lb = h; rootEnd = false; }
            }
            double lm = 0.5 * (la + lb);
            if ((midpoint >> level & 1) != 0) return lm;
            right |= 1UL << level;
            depth = level + 1;
            a = lm; b = lb;
            ea1 = Exp(-R1 * lm); ea2 = Exp(-R2 * lm); ea3 = Exp(-R3 * lm);
            fa = Value(ea1, ea2, ea3);
            if (rootEnd) { eb1 = e1; eb2 = e2; eb3 = e3; }
            else { eb1 = Exp(-R1 * lb); eb2 = Exp(-R2 * lb); eb3 = Exp(-R3 * lb); }
        }
    }

    /// <summary>The unique root in [a, b] of an increasing f with f(a) &lt; 0 ≤ f(b): Newton kept inside the bracket, bisection when it leaves.</summary>
    private readonly double Refine(double lo, double hi, double flo, double fhi)
    {
        double s = fhi > flo ? lo - flo * (hi - lo) / (fhi - flo) : 0.5 * (lo + hi);
        if (!(s > lo && s < hi)) s = 0.5 * (lo + hi);
        for (int it = 0; it < 100; it++)
        {
            double e1 = Exp(-R1 * s), e2 = Exp(-R2 * s), e3 = Exp(-R3 * s);
            double f = Value(e1, e2, e3);
            if (f == 0) return s;
            if (f > 0) hi = s; else lo = s;
            double d = -R1 * C1 * e1 - R2 * C2 * e2 - R3 * C3 * e3;
            double next = d > 0 ? s - f / d : double.NaN;
            if (!(next > lo && next < hi)) next = 0.5 * (lo + hi);
            if (Math.Abs(next - s) <= Tolerance * 0.01 * (1 + s) || hi - lo <= Tolerance * (1 + hi)) return next;
            s = next;
        }
        return hi;
    }
}
