using Spiking.Description;
using Spiking.Engine;
using Spiking.Gpu;

namespace Spiking.Tests.Gpu;

/// <summary>
/// spike_source populations, normalisation and the spiking rules other than pair STDP on ILGPU's CPU
/// accelerator in deterministic mode: the CPU backend's spikes and final weights (double and float), bit for bit.
/// </summary>
public class DeviceRuleTests
{
    private static readonly Dictionary<string, double> Lif = new() { ["E_L"] = -65, ["V_th"] = -50, ["V_reset"] = -65 };
    private static Dictionary<string, ValueSpec> RandomV => new() { ["v"] = new UniformValue(-65, -50) };

    /// <summary>Runs <paramref name="spec"/> on both backends; asserts the same spikes, every plastic weight and snapshot; returns the CPU network and recorder.</summary>
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
}
