namespace Spiking.Models;

/// <summary>
/// The per-dt constants of a lif_cuba population on the grid (GeNN's "derived parameters"): what
/// <see cref="LifCubaMath.Step"/> needs, computed once at build and shared by every backend.
/// </summary>
/// <param name="Pm">e^(−dt/τm).</param>
/// <param name="Pex">e^(−dt/τex).</param>
/// <param name="Pin">e^(−dt/τin).</param>
/// <param name="Kex">Voltage gained over one step per unit of I_ex at the step's start (exact integration).</param>
/// <param name="Kin">The same for I_in.</param>
/// <param name="El">Resting potential E_L (mV).</param>
/// <param name="Rm">Membrane resistance (MΩ): injected nA to mV.</param>
/// <param name="Vth">Threshold (mV).</param>
/// <param name="VReset">Reset potential (mV).</param>
/// <param name="RefSteps">Refractory period in whole steps.</param>
internal readonly record struct LifCubaConstants(double Pm, double Pex, double Pin, double Kex, double Kin, double El, double Rm,
    double Vth, double VReset, int RefSteps);
