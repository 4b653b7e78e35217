using Spiking.Description;
using Spiking.Engine;
using Spiking.EventDriven;

namespace Spiking.Tests.EventDriven;

/// <summary>Event mode against closed-form references: single neurons and a two-neuron chain.</summary>
public class EventSingleNeuronTests
{
    private static NetworkSpec Spec(IReadOnlyList<PopulationSpec> pops, IReadOnlyList<ProjectionSpec> projs, IReadOnlyList<InputSpec> inputs,
        IReadOnlyList<MonitorSpec> monitors, double duration)
        => new(new SimulationSpec(0.1, duration, Seed: 1, Threads: 1) { Mode = SimulationMode.Event }, pops, projs, inputs, monitors);

    private static MemoryRecorder Run(NetworkSpec spec)
    {
        var rec = new MemoryRecorder();
        new EventSimulator(Network.Build(spec)).Run(recorder: rec);
        return rec;
    }

    /// <summary>
    /// One lif_cuba neuron (τm 20, τex 5, τin 10 ms; E_L −70, V_th −50, V_reset −60 mV; t_ref 2 ms),
    /// 0.19 nA injected (v∞ = −51 mV), excitatory (16 mV) and inhibitory (−6 mV) input spikes at
    /// given times, some inside refractory periods. Reference: benchmarks/compare/lif_cuba_exact_spikes.py
    /// (closed form in mpmath at 50 digits, crossings bisected to 1e-30 ms), whose output is below.
    /// </summary>
    [Fact]
    public void Lif_cuba_with_exponential_currents_from_spike_times_fires_at_the_analytic_times_to_1e9_ms()
    {
        double[] ex = [1.0, 1.5, 2.25, 3.0, 4.1, 9.0, 9.3, 9.35, 10.5, 15.0, 15.2, 22.7, 23.0, 23.1, 23.4, 26.0, 26.5, 40.0, 40.05, 40.1, 50.0, 50.3, 50.6];
        double[] inh = [3.5, 9.5, 23.05, 40.02];
        double[] expected = [9.9501094916672361645, 16.842823836246444645, 24.897942779592409446, 32.226848659554920841, 43.871545111468652082, 53.752545011723788676];
        var p = new Dictionary<string, double>
        {
            ["tau_m"] = 20, ["tau_syn_ex"] = 5, ["tau_syn_in"] = 10, ["E_L"] = -70, ["V_th"] = -50, ["V_reset"] = -60, ["t_ref"] = 2, ["R_m"] = 100,
        };
        var spec = Spec(
            [new PopulationSpec("n", "lif_cuba", 1, p, new Dictionary<string, ValueSpec>())],
            [],
            [
                new CurrentInputSpec("dc", "n", [0.0], [0.19]),
                new SpikeTimesInputSpec("ex", "n", "exc", 16, ex.Select(_ => 0).ToArray(), ex),
                new SpikeTimesInputSpec("in", "n", "inh", -6, inh.Select(_ => 0).ToArray(), inh),
            ],
            [new SpikeMonitorSpec("n")], 60);
        var spikes = Run(spec).SpikeTimes[0];
        Assert.Equal(expected.Length, spikes.Count);
        for (int k = 0; k < expected.Length; k++)
            Assert.True(Math.Abs(spikes[k] - expected[k]) <= 1e-9, $"spike {k}: {spikes[k]:R} ms, analytic {expected[k]:R} ms");
    }

    /// <summary>
    /// lif_delta under a constant suprathreshold current fires every
    /// T = t_ref + τm·ln((v∞ − V_reset)/(v∞ − V_th)) (Gerstner et al. 2014, eq. 1.11); in event mode exactly.
    /// </summary>
    [Fact]
    public void Lif_delta_under_constant_current_fires_at_the_analytic_interval_to_1e9_ms()
    {
        const double tau = 20, vth = 20, vreset = 10, tref = 2, rm = 100, i = 0.25; // v∞ = 25 mV
        double vinf = rm * i, free = tau * Math.Log((vinf - vreset) / (vinf - vth)), first = tau * Math.Log(vinf / (vinf - vth));
        var spec = Spec(
            [new PopulationSpec("n", "lif_delta", 1, new Dictionary<string, double> { ["t_ref"] = tref }, new Dictionary<string, ValueSpec>())],
            [], [new CurrentInputSpec("dc", "n", [0.0], [i])], [new SpikeMonitorSpec("n")], 300);
        var spikes = Run(spec).SpikeTimes[0];
        Assert.True(spikes.Count >= 10, $"{spikes.Count} spikes");
        Assert.True(Math.Abs(spikes[0] - first) <= 1e-9, $"first {spikes[0]:R}, analytic {first:R}");
        for (int k = 1; k < spikes.Count; k++)
            Assert.True(Math.Abs(spikes[k] - spikes[k - 1] - (tref + free)) <= 1e-9, $"ISI {k}: {spikes[k] - spikes[k - 1]:R}, analytic {tref + free:R}");
    }

    /// <summary>Neuron 0 fires at an input at 3.3 ms; its spike reaches neuron 1 after 1.2345 ms, a delay that is not a multiple of dt (0.1 ms).</summary>
    [Theory]
    [InlineData("lif_delta")]
    [InlineData("lif_cuba")]
    public void A_two_neuron_chain_delivers_at_exactly_the_continuous_delay(string model)
    {
        const double delay = 1.2345, t0 = 3.3;
        bool delta = model == "lif_delta";
        var spec = Spec(
            [new PopulationSpec("a", model, 1, new Dictionary<string, double>(), new Dictionary<string, ValueSpec>()),
             new PopulationSpec("b", model, 1, new Dictionary<string, double>(), new Dictionary<string, ValueSpec>())],
            [new ProjectionSpec("ab", "a", "b", "exc", new OneToOneConnector(), new ConstantValue(delta ? 25 : 1e5), new ConstantValue(delay))],
            [new SpikeTimesInputSpec("kick", "a", "exc", delta ? 25 : 1e5, [0], [t0])],
            [new SpikeMonitorSpec("a"), new SpikeMonitorSpec("b"), new StateMonitorSpec("b", ["v"], 0.1)], 10);
        var rec = Run(spec);
        // (lif_cuba fires again after t_ref while the large current decays; the first spikes are the ones that matter.)
        Assert.NotEmpty(rec.SpikeTimes[0]);
        Assert.NotEmpty(rec.SpikeTimes[1]);
        if (delta) { Assert.Single(rec.SpikeTimes[0]); Assert.Single(rec.SpikeTimes[1]); }
        double ta = rec.SpikeTimes[0][0], tb = rec.SpikeTimes[1][0];
        if (delta)
        {
            // A jump above threshold fires at the arrival itself.
            Assert.Equal(t0, ta);
            Assert.Equal(ta + delay, tb);
        }
        else
        {
            // A current jump makes v rise from the arrival on: the spike follows within a few µs, and not before it.
            Assert.InRange(ta - t0, 1e-12, 0.01);
            Assert.InRange(tb - (ta + delay), 1e-12, 0.01);
            Assert.Equal(ta - t0, tb - ta - delay, 9);
        }
        // Until the arrival, b sits at rest: the sample just before t_a + delay is still E_L.
        var times = rec.StateTimes[2];
        int before = times.FindLastIndex(t => t < ta + delay);
        Assert.Equal(delta ? 0.0 : -70.0, rec.StateValues[2][before][0], 12);
    }

    /// <summary>Per-synapse delays drawn from a distribution: each target fires at the spike time plus its own drawn delay.</summary>
    [Fact]
    public void Per_synapse_delays_are_continuous_and_each_arrival_keeps_its_own()
    {
        var spec = Spec(
            [new PopulationSpec("a", "lif_delta", 1, new Dictionary<string, double>(), new Dictionary<string, ValueSpec>()),
             new PopulationSpec("b", "lif_delta", 50, new Dictionary<string, double>(), new Dictionary<string, ValueSpec>())],
            [new ProjectionSpec("ab", "a", "b", "exc", new AllToAllConnector(), new ConstantValue(25), new UniformValue(0.5, 3.0))],
            [new SpikeTimesInputSpec("kick", "a", "exc", 25, [0], [1.0])],
            [new SpikeMonitorSpec("b")], 10);
        var net = Network.Build(spec);
        var table = net.Projections[0].Synapses;
        Assert.Equal(50, table.DelayMs.Length);
        var rec = new MemoryRecorder();
        new EventSimulator(net).Run(recorder: rec);
        var times = rec.SpikeTimes[0]; var ids = rec.SpikeIds[0];
        Assert.Equal(50, times.Count);
        for (int k = 0; k < times.Count; k++)
        {
            Assert.Equal(1.0 + table.DelayMs[(int)table.RowStart[0] + table.Target.AsSpan().IndexOf(ids[k])], times[k]);
            if (k > 0) Assert.True(times[k] >= times[k - 1]);
        }
        Assert.True(table.DelayMs.Distinct().Count() > 45, "delays are not rounded to the grid");
    }
}
