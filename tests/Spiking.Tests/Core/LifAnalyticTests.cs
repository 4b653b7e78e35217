using Spiking.Description;
using Spiking.Cpu;
using Spiking.Engine;

namespace Spiking.Tests.Core;

/// <summary>
/// A single LIF neuron under a constant current: τm dv/dt = −(v − E_L) + R·I has the solution
/// v(t) = v∞ + (v0 − v∞)·e^(−t/τm), v∞ = E_L + R·I, and fires every
/// T = t_ref + τm·ln((v∞ − V_reset)/(v∞ − V_th)) (Lapicque; e.g. Gerstner et al. 2014, "Neuronal Dynamics", eq. 1.11).
/// </summary>
public class LifAnalyticTests
{
    private const double TauM = 20, EL = -70, Vth = -50, Vreset = -60, Tref = 2, Rm = 100, I = 0.25, Dt = 0.1;
    private static readonly double VInf = EL + Rm * I; // -45 mV

    private static NetworkSpec SingleNeuron(bool precise, double duration) => new(
        new SimulationSpec(Dt, duration, Seed: 1, Threads: 1),
        [
            new PopulationSpec("n", "lif_cuba", 1,
                new Dictionary<string, double> { ["tau_m"] = TauM, ["E_L"] = EL, ["V_th"] = Vth, ["V_reset"] = Vreset, ["t_ref"] = Tref, ["R_m"] = Rm },
                new Dictionary<string, ValueSpec> { ["v"] = new ConstantValue(Vreset) }) { PreciseSpikeTimes = precise },
        ],
        [],
        [new CurrentInputSpec("dc", "n", [0.0], [I])],
        [new SpikeMonitorSpec("n"), new StateMonitorSpec("n", ["v"], Dt)]);

    private static double AnalyticInterval => Tref + TauM * Math.Log((VInf - Vreset) / (VInf - Vth));

    [Fact]
    public void Lif_membrane_follows_the_analytic_trajectory_until_threshold()
    {
        var rec = new MemoryRecorder();
        using var sim = new Simulator(Network.Build(SingleNeuron(false, 20)));
        sim.Run(recorder: rec);
        double firstSpike = rec.SpikeTimes[0].Count > 0 ? rec.SpikeTimes[0][0] : double.PositiveInfinity;
        int checkedSamples = 0;
        for (int k = 0; k < rec.StateTimes[1].Count; k++)
        {
            double t = rec.StateTimes[1][k];
            if (t >= firstSpike) break;
            double expected = VInf + (Vreset - VInf) * Math.Exp(-t / TauM);
            double actual = rec.StateValues[1][k][0];
            Assert.True(Math.Abs(actual - expected) <= 1e-6 * Math.Abs(expected), $"t = {t} ms: v = {actual}, analytic {expected}");
            checkedSamples++;
        }
        Assert.True(checkedSamples >= 150, $"only {checkedSamples} samples before the first spike");
    }

    [Fact]
    public void Lif_on_the_grid_fires_at_the_first_step_end_after_the_analytic_crossing()
    {
        var rec = new MemoryRecorder();
        using var sim = new Simulator(Network.Build(SingleNeuron(false, 200)));
        sim.Run(recorder: rec);
        var spikes = rec.SpikeTimes[0];
        // From reset, the crossing is at T − t_ref; stamped at the end of its step; refractoriness
        // counts whole steps, so each later spike is again the first step end after the crossing.
        double free = AnalyticInterval - Tref;
        double expectedFirst = Math.Ceiling(free / Dt) * Dt;
        Assert.Equal(expectedFirst, spikes[0], 9);
        double expectedIsi = Math.Round(Tref / Dt) * Dt + Math.Ceiling(free / Dt) * Dt;
        for (int k = 1; k < spikes.Count; k++) Assert.Equal(expectedIsi, spikes[k] - spikes[k - 1], 9);
        Assert.True(spikes.Count >= 7);
    }

    [Fact]
    public void Lif_with_precise_spike_times_fires_at_the_analytic_interval_to_1e6_relative()
    {
        var rec = new MemoryRecorder();
        using var sim = new Simulator(Network.Build(SingleNeuron(true, 500)));
        sim.Run(recorder: rec);
        var spikes = rec.SpikeTimes[0];
        Assert.True(spikes.Count >= 20, $"{spikes.Count} spikes");
        double first = AnalyticInterval - Tref;
        Assert.True(Math.Abs(spikes[0] - first) <= 1e-6 * first, $"first spike {spikes[0]} ms, analytic {first} ms");
        for (int k = 1; k < spikes.Count; k++)
        {
            double isi = spikes[k] - spikes[k - 1];
            Assert.True(Math.Abs(isi - AnalyticInterval) <= 1e-6 * AnalyticInterval, $"ISI {k}: {isi} ms, analytic {AnalyticInterval} ms");
        }
    }

    /// <summary>A current step (0.1 nA from 50 to 100 ms, below threshold) charges and discharges the membrane exponentially.</summary>
    [Fact]
    public void Lif_follows_a_current_step_on_and_off()
    {
        var spec = new NetworkSpec(new SimulationSpec(Dt, 200, Seed: 1, Threads: 1),
            [new PopulationSpec("n", "lif_cuba", 2, new Dictionary<string, double> { ["tau_m"] = TauM, ["E_L"] = EL, ["R_m"] = Rm }, new Dictionary<string, ValueSpec>())],
            [],
            [new CurrentInputSpec("step", "n", [50.0, 100.0], [0.1, 0.0]) { Neurons = [1] }],
            [new StateMonitorSpec("n", ["v"], 1.0)]);
        var rec = new MemoryRecorder();
        using var sim = new Simulator(Network.Build(spec));
        sim.Run(recorder: rec);
        double vOn = EL + Rm * 0.1, v100 = vOn + (EL - vOn) * Math.Exp(-50 / TauM);
        for (int k = 0; k < rec.StateTimes[0].Count; k++)
        {
            double t = rec.StateTimes[0][k];
            double expected = t <= 50 ? EL : t <= 100 ? vOn + (EL - vOn) * Math.Exp(-(t - 50) / TauM) : EL + (v100 - EL) * Math.Exp(-(t - 100) / TauM);
            Assert.Equal(EL, rec.StateValues[0][k][0], 9);             // neuron 0 gets no current
            Assert.True(Math.Abs(rec.StateValues[0][k][1] - expected) <= 1e-9, $"t = {t} ms: {rec.StateValues[0][k][1]} vs {expected}");
        }
    }
}
