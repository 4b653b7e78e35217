using System.Runtime.CompilerServices;

namespace Spiking.Models;

/// <summary>
/// One grid step of one lif_cuba neuron, the reference arithmetic of every backend: the CPU's scalar
/// loop calls it, its AVX loops repeat it lane by lane (tests hold them bit-equal), and the ILGPU
/// kernels call it as it is. Exact integration of τm dv/dt = −(v − v∞) + I_ex + I_in with
/// exponentially decaying currents (Rotter &amp; Diesmann 1999).
/// </summary>
internal static class LifCubaMath
{
    /// <summary>v∞ = E_L + R_m·I_ext for an injected current <paramref name="iext"/> (nA).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double RestingPotential(in LifCubaConstants c, double iext) => c.El + c.Rm * iext;

    /// <summary>
    /// Advances v, I_ex and I_in (which already hold this step's input) by one step towards
    /// <paramref name="vinf"/>; a refractory neuron is held at V_reset. Returns whether it fired.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Step(in LifCubaConstants c, ref double v, ref double ie, ref double ii, double vinf, ref int refr)
    {
        bool fired = false;
        if (refr > 0)
        {
            refr--;
            v = c.VReset;
        }
        else
        {
            double vn = vinf + (v - vinf) * c.Pm + ie * c.Kex + ii * c.Kin;
            if (vn >= c.Vth)
            {
                vn = c.VReset;
                refr = c.RefSteps;
                fired = true;
            }
            v = vn;
        }
        ie *= c.Pex;
        ii *= c.Pin;
        return fired;
    }
}
