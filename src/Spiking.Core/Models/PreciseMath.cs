using Spiking.Numerics;
using System.Runtime.CompilerServices;

namespace Spiking.Models;

/// <summary>
/// One neuron's timed input events of a step, [first, end) in time order (offset ascending, events at
/// equal offsets in the order they were queued), as the precise updates read them: the CPU's
/// <see cref="TimedInputs"/> arrays, or a device's per-neuron event lists. A generic struct parameter,
/// so neither backend pays a virtual call per event.
/// </summary>
internal interface ITimedEvents
{
    /// <summary>Arrival offset of event e (ms after the step's start, in (0, dt]).</summary>
    double Offset(int e);

    /// <summary>Jump of event e (mV for lif_delta's v; pA for lif_cuba's currents).</summary>
    double Weight(int e);

    /// <summary>Receptor of event e (0 excitatory, 1 inhibitory).</summary>
    int Receptor(int e);
}

/// <summary>The CPU's events: a step's <see cref="TimedInputs"/>, sorted by target then offset.</summary>
internal readonly struct TimedInputEvents(TimedInputs input) : ITimedEvents
{
    private readonly double[] _offset = input.Offset, _weight = input.Weight;
    private readonly int[] _receptor = input.Receptor;

    public double Offset(int e) => _offset[e];
    public double Weight(int e) => _weight[e];
    public int Receptor(int e) => _receptor[e];
}

/// <summary>The constants of precise lif_cuba (NEST iaf_psc_exp_ps), per dt and per τ.</summary>
internal readonly record struct LifCubaPreciseConstants(
    double Dt, double TauM, double TauEx, double TauIn, double El, double Rm, double Vth, double VReset, double TRef,
    double Pm, double Pex, double Pin, double Kex, double Kin, double CEx, double CIn, double RateM, double RateEx, double RateIn);

/// <summary>
/// The precise update of one lif_cuba neuron for one step, shared by the CPU group and the device
/// kernels (see <c>LifCubaGroup</c> for the method): grid input already added to the currents, timed
/// events at their offsets, the first crossing of threshold between events found with guaranteed
/// bounds (<see cref="ExponentialSum.FirstRootWithin"/>), exponentials by <see cref="PortableMath"/>.
/// </summary>
internal static class LifCubaPreciseMath
{
    /// <summary>
    /// The common case, a whole step without events or refractoriness: when the bound of v − V_th over
    /// the step (each term of the solution is monotone, so its largest value is at an end) is below 0, the
    /// grid arithmetic advances v and the currents and it returns true; else false and nothing changes
    /// (<see cref="Step{TEvents}"/> then searches). Step takes this exit itself; the CPU's loop tries it first, inline.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool FreeStep(in LifCubaPreciseConstants c, double vinf, ref double v, ref double ie, ref double ii)
    {
        double pe0 = ie * c.CEx, pi0 = ii * c.CIn, c10 = v - vinf - pe0 - pi0;
        if (vinf - c.Vth + Math.Max(c10, c10 * c.Pm) + Math.Max(pe0, pe0 * c.Pex) + Math.Max(pi0, pi0 * c.Pin) >= 0) return false;
        v = vinf + (v - vinf) * c.Pm + ie * c.Kex + ii * c.Kin;
        ie *= c.Pex;
        ii *= c.Pin;
        return true;
    }

    /// <summary>
    /// Advances the neuron over the step (t_n, t_n + dt]; true when it fired, at <paramref name="offset"/>
    /// (at most once: t_ref ≥ dt). <paramref name="refractory"/> is the refractory time left at the
    /// step's start (ms), and at its end.
    /// </summary>
    public static bool Step<TEvents>(in LifCubaPreciseConstants c, TEvents events, int e, int eEnd, double vinf,
        ref double v, ref double ie, ref double ii, ref double refractory, out double offset) where TEvents : struct, ITimedEvents
    {
        offset = 0;
        double dt = c.Dt;
        double refractoryUntil = refractory; // offset until which v is held (may lie beyond this step)
        if (e == eEnd && refractoryUntil <= 0 && FreeStep(c, vinf, ref v, ref ie, ref ii)) return false;
        bool fired = false;
        double t = 0;
        while (true)
        {
            bool hasEvent = e < eEnd;
            double o = hasEvent ? events.Offset(e) : dt;
            if (t < refractoryUntil)
            {
                double stop = Math.Min(o, refractoryUntil), h = stop - t;
                ie *= PortableMath.Exp(-h / c.TauEx);
                ii *= PortableMath.Exp(-h / c.TauIn);
                v = c.VReset;
                t = stop;
            }
            if (t < o)
            {
                double len = o - t, pe = ie * c.CEx, pi = ii * c.CIn;
                bool whole = t == 0 && !hasEvent; // a whole free step: the per-dt constants, no exp
                double em = whole ? c.Pm : PortableMath.Exp(-len / c.TauM);
                double ee = whole ? c.Pex : PortableMath.Exp(-len / c.TauEx);
                double ei = whole ? c.Pin : PortableMath.Exp(-len / c.TauIn);
                double c0 = vinf - c.Vth, c1 = v - vinf - pe - pi;
                // v − V_th = c0 + c1·e^(−s/τm) + pe·e^(−s/τex) + pi·e^(−s/τin); each term is monotone, so
                // its largest value on [0, len] is at an end: below threshold there ⇒ no crossing (most neurons).
                double s = c0 + Math.Max(c1, c1 * em) + Math.Max(pe, pe * ee) + Math.Max(pi, pi * ei) < 0
                    ? double.PositiveInfinity
                    : new ExponentialSum { C0 = c0, C1 = c1, C2 = pe, C3 = pi, R1 = c.RateM, R2 = c.RateEx, R3 = c.RateIn }
                        .FirstRootWithin(len, em, ee, ei);
                if (hasEvent ? s < len : s <= len)
                {
                    Advance(c, ref v, ref ie, ref ii, vinf, s);
                    offset = t + s;
                    fired = true;
                    t += s;
                    v = c.VReset;
                    refractoryUntil = t + c.TRef; // beyond this step: t_ref ≥ dt
                    continue;
                }
                v = vinf + (v - vinf) * em + pe * (ee - em) + pi * (ei - em);
                ie *= ee;
                ii *= ei;
                t = o;
            }
            if (!hasEvent) break;
            do
            {
                if (events.Receptor(e) == 0) ie += events.Weight(e); else ii += events.Weight(e);
                e++;
            }
            while (e < eEnd && events.Offset(e) == o);
        }
        refractory = Math.Max(0, refractoryUntil - dt);
        return fired;
    }

    /// <summary>Free evolution over s ms: v(s) = v∞ + (v − v∞)e^(−s/τm) + Σx I_x·τx/(τx − τm)·(e^(−s/τx) − e^(−s/τm)), I_x(s) = I_x·e^(−s/τx).</summary>
    private static void Advance(in LifCubaPreciseConstants c, ref double v, ref double ie, ref double ii, double vinf, double s)
    {
        if (s <= 0) return;
        double em = PortableMath.Exp(-s / c.TauM), ee = PortableMath.Exp(-s / c.TauEx), ei = PortableMath.Exp(-s / c.TauIn);
        v = vinf + (v - vinf) * em + ie * c.CEx * (ee - em) + ii * c.CIn * (ei - em);
        ie *= ee;
        ii *= ei;
    }
}

/// <summary>The constants of precise lif_delta (NEST iaf_psc_delta_ps); TRefOnGrid is 1 when t_ref is a whole number of steps (an int: device kernel parameters must be blittable).</summary>
internal readonly record struct LifDeltaPreciseConstants(double Dt, double TauM, double El, double Rm, double Vth, double VReset, double Pm,
    double TRef, int RefSteps, int TRefOnGrid);

/// <summary>
/// The precise update of one lif_delta neuron for one step, shared by the CPU group and the device
/// kernels (see <c>LifDeltaGroup</c> for the method); logarithms and exponentials by <see cref="PortableMath"/>.
/// </summary>
internal static class LifDeltaPreciseMath
{
    /// <summary>
    /// A step without input, refractoriness or a start at threshold (v &lt; V_th): v relaxes by the per-dt
    /// factor; true when it stays below threshold (done), false when it would cross (then <see cref="Step{TEvents}"/>
    /// finds when). <see cref="Step{TEvents}"/> takes this exit itself; the CPU's loop tries it first, inline.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool FreeStep(in LifDeltaPreciseConstants c, double vinf, ref double v)
    {
        double vn = vinf + (v - vinf) * c.Pm;
        if (vn >= c.Vth) return false;
        v = vn;
        return true;
    }

    /// <summary>
    /// Advances the neuron over the step; true when it fired, at <paramref name="offset"/>.
    /// <paramref name="grid"/> is the step's grid input (a jump at the step's end), <paramref name="left"/>
    /// the refractory steps left and <paramref name="refractoryEnd"/> the offset at which the refractory
    /// period ends in the step where <paramref name="left"/> is 1.
    /// </summary>
    public static bool Step<TEvents>(in LifDeltaPreciseConstants c, TEvents events, int e, int eEnd, double grid, double vinf,
        ref double v, ref int left, ref double refractoryEnd, out double offset) where TEvents : struct, ITimedEvents
    {
        offset = 0;
        double dt = c.Dt, tau = c.TauM, vth = c.Vth;
        if (left > 1)
        {
            left--;
            v = c.VReset;
            return false;
        }
        double t = 0, vi = v;
        if (left == 1)
        {
            left = 0;
            t = refractoryEnd;
            vi = c.VReset;
            while (e < eEnd && events.Offset(e) <= t) e++; // dropped, as NEST does
            if (t >= dt) grid = 0;
        }
        double spikeAt = -1;
        if (vi >= vth)
            spikeAt = t; // only from initial values at or above threshold: fires at once, as in event mode
        else if (e == eEnd && grid == 0 && t == 0)
        {
            // No input this step: the grid arithmetic, and a crossing only if v∞ > V_th.
            if (FreeStep(c, vinf, ref v)) return false;
            spikeAt = Math.Min(dt, tau * PortableMath.Log((vinf - vi) / (vinf - vth)));
        }
        else
        {
            while (true)
            {
                bool hasEvent = e < eEnd;
                bool gridNow = !hasEvent && grid != 0;
                double o = hasEvent ? events.Offset(e) : dt;
                // Over a whole step (grid input only) the per-dt factor, as the no-input exit: no exp.
                double decay = t == 0 && o == dt ? c.Pm : PortableMath.Exp(-(o - t) / tau);
                double vo = o > t ? vinf + (vi - vinf) * decay : vi;
                // The relaxation is monotone, so it crosses in (t, o] only if v(o) ≥ V_th: the log
                // is taken only then. An input at the crossing's own time goes first (event mode's order).
                if (vo >= vth && vinf > vth)
                {
                    double tc = t + tau * PortableMath.Log((vinf - vi) / (vinf - vth));
                    if (!(hasEvent || gridNow) || tc < o)
                    {
                        spikeAt = Math.Min(tc, o);
                        break;
                    }
                }
                vi = vo;
                t = o;
                if (hasEvent)
                {
                    do vi += events.Weight(e++); while (e < eEnd && events.Offset(e) == o);
                    if (o == dt && grid != 0) { vi += grid; grid = 0; }
                }
                else if (gridNow)
                {
                    vi += grid;
                    grid = 0;
                }
                else
                {
                    break; // the step's end, no crossing
                }
                if (vi >= vth)
                {
                    spikeAt = o;
                    break;
                }
            }
        }
        if (spikeAt < 0)
        {
            v = vi;
            return false;
        }
        offset = spikeAt;
        v = c.VReset;
        // Refractory until spikeAt + t_ref = K·dt + o', o' in (0, dt]; K ≥ 1 since t_ref ≥ dt.
        int k;
        double o2;
        if (c.TRefOnGrid != 0)
        {
            k = c.RefSteps;
            o2 = spikeAt;
        }
        else
        {
            double endAt = spikeAt + c.TRef;
            k = (int)Math.Floor(endAt / dt);
            o2 = endAt - k * dt;
            if (o2 <= 0) { k--; o2 += dt; }
            else if (o2 > dt) { k++; o2 -= dt; }
        }
        left = k;
        refractoryEnd = o2;
        return true;
    }
}
