using Spiking.Description;
using Spiking.Cpu;
using Spiking.Engine;
using Spiking.Gpu;

namespace Spiking.Tests.Gpu;

/// <summary>Pair STDP on ILGPU's CPU accelerator in deterministic mode: the CPU backend's weights and traces, bit for bit.</summary>
public class DeviceStdpTests
{
    private static PlasticitySpec Stdp(string pairing, string update, double wMin, double wMax) => new(
        "stdp",
        new Dictionary<string, double> { ["A_plus"] = 0.05, ["A_minus"] = 0.055, ["tau_plus"] = 15, ["tau_minus"] = 25, ["w_min"] = wMin, ["w_max"] = wMax },
        new Dictionary<string, string> { ["pairing"] = pairing, ["update"] = update });

    /// <summary>
    /// Poisson-driven inputs onto outputs through two plastic projections and two plastic recurrent ones
    /// (the pre population is the post population), covering both pairings, both updates and hard bounds
    /// that are reached; weight snapshots inside the run and at its end.
    /// </summary>
    private static NetworkSpec Learning(double duration) => new(
        new SimulationSpec(0.1, duration, Seed: 2024),
        [
            new PopulationSpec("in", "lif_cuba", 80,
                new Dictionary<string, double> { ["E_L"] = -65, ["V_th"] = -50, ["V_reset"] = -65 },
                new Dictionary<string, ValueSpec> { ["v"] = new UniformValue(-65, -50) }),
            new PopulationSpec("out", "lif_cuba", 40,
                new Dictionary<string, double> { ["E_L"] = -65, ["V_th"] = -50, ["V_reset"] = -65 },
                new Dictionary<string, ValueSpec> { ["v"] = new UniformValue(-65, -50) }),
        ],
        [
            new ProjectionSpec("io_all_add", "in", "out", "exc", new FixedProbabilityConnector(0.3), new UniformValue(0.5, 2.5), new ConstantValue(0.5))
                { Plasticity = Stdp("all", "additive", 0, 2.4) },
            new ProjectionSpec("oo_near_mult", "out", "out", "exc", new FixedProbabilityConnector(0.2), new UniformValue(0.2, 1.0), new UniformValue(0.1, 2))
                { Plasticity = Stdp("nearest", "multiplicative", 0, 0.95) },
            new ProjectionSpec("io_near_add", "in", "out", "exc", new FixedProbabilityConnector(0.2), new UniformValue(0.5, 1.5), new ConstantValue(0))
                { Plasticity = Stdp("nearest", "additive", 0.55, 1.45) },
            new ProjectionSpec("oo_all_mult", "out", "out", "exc", new FixedProbabilityConnector(0.2), new UniformValue(0.2, 1.0), new ConstantValue(1))
                { Plasticity = Stdp("all", "multiplicative", 0, 0.95) },
        ],
        [
            new PoissonInputSpec("drive", "in", "exc", Rate: 3000, Weight: 2.0),
            new PoissonInputSpec("bg", "out", "exc", Rate: 2500, Weight: 1.5),
        ],
        [
            new SpikeMonitorSpec("in"), new SpikeMonitorSpec("out"),
            new WeightMonitorSpec("io_all_add", [0, 12.3, 30, duration]),
            new WeightMonitorSpec("oo_near_mult", [20, duration]),
        ]);

    [Fact]
    public void Pair_stdp_every_pairing_and_update_gives_the_cpu_backends_weights_and_traces()
    {
        var spec = Learning(50);
        var cpuNet = Network.Build(spec, 1);
        var devNet = Network.Build(spec, 1);
        Assert.Empty(DeviceSimulator.Unsupported(devNet));
        var cpu = new MemoryRecorder();
        var dev = new MemoryRecorder();
        RunResult cpuResult;
        using (var sim = new Simulator(cpuNet, 1)) cpuResult = sim.Run(recorder: cpu);
        using (var sim = new DeviceSimulator(devNet, DeviceBackend.IlgpuCpu, DeviceSums.Deterministic, 64))
        {
            sim.Run(recorder: dev);
            Assert.Same(devNet.Projections[1].Plasticity, sim.Plasticity("oo_near_mult"));
        }
        Assert.True(cpuResult.SpikeCounts[0] > 200 && cpuResult.SpikeCounts[1] > 100,
            $"the test network must be active: {cpuResult.SpikeCounts[0]} and {cpuResult.SpikeCounts[1]} spikes");
        DeviceCompare.AssertSameSpikes(cpu, dev);
        for (int k = 0; k < cpuNet.Projections.Count; k++)
        {
            var c = (Spiking.Plasticity.PairStdpRuntime)cpuNet.Projections[k].Plasticity!;
            var d = (Spiking.Plasticity.PairStdpRuntime)devNet.Projections[k].Plasticity!;
            var initial = Network.Build(spec, 1).Projections[k].Plasticity!.Weights;
            int changed = 0, atBound = 0;
            for (int s = 0; s < initial.Length; s++)
            {
                if (c.Weights[s] != initial[s]) changed++;
                if (c.Weights[s] == c.WMin || c.Weights[s] == c.WMax) atBound++;
            }
            Assert.True(changed > initial.Length / 4, $"projection {k}: only {changed} of {initial.Length} weights changed");
            Assert.True(atBound > 0, $"projection {k}: no weight reached a bound");
            Assert.Equal(c.Weights.Select(BitConverter.DoubleToInt64Bits), d.Weights.Select(BitConverter.DoubleToInt64Bits));
            Assert.Equal(cpuNet.Projections[k].Synapses.Weight, devNet.Projections[k].Synapses.Weight);
            Assert.Equal(c.PreTrace.ToArray().Select(BitConverter.DoubleToInt64Bits), d.PreTrace.ToArray().Select(BitConverter.DoubleToInt64Bits));
            Assert.Equal(c.PostTrace.ToArray().Select(BitConverter.DoubleToInt64Bits), d.PostTrace.ToArray().Select(BitConverter.DoubleToInt64Bits));
        }
        for (int m = 2; m < 4; m++)
        {
            Assert.Equal(cpu.WeightTimes[m], dev.WeightTimes[m]);
            Assert.Equal(cpu.Weights[m].Count, dev.Weights[m].Count);
            for (int k = 0; k < cpu.Weights[m].Count; k++)
                Assert.Equal(cpu.Weights[m][k].Select(BitConverter.DoubleToInt64Bits), dev.Weights[m][k].Select(BitConverter.DoubleToInt64Bits));
        }
        Assert.Equal(4, cpu.Weights[2].Count);
        Assert.NotEqual(cpu.Weights[2][1], cpu.Weights[2][2]);
    }

    [Fact]
    public void Reward_stdp_and_normalised_pair_stdp_are_not_refused()
    {
        var spec = Learning(1);
        spec = spec with
        {
            Projections =
            [
                spec.Projections[0] with { Plasticity = new PlasticitySpec("reward_stdp") },
                spec.Projections[1] with { Plasticity = new PlasticitySpec("stdp", new Dictionary<string, double> { ["normalize_every"] = 10 }, new Dictionary<string, string>()) },
            ],
            Monitors = [],
        };
        var problems = DeviceSimulator.Unsupported(Network.Build(spec, 1));
        // reward_stdp and normalisation of pair STDP run on the device (bgrnn stays refused: DeviceRefusalTests)
        Assert.Empty(problems);
    }
}
