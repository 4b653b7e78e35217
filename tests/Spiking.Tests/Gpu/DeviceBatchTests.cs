using Spiking.Description;
using Spiking.Cpu;
using Spiking.Engine;
using Spiking.Gpu;

namespace Spiking.Tests.Gpu;

/// <summary>
/// Launches batched per step (updates of populations of one model, pushes of up to eight projections,
/// Poisson inputs onto different targets, the ordered sums of populations): how many, and that the
/// batches change nothing: the CPU backend's spikes, bit for bit, with more projections than a batch holds.
/// </summary>
public class DeviceBatchTests
{
    /// <summary>Three lif_cuba populations joined all to all (nine projections, some with drawn delays), a Poisson input on each, two onto one.</summary>
    private static NetworkSpec Network(double duration)
    {
        string[] pops = ["x", "y", "z"];
        var projections = new List<ProjectionSpec>();
        foreach (var a in pops)
            foreach (var b in pops)
            {
                bool inhibitory = a == "z";
                projections.Add(new ProjectionSpec(a + b, a, b, inhibitory ? "inh" : "exc", new FixedInDegreeConnector(12),
                    new ConstantValue(inhibitory ? -0.9 : 0.5), a == b ? new UniformValue(0.1, 2.0) : new ConstantValue(0.8),
                    inhibitory ? SynapseSign.Inhibitory : SynapseSign.Excitatory));
            }
        return new NetworkSpec(
            new SimulationSpec(0.1, duration, Seed: 4242),
            pops.Select((p, k) => new PopulationSpec(p, "lif_cuba", 120 + 40 * k,
                new Dictionary<string, double> { ["E_L"] = -65, ["V_th"] = -50, ["V_reset"] = -65 },
                new Dictionary<string, ValueSpec> { ["v"] = new UniformValue(-65, -50) })).ToArray(),
            projections,
            [
                new PoissonInputSpec("px", "x", "exc", Rate: 2000, Weight: 2.5),
                new PoissonInputSpec("py", "y", "exc", Rate: 1800, Weight: 2.5),
                new PoissonInputSpec("py2", "y", "exc", Rate: 300, Weight: 1.0),
                new PoissonInputSpec("pz", "z", "exc", Rate: 2200, Weight: 2.5),
            ],
            [new SpikeMonitorSpec("x"), new SpikeMonitorSpec("y"), new SpikeMonitorSpec("z")]);
    }

    [Fact]
    public void Nine_projections_in_batches_give_the_cpu_backends_spikes_with_seven_launches_a_step_or_six_in_fast_mode()
    {
        var spec = Network(40);
        var cpu = DeviceCompare.Cpu(spec, out var cpuResult);
        var dev = DeviceCompare.Device(spec, DeviceSums.Deterministic, out var devResult);
        Assert.All(cpuResult.SpikeCounts, c => Assert.True(c > 100, $"every population must be active: {string.Join(", ", cpuResult.SpikeCounts)}"));
        DeviceCompare.AssertSameSpikes(cpu, dev);
        Assert.Equal(cpuResult.SynapticEvents, devResult.SynapticEvents);
        // Per step: Poisson for y's two inputs (two launches: they add into the same buffer; x's and z's
        // only inputs are drawn by their updates), one update for the three populations, mark, pushes
        // (8 + 1), one ordered sum for the three populations.
        Assert.Equal(400 * 7, devResult.KernelLaunches);
        DeviceCompare.Device(spec, DeviceSums.Fast, out var fast);
        Assert.Equal(400 * 6, fast.KernelLaunches);
    }

    [Fact]
    public void Plastic_projections_batch_their_trace_decays_and_rule_kernels_and_give_the_cpu_backends_weights()
    {
        var stdp = new PlasticitySpec("stdp", new Dictionary<string, double> { ["A_plus"] = 0.05, ["A_minus"] = 0.055, ["w_min"] = 0, ["w_max"] = 2 }, new Dictionary<string, string>());
        var net = Network(40);
        // Pair STDP on two excitatory projections (one of them recurrent), the other seven static.
        var spec = net with { Projections = net.Projections.Select(p => p.Name is "xy" or "yy" ? p with { Plasticity = stdp } : p).ToArray() };
        var cpuRec = new MemoryRecorder();
        RunResult cpuResult;
        double[][] cpuWeights;
        using (var sim = new Simulator(Spiking.Engine.Network.Build(spec, 1), 1))
        {
            cpuResult = sim.Run(recorder: cpuRec);
            cpuWeights = new[] { "xy", "yy" }.Select(n => sim.Plasticity(n)!.Weights.ToArray()).ToArray();
        }
        var devRec = new MemoryRecorder();
        RunResult devResult;
        double[][] devWeights;
        using (var sim = new DeviceSimulator(Spiking.Engine.Network.Build(spec, 1), DeviceBackend.IlgpuCpu, DeviceSums.Deterministic))
        {
            devResult = sim.Run(recorder: devRec);
            devWeights = new[] { "xy", "yy" }.Select(n => sim.Plasticity(n)!.Weights.ToArray()).ToArray();
        }
        DeviceCompare.AssertSameSpikes(cpuRec, devRec);
        var initial = Spiking.Engine.Network.Build(spec, 1).Projections.First(p => p.Spec.Name == "yy").Plasticity!.Weights;
        Assert.True(cpuWeights[1].Where((w, s) => w != initial[s]).Count() > 100, "the rule must move the weights");
        for (int k = 0; k < 2; k++) Assert.Equal(cpuWeights[k].Select(BitConverter.DoubleToInt64Bits), devWeights[k].Select(BitConverter.DoubleToInt64Bits));
        // Per step: the seven launches of the static network, one for the four traces' decay, and one
        // each for depression, potentiation and the trace jumps of both projections.
        Assert.Equal(400 * (7 + 1 + 3), devResult.KernelLaunches);
    }

    [Fact]
    public void Rate_rules_batch_their_rows_thresholds_normalisations_and_column_refreshes()
    {
        static PlasticitySpec Rule(string rule, double eta, double normalizeEvery = 0)
        {
            var p = new Dictionary<string, double> { ["eta"] = eta, ["w_min"] = -3, ["w_max"] = 3 };
            if (normalizeEvery > 0) p["normalize_every"] = normalizeEvery;
            return new PlasticitySpec(rule, p, new Dictionary<string, string>());
        }
        var spec = new NetworkSpec(new SimulationSpec(1, 40, Seed: 17),
            [
                new PopulationSpec("u", "rate_input", 5, new Dictionary<string, double>(), new Dictionary<string, ValueSpec>()),
                new PopulationSpec("a", "rate_tanh", 30, new Dictionary<string, double> { ["tau"] = 3 }, new Dictionary<string, ValueSpec> { ["x"] = new UniformValue(-1, 1) }),
                new PopulationSpec("b", "rate_tanh", 20, new Dictionary<string, double> { ["tau"] = 2 }, new Dictionary<string, ValueSpec> { ["x"] = new UniformValue(-1, 1) }),
            ],
            [
                new ProjectionSpec("ua", "u", "a", "in", new AllToAllConnector(), new UniformValue(-1, 1), new ConstantValue(1)) { Plasticity = Rule("hebbian", 0.01) },
                new ProjectionSpec("ab", "a", "b", "in", new FixedProbabilityConnector(0.5), new UniformValue(-1, 1), new ConstantValue(1)) { Plasticity = Rule("oja", 0.02) },
                new ProjectionSpec("ba", "b", "a", "in", new FixedProbabilityConnector(0.5), new UniformValue(-1, 1), new ConstantValue(1)) { Plasticity = Rule("hebbian", 0.005) },
                new ProjectionSpec("bb", "b", "b", "in", new FixedProbabilityConnector(0.3), new UniformValue(0, 1), new ConstantValue(1)) { Plasticity = Rule("bcm", 0.01) },
                new ProjectionSpec("aa", "a", "a", "in", new FixedProbabilityConnector(0.2), new UniformValue(-1, 1), new ConstantValue(1)) { Plasticity = Rule("oja", 0.01, normalizeEvery: 4) },
            ],
            [new CurrentInputSpec("drive", "u", [0, 10, 25], [0.5, -0.8, 1.2])],
            []);
        var cpuNet = Spiking.Engine.Network.Build(spec, 1);
        using (var sim = new Simulator(cpuNet, 1)) sim.Run();
        var devNet = Spiking.Engine.Network.Build(spec, 1);
        RunResult result;
        using (var sim = new DeviceSimulator(devNet, DeviceBackend.IlgpuCpu, DeviceSums.Deterministic, 64)) result = sim.Run();
        for (int k = 0; k < 5; k++)
            Assert.Equal(cpuNet.Projections[k].Plasticity!.Weights.Select(BitConverter.DoubleToInt64Bits), devNet.Projections[k].Plasticity!.Weights.Select(BitConverter.DoubleToInt64Bits));
        // Per step: the updates (rate_input; both rate_tanh populations in one), mark, five graded
        // propagations, the rows of hebbian (2 projections), oja (2) and bcm (1) and bcm's thresholds,
        // then the five column refreshes in one launch; every 4th step (10 of 40) one normalisation.
        // Unbatched this was 2 + 1 + 5 + 6 + 5 = 19 a step.
        Assert.Equal(40 * (2 + 1 + 5 + 4 + 1) + 10, result.KernelLaunches);
    }
}
