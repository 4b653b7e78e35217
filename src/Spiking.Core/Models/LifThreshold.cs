namespace Spiking.Models;

/// <summary>An analytic membrane trajectory v(s) over one step, with its derivative.</summary>
public interface IMembraneTrajectory
{
    /// <summary>Membrane potential (mV) at time s (ms) after the start of the free interval.</summary>
    double Voltage(double s);

    /// <summary>dv/ds (mV/ms) at s.</summary>
    double Slope(double s);
}

/// <summary>Locates the first threshold crossing of an analytic membrane trajectory inside a step.</summary>
public static class LifThreshold
{
    /// <summary>
    /// Returns s in (0, len] with v(s) = vth, given v(0) &lt; vth ≤ v(len): Newton steps kept inside a
    /// shrinking bracket, bisection when Newton leaves it; stops at |v(s) − vth| &lt; 1e-12 mV or a
    /// bracket narrower than 1e-14 ms.
    /// </summary>
    public static double Crossing<T>(in T trajectory, double len, double vth) where T : struct, IMembraneTrajectory
    {
        double lo = 0, hi = len;
        double v0 = trajectory.Voltage(0), vl = trajectory.Voltage(len);
        double s = vl > v0 ? len * (vth - v0) / (vl - v0) : 0.5 * len;
        if (!(s > lo && s < hi)) s = 0.5 * (lo + hi);
        for (int it = 0; it < 200; it++)
        {
            double f = trajectory.Voltage(s) - vth;
            if (Math.Abs(f) < 1e-12) return s;
            if (f > 0) hi = s; else lo = s;
            if (hi - lo < 1e-14) break;
            double d = trajectory.Slope(s);
            double next = d > 0 ? s - f / d : double.NaN;
            s = next > lo && next < hi ? next : 0.5 * (lo + hi);
        }
        return hi;
    }
}
