using Spiking.Description;
using Spiking.Cpu;
using Spiking.Engine;
using Spiking.Gpu;
using Spiking.Plasticity;

namespace Spiking.Tests.Gpu;

/// <summary>
/// reward_stdp on ILGPU's CPU accelerator in deterministic mode, with rewards and a punishment added
/// from C# between runs: the CPU backend's spikes, weights (double and float), eligibilities, traces
/// and dopamine, bit for bit.
/// </summary>
public class DeviceRewardTests
{
    private static readonly Dictionary<string, double> Lif = new() { ["E_L"] = -65, ["V_th"] = -50, ["V_reset"] = -65 };
    private static Dictionary<string, ValueSpec> RandomV => new() { ["v"] = new UniformValue(-65, -50) };

    private static NetworkSpec Spec()
    {
        var reward = new Dictionary<string, double> { ["A_plus"] = 0.1, ["A_minus"] = 0.12, ["tau_c"] = 50, ["tau_d"] = 20, ["w_min"] = 0, ["w_max"] = 3 };
        return new NetworkSpec(
            new SimulationSpec(0.1, 10, Seed: 41),
            [
                new PopulationSpec("in", "lif_cuba", 60, Lif, RandomV),
                new PopulationSpec("out", "lif_cuba", 30, Lif, RandomV),
            ],
            [
                new ProjectionSpec("io", "in", "out", "exc", new FixedProbabilityConnector(0.3), new UniformValue(0.5, 2.5), new ConstantValue(0.5))
                    { Plasticity = new PlasticitySpec("reward_stdp", reward, new Dictionary<string, string>()) },
                // recurrent, normalised to the initial column sums, with a low upper bound the rewards reach
                new ProjectionSpec("oo", "out", "out", "exc", new FixedProbabilityConnector(0.2), new UniformValue(0.2, 1.0), new UniformValue(0.1, 2))
                    { Plasticity = new PlasticitySpec("reward_stdp", new Dictionary<string, double>(reward) { ["w_max"] = 0.9, ["normalize_every"] = 5 }, new Dictionary<string, string>()) },
            ],
            [
                new PoissonInputSpec("drive", "in", "exc", Rate: 8000, Weight: 2.5),
                new PoissonInputSpec("bg", "out", "exc", Rate: 6000, Weight: 2.2),
            ],
            [new SpikeMonitorSpec("in"), new SpikeMonitorSpec("out"), new WeightMonitorSpec("io", [0, 17.5, 45])]);
    }

    [Fact]
    public void Rewards_added_between_runs_move_the_weights_as_on_the_cpu()
    {
        var spec = Spec();
        var cpuNet = Network.Build(spec, 1);
        var devNet = Network.Build(spec, 1);
        Assert.Empty(DeviceSimulator.Unsupported(devNet));
        using var cpu = new Simulator(cpuNet, 1);
        using var dev = new DeviceSimulator(devNet, DeviceBackend.IlgpuCpu, DeviceSums.Deterministic, 64);
        // 10 ms without reward (eligibility only), then a reward, then a punishment on one projection
        (double Ms, double Io, double Oo)[] runs = [(15, 0, 0), (15, 0.5, 0.3), (15, -0.4, 0)];
        int spikes = 0;
        foreach (var (ms, io, oo) in runs)
        {
            foreach (var (net, name, amount) in new[] { (cpuNet, "io", io), (cpuNet, "oo", oo), (devNet, "io", io), (devNet, "oo", oo) })
                if (amount != 0) ((RewardModulatedStdpRuntime)net.Projections.First(p => p.Spec.Name == name).Plasticity!).AddReward(amount);
            var c = new MemoryRecorder();
            var d = new MemoryRecorder();
            cpu.Run(ms, c);
            dev.Run(ms, d);
            DeviceCompare.AssertSameSpikes(c, d);
            spikes += c.SpikeIds[1].Count;
            Assert.Equal(c.Weights[0].Count, d.Weights[0].Count);
            for (int k = 0; k < c.Weights[0].Count; k++)
                Assert.Equal(c.Weights[0][k].Select(BitConverter.DoubleToInt64Bits), d.Weights[0][k].Select(BitConverter.DoubleToInt64Bits));
            for (int p = 0; p < 2; p++)
            {
                var cr = (RewardModulatedStdpRuntime)cpuNet.Projections[p].Plasticity!;
                var dr = (RewardModulatedStdpRuntime)devNet.Projections[p].Plasticity!;
                Assert.Equal(cr.Weights.Select(BitConverter.DoubleToInt64Bits), dr.Weights.Select(BitConverter.DoubleToInt64Bits));
                Assert.Equal(cpuNet.Projections[p].Synapses.Weight.Select(BitConverter.SingleToInt32Bits), devNet.Projections[p].Synapses.Weight.Select(BitConverter.SingleToInt32Bits));
                Assert.Equal(cr.Eligibility.ToArray().Select(BitConverter.DoubleToInt64Bits), dr.Eligibility.ToArray().Select(BitConverter.DoubleToInt64Bits));
                Assert.Equal(cr.PreTraceArray.Select(BitConverter.DoubleToInt64Bits), dr.PreTraceArray.Select(BitConverter.DoubleToInt64Bits));
                Assert.Equal(cr.PostTraceArray.Select(BitConverter.DoubleToInt64Bits), dr.PostTraceArray.Select(BitConverter.DoubleToInt64Bits));
                Assert.Equal(BitConverter.DoubleToInt64Bits(cr.Dopamine), BitConverter.DoubleToInt64Bits(dr.Dopamine));
            }
            if (io == 0 && oo == 0)
            {
                // without any reward yet, the eligibility builds up but no weight moves
                var initial = Network.Build(spec, 1).Projections[0].Plasticity!.Weights;
                Assert.Equal(initial, cpuNet.Projections[0].Plasticity!.Weights.ToArray());
                int eligible = ((RewardModulatedStdpRuntime)cpuNet.Projections[0].Plasticity!).Eligibility.ToArray().Count(e => e != 0);
                Assert.True(eligible > 100, $"{eligible} eligible synapses, {c.SpikeIds[0].Count} input and {c.SpikeIds[1].Count} output spikes");
            }
        }
        Assert.True(spikes > 60, $"{spikes} output spikes");
        var built = Network.Build(spec, 1);
        for (int p = 0; p < 2; p++)
        {
            var w0 = built.Projections[p].Plasticity!.Weights;
            var w = cpuNet.Projections[p].Plasticity!.Weights;
            Assert.True(Enumerable.Range(0, w.Length).Count(s => w[s] != w0[s]) > 50, $"projection {p}");
        }
        Assert.Contains(cpuNet.Projections[1].Plasticity!.Weights, x => x == 0.9);
    }
}
