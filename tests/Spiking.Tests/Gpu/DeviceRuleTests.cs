using Spiking.Description;
using Spiking.Cpu;
using Spiking.Engine;
using Spiking.Gpu;
using Spiking.Plasticity;

namespace Spiking.Tests.Gpu;

/// <summary>
/// spike_source populations, normalisation and the spiking rules other than pair STDP on ILGPU's CPU
/// accelerator in deterministic mode: the CPU backend's spikes and final weights (double and float), bit for bit.
/// </summary>
public class DeviceRuleTests
{
    private static readonly Dictionary<string, double> Lif = new() { ["E_L"] = -65, ["V_th"] = -50, ["V_reset"] = -65 };
    private static Dictionary<string, ValueSpec> RandomV => new() { ["v"] = new UniformValue(-65, -50) };

    /// <summary>Runs <paramref name="spec"/> on both backends; asserts the same spikes, sampled states, every plastic weight and snapshot; returns both networks and the CPU recorder.</summary>
    private static (Network Cpu, Network Device, MemoryRecorder Record) RunBoth(NetworkSpec spec)
    {
        var cpuNet = Network.Build(spec, 1);
        var devNet = Network.Build(spec, 1);
        Assert.Empty(DeviceSimulator.Unsupported(devNet));
        var cpu = new MemoryRecorder();
        var dev = new MemoryRecorder();
        using (var sim = new Simulator(cpuNet, 1)) sim.Run(recorder: cpu);
        using (var sim = new DeviceSimulator(devNet, DeviceBackend.IlgpuCpu, DeviceSums.Deterministic, 64)) sim.Run(recorder: dev);
        DeviceCompare.AssertSameSpikes(cpu, dev);
        for (int m = 0; m < cpu.StateValues.Length; m++)
        {
            Assert.Equal(cpu.StateValues[m].Count, dev.StateValues[m].Count);
            for (int k = 0; k < cpu.StateValues[m].Count; k++)
                Assert.Equal(cpu.StateValues[m][k].Select(BitConverter.DoubleToInt64Bits), dev.StateValues[m][k].Select(BitConverter.DoubleToInt64Bits));
        }
        for (int k = 0; k < cpuNet.Projections.Count; k++)
        {
            if (cpuNet.Projections[k].Plasticity is not { } c) continue;
            var d = devNet.Projections[k].Plasticity!;
            Assert.Equal(c.Weights.Select(BitConverter.DoubleToInt64Bits), d.Weights.Select(BitConverter.DoubleToInt64Bits));
            Assert.Equal(cpuNet.Projections[k].Synapses.Weight.Select(BitConverter.SingleToInt32Bits), devNet.Projections[k].Synapses.Weight.Select(BitConverter.SingleToInt32Bits));
        }
        for (int m = 0; m < cpu.Weights.Length; m++)
        {
            Assert.Equal(cpu.WeightTimes[m], dev.WeightTimes[m]);
            Assert.Equal(cpu.Weights[m].Count, dev.Weights[m].Count);
            for (int k = 0; k < cpu.Weights[m].Count; k++)
                Assert.Equal(cpu.Weights[m][k].Select(BitConverter.DoubleToInt64Bits), dev.Weights[m][k].Select(BitConverter.DoubleToInt64Bits));
        }
        return (cpuNet, devNet, cpu);
    }

    /// <summary>How many of projection k's weights differ from the built ones (a test network must actually learn).</summary>
    private static int Changed(NetworkSpec spec, Network net, int k)
    {
        var initial = Network.Build(spec, 1).Projections[k].Plasticity!.Weights;
        var w = net.Projections[k].Plasticity!.Weights;
        return Enumerable.Range(0, w.Length).Count(s => w[s] != initial[s]);
    }

    /// <summary>Spike trains of <paramref name="units"/> units over [0, duration) ms, with times that fall into one step twice, at 0, and unsorted.</summary>
    private static IReadOnlyList<IReadOnlyList<double>> Trains(int units, double duration, double rateHz, int seed)
    {
        var random = new System.Random(seed);
        var trains = new List<IReadOnlyList<double>>();
        for (int i = 0; i < units; i++)
        {
            var t = new List<double>();
            int n = (int)(rateHz * duration * 1e-3 * random.NextDouble() * 2);
            for (int k = 0; k < n; k++) t.Add(Math.Round(random.NextDouble() * duration, 3));
            if (i % 7 == 0 && t.Count > 0) t.Add(t[0] + 0.02);
            if (i % 11 == 0) t.Add(0);
            trains.Add(t);
        }
        trains[^1] = [];
        return trains;
    }

    [Fact]
    public void Spike_sources_fire_as_on_the_cpu_and_drive_plastic_and_static_projections()
    {
        double duration = 40;
        var spec = new NetworkSpec(new SimulationSpec(0.1, duration, Seed: 7),
            [
                new PopulationSpec("src", "spike_source", 60, new Dictionary<string, double>(), new Dictionary<string, ValueSpec>())
                    { SpikeTimes = Trains(60, duration, 150, 3) },
                new PopulationSpec("out", "lif_cuba", 30, Lif, RandomV),
            ],
            [
                new ProjectionSpec("so", "src", "out", "exc", new FixedProbabilityConnector(0.4), new UniformValue(1, 4), new UniformValue(0.1, 2))
                    { Plasticity = new PlasticitySpec("stdp", new Dictionary<string, double> { ["A_plus"] = 0.05, ["A_minus"] = 0.055, ["w_min"] = 0, ["w_max"] = 3.5 }, new Dictionary<string, string>()) },
                new ProjectionSpec("so_inh", "src", "out", "inh", new FixedProbabilityConnector(0.1), new ConstantValue(1), new ConstantValue(0.5)),
                new ProjectionSpec("os", "out", "src", "in", new FixedProbabilityConnector(0.3), new ConstantValue(5), new UniformValue(0.1, 1)),
            ],
            [new PoissonInputSpec("bg", "out", "exc", Rate: 2000, Weight: 1.5)],
            [new SpikeMonitorSpec("src"), new SpikeMonitorSpec("out")]);
        var (cpuNet, devNet, record) = RunBoth(spec);
        Assert.True(record.SpikeIds[0].Count > 200 && record.SpikeIds[1].Count > 50, $"{record.SpikeIds[0].Count} source and {record.SpikeIds[1].Count} output spikes");
        Assert.True(Changed(spec, cpuNet, 0) > 100);
        var c = (Spiking.Models.SpikeSourceGroup)cpuNet.Populations[0].Group;
        var d = (Spiking.Models.SpikeSourceGroup)devNet.Populations[0].Group;
        Assert.Equal(c.Next, d.Next);
        Assert.Equal(c.StepsDone, d.StepsDone);
    }

    [Fact]
    public void Poisson_sources_fire_as_on_the_cpu_across_runs_and_drive_pair_stdp()
    {
        // Song, Miller & Abbott 2000 (300 ms): 1000 poisson_source units at 15 Hz onto a lif_coba neuron through
        // additive pair STDP, and a projection back onto the sources, whose input they ignore.
        var song = Plasticity.PlasticNetworks.Song(1000, 15, 0.15, 0.03, 300, 0.5, seed: 11);
        var spec = song with
        {
            Projections = [.. song.Projections, new ProjectionSpec("back", "out", "in", "in", new AllToAllConnector(), new ConstantValue(1), new ConstantValue(1))],
            Monitors = [new SpikeMonitorSpec("in"), new SpikeMonitorSpec("out")],
        };
        var cpuNet = Network.Build(spec, 1);
        var devNet = Network.Build(spec, 1);
        Assert.Empty(DeviceSimulator.Unsupported(devNet));
        var cpu = new MemoryRecorder[2];
        var dev = new MemoryRecorder[2];
        using (var sim = new Simulator(cpuNet, 1))
            for (int r = 0; r < 2; r++) sim.Run(150, cpu[r] = new MemoryRecorder());
        using (var sim = new DeviceSimulator(devNet, DeviceBackend.IlgpuCpu, DeviceSums.Deterministic, 64))
            for (int r = 0; r < 2; r++) sim.Run(150, dev[r] = new MemoryRecorder());
        for (int r = 0; r < 2; r++) DeviceCompare.AssertSameSpikes(cpu[r], dev[r]);
        // 1000 units × 15 Hz × 0.15 s = 2250 expected per run (sd 47); the neuron must fire for STDP to act
        Assert.InRange(cpu[1].SpikeIds[0].Count, 2000, 2500);
        Assert.True(cpu[1].SpikeIds[1].Count > 0, "the neuron never fired");
        Assert.True(Changed(spec, cpuNet, 0) > 100);
        Assert.Equal(cpuNet.Projections[0].Plasticity!.Weights.Select(BitConverter.DoubleToInt64Bits), devNet.Projections[0].Plasticity!.Weights.Select(BitConverter.DoubleToInt64Bits));
        var c = (Spiking.Models.PoissonSourceGroup)cpuNet.Populations[0].Group;
        var d = (Spiking.Models.PoissonSourceGroup)devNet.Populations[0].Group;
        Assert.All(c.Draws, n => Assert.Equal(600ul, n));
        Assert.Equal(c.Draws, d.Draws);
    }

    [Fact]
    public void Bgrnn_online_with_penalties_and_delays_and_batched_gives_the_cpu_backends_weights_and_states()
    {
        // Free-running binary_gated and binary_sigmoid units, an always-on rate_input unit for biases; the
        // recurrent projection has a delay of 2 steps, L2 and L1 penalties and bounds, one onto the sigmoid
        // units sums its changes over batches of 5 steps (83 steps: the last batch is cut short).
        static Dictionary<string, double> P(params (string Key, double Value)[] kv) => kv.ToDictionary(x => x.Key, x => x.Value);
        var spec = new NetworkSpec(new SimulationSpec(1, 83, Seed: 21),
            [
                new PopulationSpec("g", "binary_gated", 30, P(("bias", -0.3), ("tau_x", 1.5)), new Dictionary<string, ValueSpec>()),
                new PopulationSpec("s", "binary_sigmoid", 20, P(("bias", 0.2), ("temperature", 0.7)), new Dictionary<string, ValueSpec>()),
                new PopulationSpec("one", "rate_input", 1, new Dictionary<string, double>(), new Dictionary<string, ValueSpec>()),
            ],
            [
                new ProjectionSpec("R", "g", "g", "in", new FixedProbabilityConnector(0.4), new UniformValue(-0.5, 0.5), new ConstantValue(2))
                    { Plasticity = Rule("bgrnn", P(("eta", 0.05), ("decay", 0.01), ("l1", 0.002), ("w_min", -0.6), ("w_max", 0.6))) },
                new ProjectionSpec("gs", "g", "s", "in", new AllToAllConnector(), new ConstantValue(0.1), new ConstantValue(0))
                    { Plasticity = Rule("bgrnn", P(("eta", 0.02), ("batch", 5))) },
                new ProjectionSpec("b", "one", "g", "in", new AllToAllConnector(), new ConstantValue(0), new ConstantValue(0))
                    { Plasticity = Rule("bgrnn", P(("eta", 0.05))) },
            ],
            [new CurrentInputSpec("always_on", "one", [0], [1.0])],
            [
                new StateMonitorSpec("g", ["h", "x", "hx", "p"], 1), new StateMonitorSpec("s", ["h", "p"], 1),
                new WeightMonitorSpec("R", [0, 40, 79]), new WeightMonitorSpec("gs", [3, 50]),
            ]);
        var (cpuNet, devNet, _) = RunBoth(spec);
        for (int k = 0; k < 3; k++) Assert.True(Changed(spec, cpuNet, k) > 10, $"projection {k} barely learned");
        for (int k = 0; k < 2; k++)
        {
            var c = (BgRnnRuntime)cpuNet.Projections[k].Plasticity!;
            var d = (BgRnnRuntime)devNet.Projections[k].Plasticity!;
            Assert.Equal(c.History.SelectMany(h => h), d.History.SelectMany(h => h));
            Assert.Equal(c.Pending, d.Pending);
        }
        Assert.Contains(((BgRnnRuntime)cpuNet.Projections[1].Plasticity!).Pending, v => v != 0); // a batch was under way at the end
    }

    private static PlasticitySpec Rule(string rule, Dictionary<string, double> parameters, Dictionary<string, string>? options = null)
        => new(rule, parameters, options ?? new Dictionary<string, string>());

    /// <summary>Poisson-driven inputs "in" (80) and inhibitory cells "inh" (20) onto outputs "out" (40) through the given projections.</summary>
    private static NetworkSpec Learning(double duration, ProjectionSpec[] projections, MonitorSpec[] weightMonitors) => new(
        new SimulationSpec(0.1, duration, Seed: 99),
        [
            new PopulationSpec("in", "lif_cuba", 80, Lif, RandomV),
            new PopulationSpec("out", "lif_cuba", 40, Lif, RandomV),
            new PopulationSpec("inh", "lif_cuba", 20, Lif, RandomV),
        ],
        projections,
        [
            new PoissonInputSpec("drive", "in", "exc", Rate: 3000, Weight: 2.0),
            new PoissonInputSpec("bg", "out", "exc", Rate: 2500, Weight: 1.6),
            new PoissonInputSpec("bgi", "inh", "exc", Rate: 3000, Weight: 2.0),
        ],
        [new SpikeMonitorSpec("in"), new SpikeMonitorSpec("out"), new SpikeMonitorSpec("inh"), .. weightMonitors]);

    [Fact]
    public void Normalisation_of_pair_stdp_scales_each_column_as_on_the_cpu()
    {
        var stdp = new Dictionary<string, double> { ["A_plus"] = 0.05, ["A_minus"] = 0.055, ["w_min"] = 0, ["w_max"] = 3, ["normalize_every"] = 2.5 };
        var spec = Learning(40,
            [
                // normalised to the initial column sums (every 2.5 ms), and to a given total (every step), with a bound that clips the scaled weights
                new ProjectionSpec("to_initial", "in", "out", "exc", new FixedProbabilityConnector(0.3), new UniformValue(0.5, 2.5), new ConstantValue(0.5))
                    { Plasticity = Rule("stdp", stdp) },
                new ProjectionSpec("to_total", "out", "out", "exc", new FixedProbabilityConnector(0.2), new UniformValue(0.2, 1.0), new UniformValue(0.1, 2))
                    { Plasticity = Rule("stdp", new(stdp) { ["normalize_every"] = 0.1, ["normalize_total"] = 6, ["w_max"] = 0.9 }, new() { ["pairing"] = "nearest", ["update"] = "multiplicative" }) },
            ],
            [new WeightMonitorSpec("to_initial", [0, 10, 12.5, 20.05, 40]), new WeightMonitorSpec("to_total", [5, 40])]);
        var (cpuNet, _, record) = RunBoth(spec);
        Assert.True(record.SpikeIds[1].Count > 60, $"{record.SpikeIds[1].Count} output spikes");
        for (int k = 0; k < 2; k++) Assert.True(Changed(spec, cpuNet, k) > 100);
        // The normalisation did run: at a multiple of 2.5 ms the column sums are back to the initial ones.
        var initial = Network.Build(spec, 1).Projections[0];
        var sums0 = new double[40];
        for (int s = 0; s < initial.Synapses.Count; s++) sums0[initial.Synapses.Target[s]] += initial.Plasticity!.Weights[s];
        var sums = new double[40];
        var w = cpuNet.Projections[0].Plasticity!.Weights;
        for (int s = 0; s < w.Length; s++) sums[initial.Synapses.Target[s]] += w[s];
        for (int i = 0; i < 40; i++) Assert.Equal(sums0[i], sums[i], 1e-9);
        Assert.Contains(cpuNet.Projections[1].Plasticity!.Weights, x => x == 0.9);
    }

    [Fact]
    public void Triplet_stdp_both_pairings_with_normalisation_gives_the_cpu_backends_weights()
    {
        var triplet = new Dictionary<string, double> { ["A2_plus"] = 0.01, ["A3_plus"] = 0.02, ["A2_minus"] = 0.03, ["A3_minus"] = 0.005, ["w_min"] = 0.3, ["w_max"] = 2.2 };
        var spec = Learning(40,
            [
                new ProjectionSpec("all", "in", "out", "exc", new FixedProbabilityConnector(0.3), new UniformValue(0.5, 2.5), new ConstantValue(0.5))
                    { Plasticity = Rule("triplet_stdp", triplet) },
                new ProjectionSpec("nearest", "out", "out", "exc", new FixedProbabilityConnector(0.2), new UniformValue(0.2, 1.0), new UniformValue(0.1, 2))
                    { Plasticity = Rule("triplet_stdp", new(triplet) { ["w_min"] = 0, ["w_max"] = 0.95 }, new() { ["pairing"] = "nearest" }) },
                new ProjectionSpec("normalised", "in", "out", "exc", new FixedProbabilityConnector(0.2), new UniformValue(0.5, 1.5), new ConstantValue(0))
                    { Plasticity = Rule("triplet_stdp", new(triplet) { ["normalize_every"] = 5 }) },
            ],
            [new WeightMonitorSpec("all", [0, 12.3, 40])]);
        var (cpuNet, _, record) = RunBoth(spec);
        Assert.True(record.SpikeIds[1].Count > 60, $"{record.SpikeIds[1].Count} output spikes");
        for (int k = 0; k < 3; k++) Assert.True(Changed(spec, cpuNet, k) > 100, $"projection {k}");
        Assert.Contains(cpuNet.Projections[0].Plasticity!.Weights, x => x == 2.2 || x == 0.3);
    }

    [Fact]
    public void Weights_set_normalised_and_currents_injected_between_runs_reach_the_device()
    {
        // Pair STDP onto "out" and a graded hebbian projection between rate units; between the runs the
        // program sets and normalises weights on the host rules and injects currents, as the C# API allows.
        var spec = Learning(20,
            [
                new ProjectionSpec("ff", "in", "out", "exc", new FixedProbabilityConnector(0.3), new UniformValue(0.5, 2.5), new ConstantValue(0.5))
                    { Plasticity = Rule("stdp", new() { ["A_plus"] = 0.05, ["A_minus"] = 0.055, ["w_min"] = 0, ["w_max"] = 3 }) },
                new ProjectionSpec("rec", "out", "out", "exc", new FixedProbabilityConnector(0.2), new UniformValue(0.2, 1.0), new ConstantValue(1))
                    { Plasticity = Rule("stdp", new() { ["A_plus"] = 0.02, ["A_minus"] = 0.02, ["w_min"] = 0, ["w_max"] = 1.5 }) },
            ],
            []);
        spec = spec with
        {
            Populations = [.. spec.Populations,
                new PopulationSpec("drive", "rate_input", 4, new Dictionary<string, double>(), new Dictionary<string, ValueSpec>()),
                new PopulationSpec("r", "rate_tanh", 10, new Dictionary<string, double> { ["tau"] = 2 }, new Dictionary<string, ValueSpec>())],
            Projections = [.. spec.Projections,
                new ProjectionSpec("dr", "drive", "r", "in", new AllToAllConnector(), new UniformValue(-1, 1), new ConstantValue(0.1))
                    { Plasticity = Rule("hebbian", new() { ["eta"] = 0.01, ["w_min"] = -2, ["w_max"] = 2 }) }],
            Monitors = [.. spec.Monitors, new StateMonitorSpec("r", ["x"], 0.5)],
        };
        var nets = new[] { Network.Build(spec, 1), Network.Build(spec, 1) };
        var records = new List<MemoryRecorder>[2];
        for (int b = 0; b < 2; b++)
        {
            var net = nets[b];
            using var cpu = b == 0 ? new Simulator(net, 1) : null;
            using var dev = b == 1 ? new DeviceSimulator(net, DeviceBackend.IlgpuCpu, DeviceSums.Deterministic, 64) : null;
            Func<double, MemoryRecorder> run = ms => { var r = new MemoryRecorder(); if (cpu is not null) cpu.Run(ms, r); else dev!.Run(ms, r); return r; };
            records[b] = [run(15)];
            var ff = (PlasticityRuntime)net.Projections[0].Plasticity!;
            ff.SetWeights(ff.Weights.Select((w, s) => s % 3 == 0 ? 2.9 : w * 0.5).ToArray());
            var rec = (PlasticityRuntime)net.Projections[1].Plasticity!;
            rec.Normalize(Enumerable.Repeat(3.0, 40).ToArray());
            var dr = (PlasticityRuntime)net.Projections[2].Plasticity!;
            dr.SetWeights(dr.Weights.Select(w => -w).ToArray());
            net.Population("out").Inject(Enumerable.Range(0, 40).Select(i => i % 2 == 0 ? 0.3 : 0.0).ToArray());
            net.Population("drive").Inject([1.0, -0.5, 0.25, 2.0]);
            records[b].Add(run(15));
            records[b].Add(run(10));
        }
        for (int r = 0; r < 3; r++)
        {
            DeviceCompare.AssertSameSpikes(records[0][r], records[1][r]);
            var c = records[0][r].StateValues[3]; var d = records[1][r].StateValues[3];
            Assert.Equal(c.Count, d.Count);
            for (int k = 0; k < c.Count; k++) Assert.Equal(c[k].Select(BitConverter.DoubleToInt64Bits), d[k].Select(BitConverter.DoubleToInt64Bits));
        }
        for (int k = 0; k < 3; k++)
            Assert.Equal(nets[0].Projections[k].Plasticity!.Weights.Select(BitConverter.DoubleToInt64Bits), nets[1].Projections[k].Plasticity!.Weights.Select(BitConverter.DoubleToInt64Bits));
        // The driven rate units moved only after the injection (the drive starts at 0). Without the uploads
        // at the run's start the device's spikes, states and weights differ (seen for each upload removed).
        Assert.All(records[0][0].StateValues[3], v => Assert.All(v, x => Assert.Equal(0.0, x)));
        Assert.Contains(records[0][2].StateValues[3][^1], x => x != 0);
    }

    [Fact]
    public void Inhibitory_stdp_gives_the_cpu_backends_weights()
    {
        var vogels = new Dictionary<string, double> { ["eta"] = 0.02, ["rho0"] = 10, ["tau"] = 20, ["w_min"] = 0, ["w_max"] = 3 };
        var spec = Learning(40,
            [
                new ProjectionSpec("ff", "in", "out", "exc", new FixedProbabilityConnector(0.2), new UniformValue(0.5, 1.5), new ConstantValue(0.5)),
                new ProjectionSpec("io", "inh", "out", "inh", new FixedProbabilityConnector(0.5), new UniformValue(0.5, 2.5), new UniformValue(0.1, 1.5))
                    { Plasticity = Rule("inhibitory_stdp", vogels) },
                new ProjectionSpec("ii", "inh", "inh", "inh", new FixedProbabilityConnector(0.3), new UniformValue(0.1, 1), new ConstantValue(1))
                    { Plasticity = Rule("inhibitory_stdp", new(vogels) { ["rho0"] = 200, ["normalize_every"] = 4 }) },
            ],
            [new WeightMonitorSpec("io", [0, 7.7, 40])]);
        var (cpuNet, _, record) = RunBoth(spec);
        Assert.True(record.SpikeIds[1].Count > 50 && record.SpikeIds[2].Count > 30, $"{record.SpikeIds[1].Count} output and {record.SpikeIds[2].Count} inhibitory spikes");
        for (int k = 1; k < 3; k++) Assert.True(Changed(spec, cpuNet, k) > 50, $"projection {k}");
    }

    [Fact]
    public void Rate_rules_and_rate_stdp_on_rate_projections_give_the_cpu_backends_weights_thresholds_and_states()
    {
        var spec = new NetworkSpec(
            new SimulationSpec(0.5, 40, Seed: 5),
            [
                new PopulationSpec("u", "rate_input", 5, new Dictionary<string, double>(), new Dictionary<string, ValueSpec>()),
                new PopulationSpec("x", "rate_tanh", 30, new Dictionary<string, double> { ["tau"] = 3 },
                    new Dictionary<string, ValueSpec> { ["x"] = new UniformValue(-1, 1) }),
                new PopulationSpec("y", "rate_tanh", 20, new Dictionary<string, double> { ["tau"] = 2, ["euler"] = 1 }, new Dictionary<string, ValueSpec>()),
            ],
            [
                new ProjectionSpec("ux", "u", "x", "in", new AllToAllConnector(), new UniformValue(-1, 1), new ConstantValue(0))
                    { Plasticity = Rule("hebbian", new() { ["eta"] = 0.05, ["w_min"] = -0.8, ["w_max"] = 0.8 }) },
                new ProjectionSpec("xx", "x", "x", "in", new FixedProbabilityConnector(0.3), new NormalValue(0, 0.5), new ConstantValue(0))
                    { Plasticity = Rule("oja", new() { ["eta"] = 0.03, ["w_min"] = -2, ["w_max"] = 2 }) },
                new ProjectionSpec("xy", "x", "y", "in", new FixedProbabilityConnector(0.4), new NormalValue(0.2, 0.6), new UniformValue(0.5, 3))
                    { Plasticity = Rule("bcm", new() { ["eta"] = 0.05, ["tau_theta"] = 5, ["theta0"] = 0.1, ["w_min"] = -1.5, ["w_max"] = 1.5, ["normalize_every"] = 2, ["normalize_total"] = 1 }) },
                new ProjectionSpec("yy", "y", "y", "in", new FixedProbabilityConnector(0.3), new NormalValue(0, 0.4), new ConstantValue(0))
                    { Plasticity = Rule("hebbian", new() { ["eta"] = 0.02, ["w_min"] = -1, ["w_max"] = 1, ["normalize_every"] = 1.5 }) },
                new ProjectionSpec("yx", "y", "x", "in", new FixedProbabilityConnector(0.3), new UniformValue(0, 0.5), new ConstantValue(0))
                    { Plasticity = Rule("stdp", new() { ["A_plus"] = 200, ["A_minus"] = 150, ["w_min"] = 0, ["w_max"] = 0.45 }, new() { ["update"] = "multiplicative" }) },
            ],
            [
                new CurrentInputSpec("signal", "u", [0, 10, 25], [0.8, -0.5, 1.2]) { Neurons = [0, 1, 2] },
                new NoiseInputSpec("wobble", "u", 0, 0.5),
            ],
            [
                new StateMonitorSpec("x", ["r"], 0.5),
                new StateMonitorSpec("y", ["r"], 0.5),
                new WeightMonitorSpec("xy", [0, 10, 20.5, 40]),
            ]);
        var (cpuNet, devNet, record) = RunBoth(spec);
        Assert.Equal(80, record.StateValues[0].Count); // a sample per step
        for (int k = 0; k < 5; k++) Assert.True(Changed(spec, cpuNet, k) > 10, $"projection {k}");
        Assert.Contains(cpuNet.Projections[0].Plasticity!.Weights, x => x == 0.8 || x == -0.8);
        var ct = ((Spiking.Plasticity.BcmRuntime)cpuNet.Projections[2].Plasticity!).Theta.ToArray();
        var dt = ((Spiking.Plasticity.BcmRuntime)devNet.Projections[2].Plasticity!).Theta.ToArray();
        Assert.Contains(ct, t => t != 0.1);
        Assert.Equal(ct.Select(BitConverter.DoubleToInt64Bits), dt.Select(BitConverter.DoubleToInt64Bits));
        // the rate units' outputs at every step, which propagation of the learned weights drives
        var x = devNet.Populations[1].Group.Variable("r");
        Assert.Equal(cpuNet.Populations[1].Group.Variable("r").Select(BitConverter.DoubleToInt64Bits), x.Select(BitConverter.DoubleToInt64Bits));
        Assert.Equal(cpuNet.Populations[2].Group.Variable("r").Select(BitConverter.DoubleToInt64Bits), devNet.Populations[2].Group.Variable("r").Select(BitConverter.DoubleToInt64Bits));
    }

    [Fact]
    public void Short_term_plasticity_per_neuron_and_per_synapse_gives_the_cpu_backends_spikes_and_releases()
    {
        var spec = Learning(40,
            [
                new ProjectionSpec("depressing", "in", "out", "exc", new FixedProbabilityConnector(0.3), new UniformValue(1, 3), new ConstantValue(0.5))
                    { Plasticity = Rule("tsodyks_markram", new() { ["U"] = 0.5, ["tau_rec"] = 100 }) },
                new ProjectionSpec("facilitating", "out", "out", "exc", new FixedProbabilityConnector(0.2), new UniformValue(0.5, 2), new UniformValue(0.1, 2))
                    { Plasticity = Rule("tsodyks_markram", new() { ["U"] = 0.1, ["tau_rec"] = 50, ["tau_fac"] = 200 }, new() { ["per"] = "synapse" }) },
                new ProjectionSpec("inhibiting", "inh", "out", "inh", new FixedProbabilityConnector(0.4), new UniformValue(1, 4), new ConstantValue(0))
                    { Plasticity = Rule("tsodyks_markram", new() { ["U"] = 0.3, ["tau_rec"] = 20, ["tau_fac"] = 30 }) },
            ],
            [new WeightMonitorSpec("depressing", [0, 20, 40])]);
        var (cpuNet, devNet, record) = RunBoth(spec);
        Assert.True(record.SpikeIds[1].Count > 60, $"{record.SpikeIds[1].Count} output spikes");
        for (int k = 0; k < 3; k++)
        {
            var c = (Spiking.Plasticity.ShortTermPlasticityRuntime)cpuNet.Projections[k].Plasticity!;
            var d = (Spiking.Plasticity.ShortTermPlasticityRuntime)devNet.Projections[k].Plasticity!;
            Assert.Equal(c.LastRelease.ToArray().Select(BitConverter.DoubleToInt64Bits), d.LastRelease.ToArray().Select(BitConverter.DoubleToInt64Bits));
            Assert.Equal(c.UArray.Select(BitConverter.DoubleToInt64Bits), d.UArray.Select(BitConverter.DoubleToInt64Bits));
            Assert.Equal(c.XArray.Select(BitConverter.DoubleToInt64Bits), d.XArray.Select(BitConverter.DoubleToInt64Bits));
            // the effective weights moved away from the baseline, and by different releases
            var table = cpuNet.Projections[k].Synapses.Weight;
            Assert.True(Enumerable.Range(0, table.Length).Count(s => table[s] != (float)c.Weights[s]) > table.Length / 4, $"projection {k}");
            Assert.True(c.LastRelease.ToArray().Where(r => r > 0).Distinct().Count() > 3, $"projection {k}");
        }
    }
}
