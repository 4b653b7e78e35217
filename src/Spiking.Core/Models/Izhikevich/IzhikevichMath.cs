using System.Runtime.CompilerServices;

namespace Spiking.Models;

/// <summary>
/// One forward-Euler step of one Izhikevich (2003) neuron, dv/dt = 0.04v² + 5v + 140 − u + I,
/// du/dt = a(bv − u), the reference arithmetic of every backend.
/// </summary>
internal static class IzhikevichMath
{
    /// <summary>
    /// Advances v, u and I_syn by one step with this step's summed input <paramref name="w"/> and
    /// injected current <paramref name="iext"/>. Returns whether v reached v_peak (then v = c, u += d).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Step(in IzhikevichConstants c, ref double v, ref double u, ref double isyn, double w, double iext)
    {
        double vi = v, ui = u, ii = isyn;
        if (c.TauSyn > 0) ii += w / c.TauSyn; else vi += w;
        double dv = 0.04 * vi * vi + 5 * vi + 140 - ui + ii + c.KExt * iext;
        double du = c.A * (c.B * vi - ui);
        vi += c.Dt * dv;
        ui += c.Dt * du;
        bool fired = false;
        if (vi >= c.VPeak)
        {
            vi = c.C;
            ui += c.D;
            fired = true;
        }
        v = vi; u = ui; isyn = ii * c.PSyn;
        return fired;
    }
}
