namespace Spiking.EventDriven;

/// <summary>
/// f(s) = C0 + Σₖ Cₖ·e^(−Rₖ s), k = 1..3 (rates Rₖ = 1/τₖ > 0): the distance of a CUBA membrane to
/// threshold as a function of the time s since the last event. <see cref="FirstRoot"/> finds the
/// first s ≥ 0 with f(s) = 0 with guaranteed bounds: each term is monotone in s, so over [a, b] its
/// range is that of its end points, which bounds f and f′ on any interval; intervals where f cannot
/// reach 0, or where f′ &gt; 0 makes the root unique, are settled without subdividing further.
/// </summary>
internal struct ExponentialSum
{
    public double C0, C1, C2, C3;
    public double R1, R2, R3;

    /// <summary>Widest bracket (ms) at which Newton stops; the returned crossing is within it.</summary>
    public const double Tolerance = 1e-13;

    public readonly double Value(double s) => C0 + C1 * Math.Exp(-R1 * s) + C2 * Math.Exp(-R2 * s) + C3 * Math.Exp(-R3 * s);

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
        return Search(0, horizon, f0, 1, 1, 1, Math.Exp(-R1 * horizon), Math.Exp(-R2 * horizon), Math.Exp(-R3 * horizon), 0);
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
        return Search(0, length, f0, 1, 1, 1, e1, e2, e3, 0);
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
            if (size > limit) horizon = Math.Max(horizon, Math.Log(size / limit) / r);
        }
        bool pos = C0 < 0;
        Term(C1, R1, ref h, pos); Term(C2, R2, ref h, pos); Term(C3, R3, ref h, pos);
        return h * (1 + 1e-12) + 1e-12;
    }

    private readonly double Search(double a, double b, double fa, double ea1, double ea2, double ea3, double eb1, double eb2, double eb3, int depth)
    {
        // Bounds of f on [a, b]: a term C·e^(−Rs) lies between its values at a and b.
        double ub = C0 + Math.Max(C1 * ea1, C1 * eb1) + Math.Max(C2 * ea2, C2 * eb2) + Math.Max(C3 * ea3, C3 * eb3);
        if (ub < 0) return double.PositiveInfinity;
        double fb = Value(eb1, eb2, eb3);
        // Bounds of f′ = Σ −R·C·e^(−Rs).
        double d1 = -R1 * C1, d2 = -R2 * C2, d3 = -R3 * C3;
        double slopeLow = Math.Min(d1 * ea1, d1 * eb1) + Math.Min(d2 * ea2, d2 * eb2) + Math.Min(d3 * ea3, d3 * eb3);
        if (slopeLow > 0) return fb >= 0 ? Refine(a, b, fa, fb) : double.PositiveInfinity;
        double slopeHigh = Math.Max(d1 * ea1, d1 * eb1) + Math.Max(d2 * ea2, d2 * eb2) + Math.Max(d3 * ea3, d3 * eb3);
        if (slopeHigh <= 0) return double.PositiveInfinity; // non-increasing from f(a) < 0
        if (b - a <= Tolerance * (1 + b) || depth > 200)
            return fb >= 0 ? b : double.PositiveInfinity; // a touch of threshold narrower than the tolerance
        double m = 0.5 * (a + b);
        double em1 = Math.Exp(-R1 * m), em2 = Math.Exp(-R2 * m), em3 = Math.Exp(-R3 * m);
        double fm = Value(em1, em2, em3);
        if (fm >= 0) return Search(a, m, fa, ea1, ea2, ea3, em1, em2, em3, depth + 1) is var r && r <= m ? r : m;
        double left = Search(a, m, fa, ea1, ea2, ea3, em1, em2, em3, depth + 1);
        return left < double.PositiveInfinity ? left : Search(m, b, fm, em1, em2, em3, eb1, eb2, eb3, depth + 1);
    }

    /// <summary>The unique root in [a, b] of an increasing f with f(a) &lt; 0 ≤ f(b): Newton kept inside the bracket, bisection when it leaves.</summary>
    private readonly double Refine(double lo, double hi, double flo, double fhi)
    {
        double s = fhi > flo ? lo - flo * (hi - lo) / (fhi - flo) : 0.5 * (lo + hi);
        if (!(s > lo && s < hi)) s = 0.5 * (lo + hi);
        for (int it = 0; it < 100; it++)
        {
            double e1 = Math.Exp(-R1 * s), e2 = Math.Exp(-R2 * s), e3 = Math.Exp(-R3 * s);
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
