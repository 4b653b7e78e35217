namespace Spiking.Models;

/// <summary>The per-dt constants of a lif_delta population on the grid, shared by every backend.</summary>
/// <param name="Pm">e^(−dt/τm).</param>
/// <param name="El">Resting potential E_L (mV).</param>
/// <param name="Rm">Membrane resistance (MΩ).</param>
/// <param name="Vth">Threshold (mV).</param>
/// <param name="VReset">Reset potential (mV).</param>
/// <param name="RefSteps">Refractory period in whole steps.</param>
internal readonly record struct LifDeltaConstants(double Pm, double El, double Rm, double Vth, double VReset, int RefSteps);
