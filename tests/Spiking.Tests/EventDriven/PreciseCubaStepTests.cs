using Spiking.Build;
using Spiking.Cpu;
using Spiking.Description;
using Spiking.Engine;
using Spiking.EventDriven;

namespace Spiking.Tests.EventDriven;

/// <summary>Step mode with precise_spike_times on lif_cuba (NEST iaf_psc_exp_ps semantics): inputs at their offsets, guaranteed crossings.</summary>
public class PreciseCubaStepTests
{
    /// <summary>
    /// The single lif_cuba neuron of EventSingleNeuronTests (τm 20, τex 5, τin 10 ms; 0.19 nA, inputs
    /// partly off the 0.1 ms grid, some in refractory periods), now time-stepped at dt = 0.1 ms with
    /// precise spike times. Reference: benchmarks/compare/lif_cuba_exact_spikes.py (mpmath, 50 digits).
    /// </summary>
    [Fact]
    public void Precise_lif_cuba_at_dt_0_1_fires_at_the_analytic_times_to_1e9_ms()
    {
        double[] ex = [1.0, 1.5, 2.25, 3.0, 4.1, 9.0, 9.3, 9.35, 10.5, 15.0, 15.2, 22.7, 23.0, 23.1, 23.4, 26.0, 26.5, 40.0, 40.05, 40.1, 50.0, 50.3, 50.6];
        double[] inh = [3.5, 9.5, 23.05, 40.02];
        double[] expected = [9.9501094916672361645, 16.842823836246444645, 24.897942779592409446, 32.226848659554920841, 43.871545111468652082, 53.752545011723788676];
        var p = new Dictionary<string, double>
        {
            ["tau_m"] = 20,
            ["tau_syn_ex"] = 5,
            ["tau_syn_in"] = 10,
            ["E_L"] = -70,
            ["V_th"] = -50,
            ["V_reset"] = -60,
            ["t_ref"] = 2,
            ["R_m"] = 100,
        };
        var spec = new NetworkSpec(new SimulationSpec(0.1, 60, Seed: 1, Threads: 1),
            [new PopulationSpec("n", "lif_cuba", 1, p, new Dictionary<string, ValueSpec>()) { PreciseSpikeTimes = true }],
            [],
            [
                new CurrentInputSpec("dc", "n", [0.0], [0.19]),
                new SpikeTimesInputSpec("ex", "n", "exc", 16, ex.Select(_ => 0).ToArray(), ex),
                new SpikeTimesInputSpec("in", "n", "inh", -6, inh.Select(_ => 0).ToArray(), inh),
            ],
            [new SpikeMonitorSpec("n")]);
        var rec = new MemoryRecorder();
        using (var sim = new Simulator(Network.Build(spec), 1)) sim.Run(recorder: rec);
        var spikes = rec.SpikeTimes[0];
        Assert.Equal(expected.Length, spikes.Count);
        for (int k = 0; k < expected.Length; k++)
            Assert.True(Math.Abs(spikes[k] - expected[k]) <= 1e-9, $"spike {k}: {spikes[k]:R} ms, analytic {expected[k]:R} ms");
    }

    /// <summary>
    /// A 400-neuron version of models/cuba.toml (Brette et al. 2007 benchmark 2: E_L −49 mV above
    /// V_th −50 mV, 1.62 / −9 mV weights, p = 0.2 so 80 synapses per neuron as in the 4,000-neuron model)
    /// with a 1 ms delay: precise step mode at dt = 0.1 ms against event mode, spike for spike over 150 ms
    /// (measured: 375 spikes, max 3.2e-12 ms).
    /// </summary>
    [Fact]
    public void Precise_lif_cuba_network_follows_event_mode_spike_for_spike()
    {
        MemoryRecorder Run(SimulationMode mode)
        {
            var p = new Dictionary<string, double>
            {
                ["tau_m"] = 20,
                ["tau_syn_ex"] = 5,
                ["tau_syn_in"] = 10,
                ["E_L"] = -49,
                ["V_th"] = -50,
                ["V_reset"] = -60,
                ["t_ref"] = 5,
                ["R_m"] = 100,
            };
            var init = new Dictionary<string, ValueSpec> { ["v"] = new UniformValue(-60, -50) };
            var fp = new FixedProbabilityConnector(0.2);
            var spec = new NetworkSpec(new SimulationSpec(0.1, 150, Seed: 3, Threads: 1) { Mode = mode },
                [
                    new PopulationSpec("exc", "lif_cuba", 320, p, init) { PreciseSpikeTimes = true },
                    new PopulationSpec("inh", "lif_cuba", 80, p, init) { PreciseSpikeTimes = true },
                ],
                [
                    new ProjectionSpec("ee", "exc", "exc", "exc", fp, new ConstantValue(1.62), new ConstantValue(1.0)),
                    new ProjectionSpec("ei", "exc", "inh", "exc", fp, new ConstantValue(1.62), new ConstantValue(1.0)),
                    new ProjectionSpec("ie", "inh", "exc", "inh", fp, new ConstantValue(-9), new ConstantValue(1.0)),
                    new ProjectionSpec("ii", "inh", "inh", "inh", fp, new ConstantValue(-9), new ConstantValue(1.0)),
                ],
                [],
                [new SpikeMonitorSpec("exc"), new SpikeMonitorSpec("inh")]);
            var rec = new MemoryRecorder();
            var net = Network.Build(spec, 1);
            if (mode == SimulationMode.Event) new EventSimulator(net).Run(recorder: rec);
            else using (var sim = new Simulator(net, 1)) sim.Run(recorder: rec);
            return rec;
        }
        var exact = Run(SimulationMode.Event);
        var step = Run(SimulationMode.Step);
        int total = exact.SpikeTimes[0].Count + exact.SpikeTimes[1].Count;
        Assert.True(total > 300, $"{total} spikes");
        for (int m = 0; m < 2; m++)
        {
            int size = m == 0 ? 320 : 80;
            var a = Enumerable.Range(0, size).Select(_ => new List<double>()).ToArray();
            var b = Enumerable.Range(0, size).Select(_ => new List<double>()).ToArray();
            for (int k = 0; k < exact.SpikeTimes[m].Count; k++) a[exact.SpikeIds[m][k]].Add(exact.SpikeTimes[m][k]);
            for (int k = 0; k < step.SpikeTimes[m].Count; k++) b[step.SpikeIds[m][k]].Add(step.SpikeTimes[m][k]);
            for (int i = 0; i < size; i++)
            {
                Assert.True(a[i].Count == b[i].Count, $"monitor {m} neuron {i}: {b[i].Count} spikes, event mode {a[i].Count}");
                for (int k = 0; k < a[i].Count; k++)
                    Assert.True(Math.Abs(a[i][k] - b[i][k]) <= 1e-9, $"monitor {m} neuron {i} spike {k}: {b[i][k]:R} ms, event mode {a[i][k]:R} ms");
            }
        }
    }

    private static NetworkSpec CubaWithDelay(ValueSpec delay, double tauEx = 5) => new(
        new SimulationSpec(0.1, 100, 1),
        [
            new PopulationSpec("n", "lif_cuba", 50, new Dictionary<string, double> { ["E_L"] = -49, ["tau_syn_ex"] = tauEx },
                new Dictionary<string, ValueSpec> { ["v"] = new UniformValue(-60, -50) }) { PreciseSpikeTimes = true },
        ],
        [new ProjectionSpec("rec", "n", "n", "exc", new FixedProbabilityConnector(0.2), new ConstantValue(1), delay)],
        [], [new SpikeMonitorSpec("n")]);

    /// <summary>
    /// Models written for the stamp-only precise lif_cuba keep working: a drawn or zero delay onto it is
    /// delivered on the grid (docs/event-driven.md), not rejected; the run is the same for 1 and 2 threads.
    /// </summary>
    [Theory]
    [InlineData(0.0, 0.0)]
    [InlineData(1.0, 2.0)]
    public void Precise_lif_cuba_takes_drawn_or_zero_delays_on_the_grid(double low, double high)
    {
        ValueSpec delay = low == high ? new ConstantValue(low) : new UniformValue(low, high);
        var spec = CubaWithDelay(delay);
        Assert.Empty(NetworkValidator.Validate(spec));
        double[] RunWith(int threads)
        {
            var rec = new MemoryRecorder();
            using (var sim = new Simulator(Network.Build(spec, threads), threads)) sim.Run(recorder: rec);
            return rec.SpikeTimes[0].ToArray();
        }
        var one = RunWith(1);
        Assert.True(one.Length > 30, $"{one.Length} spikes");
        Assert.Equal(one, RunWith(2));
    }

    [Fact]
    public void Precise_lif_cuba_with_tau_syn_equal_to_tau_m_is_rejected()
    {
        var error = Assert.Single(NetworkValidator.Validate(CubaWithDelay(new ConstantValue(1), tauEx: 20)));
        Assert.Equal("populations[0].parameters.tau_syn_ex", error.Path);
        Assert.Contains("precise spike times need tau_syn_ex to differ from tau_m", error.Message);
    }
}
