namespace Spiking.Models;

/// <summary>
/// Exact propagators of the linear system τm dv/dt = −(v − v∞) + I(t), τs dI/dt = −I over a step h
/// (Rotter &amp; Diesmann 1999, Biol Cybern 81:381): v(h) = v∞ + (v − v∞)·e^(−h/τm) + I·K(h) with
/// K(h) = τs/(τs − τm)·(e^(−h/τs) − e^(−h/τm)), and the limit (h/τm)·e^(−h/τm) when τs = τm.
/// </summary>
internal static class ExponentialPropagators
{
    /// <summary>Membrane decay factor e^(−h/τm).</summary>
    public static double Decay(double h, double tau) => Math.Exp(-h / tau);

    /// <summary>Response at time h of the membrane (time constant τm) to a unit exponential current (time constant τs) present at 0.</summary>
    public static double CurrentToVoltage(double h, double tauM, double tauS)
    {
        double em = Math.Exp(-h / tauM);
        if (Math.Abs(tauS - tauM) < 1e-9 * tauM) return h / tauM * em;
        return tauS / (tauS - tauM) * (Math.Exp(-h / tauS) - em);
    }
}
