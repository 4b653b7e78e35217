namespace Spiking.Models;

/// <summary>The parameters and per-dt constants of an izhikevich population, shared by every backend.</summary>
/// <param name="A">Recovery rate a (1/ms).</param>
/// <param name="B">Sensitivity b of u to v.</param>
/// <param name="C">Reset value c of v (mV).</param>
/// <param name="D">Increment d of u at a spike.</param>
/// <param name="VPeak">Spike cutoff (mV).</param>
/// <param name="TauSyn">Synaptic time constant (ms); 0 makes input a jump of v.</param>
/// <param name="KExt">Gain of the injected current.</param>
/// <param name="Dt">Time step (ms).</param>
/// <param name="PSyn">e^(−dt/τsyn) (0 when τsyn is 0).</param>
internal readonly record struct IzhikevichConstants(double A, double B, double C, double D, double VPeak, double TauSyn, double KExt, double Dt, double PSyn);
