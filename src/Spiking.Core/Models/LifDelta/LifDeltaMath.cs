using System.Runtime.CompilerServices;

namespace Spiking.Models;

/// <summary>
/// One grid step of one lif_delta neuron (v relaxes to E_L + R_m·I_ext, input arrives as jumps), the
/// reference arithmetic of every backend.
/// </summary>
internal static class LifDeltaMath
{
    /// <summary>
    /// Advances v by one step and adds this step's summed jumps <paramref name="jump"/> (mV); a
    /// refractory neuron is held at V_reset and its input dropped. Returns whether it fired.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Step(in LifDeltaConstants c, ref double v, double jump, double iext, ref int refr)
    {
        if (refr > 0)
        {
            refr--;
            v = c.VReset;
            return false;
        }
        double vinf = c.El + c.Rm * iext;
        double vn = vinf + (v - vinf) * c.Pm + jump;
        if (vn >= c.Vth)
        {
            v = c.VReset;
            refr = c.RefSteps;
            return true;
        }
        v = vn;
        return false;
    }
}
