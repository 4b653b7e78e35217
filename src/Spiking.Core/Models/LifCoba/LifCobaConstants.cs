namespace Spiking.Models;

/// <summary>The per-dt constants of a lif_coba population, shared by every backend.</summary>
/// <param name="Gl">Leak conductance g_L (nS).</param>
/// <param name="El">Leak reversal E_L (mV).</param>
/// <param name="Eex">Excitatory reversal (mV).</param>
/// <param name="Ein">Inhibitory reversal (mV).</param>
/// <param name="DtOverC">dt / C_m (ms/pF).</param>
/// <param name="Pex">e^(−dt/τex).</param>
/// <param name="Pin">e^(−dt/τin).</param>
/// <param name="Vth">Threshold (mV).</param>
/// <param name="VReset">Reset potential (mV).</param>
/// <param name="RefSteps">Refractory period in whole steps.</param>
internal readonly record struct LifCobaConstants(double Gl, double El, double Eex, double Ein, double DtOverC, double Pex, double Pin,
    double Vth, double VReset, int RefSteps);
