using Spiking.Numerics;
using System.Runtime.CompilerServices;

namespace Spiking.Models;

/// <summary>
/// One step of one lif_coba neuron, the reference arithmetic of every backend: exponential Euler,
/// with the conductances held at their start-of-step values the membrane equation
/// C dv/dt = g_L(E_L − v) + g_ex(E_ex − v) + g_in(E_in − v) + I is linear in v and relaxes to v∞ at
/// rate g_tot/C; the conductances then decay exactly. The exponential is <see cref="PortableMath.Exp(double)"/>
/// (and its vector forms in the AVX loops), so every backend computes the same bits.
/// </summary>
internal static class LifCobaMath
{
    /// <summary>
    /// Advances v, g_ex and g_in (which already hold this step's input) by one step, with injected
    /// current <paramref name="iext"/> (nA) when <paramref name="current"/>. Returns whether it fired.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Step(in LifCobaConstants c, ref double v, ref double ge, ref double gi, bool current, double iext, ref int refr)
    {
        bool fired = false;
        if (refr > 0)
        {
            refr--;
            v = c.VReset;
        }
        else
        {
            double gtot = c.Gl + ge + gi;
            double drive = c.Gl * c.El + ge * c.Eex + gi * c.Ein;
            if (current) drive += 1000.0 * iext; // nA -> pA
            double vinf = drive / gtot;
            double vn = vinf + (v - vinf) * PortableMath.Exp(-c.DtOverC * gtot);
            if (vn >= c.Vth)
            {
                vn = c.VReset;
                refr = c.RefSteps;
                fired = true;
            }
            v = vn;
        }
        ge *= c.Pex;
        gi *= c.Pin;
        return fired;
    }
}
