using Spiking.Description;
using Spiking.Cpu;
using Spiking.Engine;
using Spiking.Gpu;
using Spiking.Models;
using Spiking.Motion;

namespace Spiking.Tests.Gpu;

/// <summary>
/// Host code inside the step on ILGPU's CPU accelerator: binary units with an inference hook, and hooks
/// after the update (<see cref="DeviceSimulator.AfterUpdate"/>). They run on the host after each step's
/// update, as on the CPU, and the device gives the CPU backend's states, spikes and weights bit for bit.
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

    [Fact]
    public void After_update_hooks_see_the_steps_outputs_and_spikes_and_what_they_write_is_propagated()
    {
        // A rate_input unit whose output only the hook sets (a sine), driving rate_tanh units, which drive
        // lif_cuba cells with Poisson input; the hook records the rate outputs and the cells' spikes it sees.
        var spec = new NetworkSpec(new SimulationSpec(0.5, 60, Seed: 8),
            [
                new PopulationSpec("drive", "rate_input", 1, new Dictionary<string, double>(), new Dictionary<string, ValueSpec>()),
                new PopulationSpec("r", "rate_tanh", 20, new Dictionary<string, double> { ["tau"] = 3 }, new Dictionary<string, ValueSpec>()),
                new PopulationSpec("cells", "lif_cuba", 30, new Dictionary<string, double> { ["E_L"] = -65, ["V_th"] = -50, ["V_reset"] = -65 },
                    new Dictionary<string, ValueSpec> { ["v"] = new UniformValue(-65, -50) }),
            ],
            [
                new ProjectionSpec("dr", "drive", "r", "in", new AllToAllConnector(), new UniformValue(-2, 2), new ConstantValue(0.5)),
                new ProjectionSpec("rr", "r", "r", "in", new FixedProbabilityConnector(0.3), new UniformValue(-0.8, 0.8), new ConstantValue(1)),
                new ProjectionSpec("rc", "r", "cells", "exc", new FixedProbabilityConnector(0.5), new UniformValue(0, 3), new ConstantValue(0.5)),
            ],
            [new PoissonInputSpec("bg", "cells", "exc", Rate: 2000, Weight: 1.5)],
            [new SpikeMonitorSpec("cells"), new StateMonitorSpec("r", ["x"], 0.5)]);
        var seen = new List<string>[2];
        var records = new MemoryRecorder[2];
        for (int backend = 0; backend < 2; backend++)
        {
            var network = Network.Build(spec, 1);
            var log = seen[backend] = [];
            var drive = network.Population("drive").Group.Output!;
            var rates = network.Population("r").Group.Output!;
            var cells = network.Population("cells");
            void Hook(long n)
            {
                drive[0] = Math.Sin(0.2 * n);
                log.Add($"{n}: {string.Join(",", rates.Select(BitConverter.DoubleToInt64Bits))} | {string.Join(",", cells.SpikeBuffer.Take(cells.SpikeCount))}");
            }
            records[backend] = new MemoryRecorder();
            if (backend == 0)
            {
                using var sim = new Simulator(network, 1);
                sim.AfterUpdate(Hook);
                sim.Run(recorder: records[0]);
            }
            else
            {
                using var sim = new DeviceSimulator(network, DeviceBackend.IlgpuCpu, DeviceSums.Deterministic, 16);
                sim.AfterUpdate(Hook);
                sim.Run(recorder: records[1]);
                Assert.Equal(60, sim.Time, 12);
            }
        }
        Assert.Equal(120, seen[0].Count);
        Assert.Equal(seen[0], seen[1]);
        DeviceCompare.AssertSameSpikes(records[0], records[1]);
        Assert.True(records[0].SpikeIds[0].Count > 20, $"{records[0].SpikeIds[0].Count} spikes");
        for (int k = 0; k < records[0].StateValues[1].Count; k++)
            Assert.Equal(records[0].StateValues[1][k].Select(BitConverter.DoubleToInt64Bits), records[1].StateValues[1][k].Select(BitConverter.DoubleToInt64Bits));
        // The drive reached the rate units: their state moves with the sine (it would stay 0 without the hook's writes).
        Assert.Contains(records[0].StateValues[1][^1], x => Math.Abs(x) > 0.05);
    }
}
