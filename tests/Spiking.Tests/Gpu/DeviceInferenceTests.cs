using Spiking.Description;
using Spiking.Engine;
using Spiking.Gpu;
using Spiking.Models;
using Spiking.Motion;

namespace Spiking.Tests.Gpu;

/// <summary>
/// Binary units with an inference hook on ILGPU's CPU accelerator: the hook runs on the host after each
/// step's update, as on the CPU, and the device gives the CPU backend's states and weights bit for bit.
/// </summary>
public class DeviceInferenceTests
{
    /// <summary>
    /// Sets every unit's gate from the sign of its prior logit, and x to the logit plus twice the gate it
    /// arrived with (the last step's, by the interface), recording the steps it was called in.
    /// </summary>
    private sealed class SignOfLogit : IGatedInference
    {
        public readonly List<long> Steps = [];

        public void Infer(long step, ReadOnlySpan<double> priorLogits, Span<double> h, Span<double> x)
        {
            Steps.Add(step);
            for (int i = 0; i < h.Length; i++)
            {
                x[i] = priorLogits[i] + 2 * h[i];
                h[i] = priorLogits[i] > 0 ? 1 : 0;
            }
        }
    }

    [Fact]
    public void A_hook_set_then_removed_between_runs_gives_the_cpu_backends_states()
    {
        // binary_gated units with random recurrent weights: hooked for 20 steps, free for 20, hooked again for 10.
        var spec = new NetworkSpec(new SimulationSpec(1, 50, Seed: 5),
            [new PopulationSpec("net", "binary_gated", 24, new Dictionary<string, double> { ["bias"] = 0.1, ["tau_x"] = 1.2 }, new Dictionary<string, ValueSpec>())],
            [new ProjectionSpec("rec", "net", "net", "in", new FixedProbabilityConnector(0.5), new UniformValue(-0.6, 0.6), new ConstantValue(1))],
            [],
            [new StateMonitorSpec("net", ["h", "x", "hx", "p", "a"], 1)]);
        var records = new List<MemoryRecorder>[2];
        var hooks = new[] { new SignOfLogit(), new SignOfLogit() };
        for (int backend = 0; backend < 2; backend++)
        {
            var network = Network.Build(spec, 1);
            using var cpu = backend == 0 ? new Simulator(network, 1) : null;
            using var dev = backend == 1 ? new DeviceSimulator(network, DeviceBackend.IlgpuCpu, DeviceSums.Deterministic, 8) : null;
            records[backend] = [];
            foreach (var (hooked, ms) in new[] { (true, 20.0), (false, 20.0), (true, 10.0) })
            {
                network.SetInference("net", hooked ? hooks[backend] : null);
                var r = new MemoryRecorder();
                if (cpu is not null) cpu.Run(ms, r); else dev!.Run(ms, r);
                records[backend].Add(r);
            }
        }
        Assert.Equal(Enumerable.Range(0, 20).Concat(Enumerable.Range(40, 10)).Select(n => (long)n), hooks[1].Steps);
        Assert.Equal(hooks[0].Steps, hooks[1].Steps);
        for (int run = 0; run < 3; run++)
        {
            var c = records[0][run].StateValues[0];
            var d = records[1][run].StateValues[0];
            Assert.Equal(c.Count, d.Count);
            for (int k = 0; k < c.Count; k++)
                Assert.Equal(c[k].Select(BitConverter.DoubleToInt64Bits), d[k].Select(BitConverter.DoubleToInt64Bits));
        }
        // Samples are taken before each step's update (values: h, x, hx, p, a of 24 units each). Hooked, the
        // hook set x to the same step's logit a plus twice the gate of the step before (so x − a is 0 or 2
        // as that gate, sampled one step earlier); free running, x is drawn.
        static bool XFromHook(double[] v, double[] before)
        {
            for (int i = 0; i < 24; i++)
                if (v[24 + i] != v[96 + i] + 2 * before[i]) return false;
            return true;
        }
        var dev0 = records[1][0].StateValues[0];
        var dev1 = records[1][1].StateValues[0];
        for (int k = 2; k < dev0.Count; k++) Assert.True(XFromHook(dev0[k], dev0[k - 1]), $"sample {k}");
        Assert.Contains(dev0, v => v.AsSpan(0, 24).Contains(1.0) && v.AsSpan(0, 24).Contains(0.0));
        for (int k = 2; k < dev1.Count; k++) Assert.False(XFromHook(dev1[k], dev1[k - 1]), $"sample {k}");
    }

    [Fact]
    public void The_bgG_RNN_network_trains_on_the_device_to_the_cpu_backends_R_b_and_W_bit_for_bit()
    {
        // Matching pursuit as the hook (on the host), R and b by the bgrnn rule on the device, W by the hook;
        // 12 sequences of 12 frames, in two runs on the device.
        var stimuli = new MotionStimulusOptions { Size = 6, Frames = 12, NoiseSd = 0.1, GratingPeriod = 3 };
        var train = new GeneratedSequences(1, stimuli);
        var o = new BgRnnTrainingOptions
        {
            Units = 24, TauX = 3, TauY = 0.3, LearningRateW = 0.05, LearningRateR = 0.5, LearningRateB = 0.05,
            TrainSequences = 12, Checkpoints = 1, HeldOutSequences = 2, BatchSequences = 1,
        };
        var cpu = new BgRnnNetwork(train, o);
        var onCpu = cpu.Train();
        var dev = new BgRnnNetwork(train, o);
        var network = dev.Build();
        using (var sim = new DeviceSimulator(network, DeviceBackend.IlgpuCpu, DeviceSums.Deterministic, 16))
        {
            long half = dev.Steps / 2;
            sim.Run(half);
            sim.Run(dev.Steps - half);
        }
        var onDevice = dev.Collect(network);
        Assert.Contains(onCpu.R, r => r != 0);
        Assert.Equal(onCpu.R.Select(BitConverter.DoubleToInt64Bits), onDevice.R.Select(BitConverter.DoubleToInt64Bits));
        Assert.Equal(onCpu.B.Select(BitConverter.DoubleToInt64Bits), onDevice.B.Select(BitConverter.DoubleToInt64Bits));
        Assert.Equal(onCpu.W.Select(BitConverter.DoubleToInt64Bits), onDevice.W.Select(BitConverter.DoubleToInt64Bits));
    }
}
