using Spiking.Description;
using Spiking.Cpu;
using Spiking.Engine;
using Spiking.Gpu;

namespace Spiking.Tests.Gpu;

/// <summary>
/// Precise spike times on ILGPU's CPU accelerator (NEST's iaf_psc_exp_ps and iaf_psc_delta_ps): spikes
/// travel as timed events with their offsets, each neuron walks its events of the step in the CPU's
/// order, and the device gives the CPU backend's spike ids and times, and its final state, bit for bit.
/// </summary>
public class DevicePreciseTests
{
    private static readonly Dictionary<string, ValueSpec> RandomV = new() { ["v"] = new UniformValue(-60, -50) };

    /// <summary>
    /// A coupled precise lif_cuba network (the event-mode comparison's, at 240 + 60 neurons) with a
    /// precise lif_delta population: timed projections with constant delays (drawn weights), a drawn (so grid-delivered) delay onto lif_cuba, spikes of grid neurons onto precise
    /// ones (offset dt), 20 spike sources firing together (many events at one offset onto one neuron, in
    /// queued order), precise ones onto grid ones, spike-time inputs off and on the grid (two at one
    /// time onto one neuron), and Poisson input (grid, at the step's end).
    /// </summary>
    private static NetworkSpec Network(double duration)
    {
        var cuba = new Dictionary<string, double>
        {
            ["tau_m"] = 20, ["tau_syn_ex"] = 5, ["tau_syn_in"] = 10, ["E_L"] = -49, ["V_th"] = -50, ["V_reset"] = -60, ["t_ref"] = 5, ["R_m"] = 100,
        };
        var delta = new Dictionary<string, double> { ["tau_m"] = 10, ["E_L"] = -65, ["V_th"] = -50, ["V_reset"] = -65, ["t_ref"] = 2.05 };
        var fp = new FixedProbabilityConnector(0.2);
        var times = new List<double>(); var neurons = new List<int>();
        for (int k = 0; k < 40; k++)
        {
            times.Add(1.0 + 0.37 * k); neurons.Add(k % 7);     // off the grid
            times.Add(2.0 + k); neurons.Add(3);                 // on the grid
        }
        times.Add(5.55); neurons.Add(2); times.Add(5.55); neurons.Add(2); // two at one time onto one neuron
        return new NetworkSpec(new SimulationSpec(0.1, duration, Seed: 3, Threads: 1),
            [
                new PopulationSpec("exc", "lif_cuba", 240, cuba, RandomV) { PreciseSpikeTimes = true },
                new PopulationSpec("inh", "lif_cuba", 60, cuba, RandomV) { PreciseSpikeTimes = true },
                new PopulationSpec("d", "lif_delta", 50, delta, new Dictionary<string, ValueSpec> { ["v"] = new UniformValue(-65, -50) }) { PreciseSpikeTimes = true },
                new PopulationSpec("grid", "lif_cuba", 40, new Dictionary<string, double> { ["E_L"] = -65, ["V_th"] = -50, ["V_reset"] = -65 }, RandomV),
                new PopulationSpec("src", "spike_source", 20, new Dictionary<string, double>(), new Dictionary<string, ValueSpec>())
                    { SpikeTimes = Enumerable.Range(0, 20).Select(u => (IReadOnlyList<double>)Enumerable.Range(1, 30).Select(k => 2.0 * k).ToArray()).ToArray() },
            ],
            [
                new ProjectionSpec("ee", "exc", "exc", "exc", fp, new ConstantValue(1.62), new ConstantValue(1.0)),
                new ProjectionSpec("ei", "exc", "inh", "exc", fp, new ConstantValue(1.62), new ConstantValue(1.0)),
                new ProjectionSpec("ie", "inh", "exc", "inh", fp, new ConstantValue(-9), new ConstantValue(1.0)),
                new ProjectionSpec("ii", "inh", "inh", "inh", fp, new ConstantValue(-9), new ConstantValue(0.5)),
                new ProjectionSpec("ed", "exc", "d", "exc", new FixedProbabilityConnector(0.1), new UniformValue(0.5, 3), new ConstantValue(1.5)),
                new ProjectionSpec("dd", "d", "d", "exc", fp, new ConstantValue(1.5), new ConstantValue(0.3)),
                new ProjectionSpec("de", "d", "exc", "exc", new FixedProbabilityConnector(0.1), new ConstantValue(2), new UniformValue(0.5, 1.5)),
                new ProjectionSpec("ge", "grid", "exc", "exc", new FixedProbabilityConnector(0.3), new UniformValue(1.5, 3.5), new ConstantValue(0.7)),
                new ProjectionSpec("se", "src", "exc", "exc", new FixedProbabilityConnector(0.5), new UniformValue(0.1, 0.9), new ConstantValue(1)),
                new ProjectionSpec("eg", "exc", "grid", "exc", new FixedProbabilityConnector(0.2), new ConstantValue(1), new ConstantValue(1)),
            ],
            [
                new SpikeTimesInputSpec("pulses", "d", "exc", 8.0, neurons, times),
                new PoissonInputSpec("bg", "grid", "exc", Rate: 2000, Weight: 1.5),
                new PoissonInputSpec("bgd", "d", "exc", Rate: 1500, Weight: 1.2),
            ],
            [new SpikeMonitorSpec("exc"), new SpikeMonitorSpec("inh"), new SpikeMonitorSpec("d"), new SpikeMonitorSpec("grid")]);
    }

    [Fact]
    public void A_precise_network_gives_the_cpu_backends_spike_times_and_state_bit_for_bit_in_either_sum_mode_and_across_runs()
    {
        var spec = Network(60);
        var cpuNet = Spiking.Engine.Network.Build(spec, 1);
        var cpu = new[] { new MemoryRecorder(), new MemoryRecorder() };
        using (var sim = new Simulator(cpuNet, 1))
        {
            sim.Run(25, cpu[0]);
            sim.Run(35, cpu[1]);
        }
        int total = Enumerable.Range(0, 4).Sum(m => cpu[0].SpikeIds[m].Count + cpu[1].SpikeIds[m].Count);
        Assert.True(total > 300 && cpu[1].SpikeIds[2].Count > 10, $"{total} spikes, {cpu[1].SpikeIds[2].Count} of lif_delta in the second run");
        // Spike times off the grid: precise offsets, not step ends.
        Assert.Contains(cpu[1].SpikeTimes[0], t => Math.Abs(t / 0.1 - Math.Round(t / 0.1)) > 1e-6);
        foreach (var sums in new[] { DeviceSums.Deterministic, DeviceSums.Fast })
        {
            var devNet = Spiking.Engine.Network.Build(spec, 1);
            Assert.Empty(DeviceSimulator.Unsupported(devNet));
            var dev = new[] { new MemoryRecorder(), new MemoryRecorder() };
            using (var sim = new DeviceSimulator(devNet, DeviceBackend.IlgpuCpu, sums, 16))
            {
                sim.Run(25, dev[0]);
                sim.Run(35, dev[1]);
            }
            for (int r = 0; r < 2; r++)
                for (int m = 0; m < 4; m++)
                {
                    Assert.Equal(cpu[r].SpikeIds[m], dev[r].SpikeIds[m]);
                    Assert.Equal(cpu[r].SpikeTimes[m].Select(BitConverter.DoubleToInt64Bits), dev[r].SpikeTimes[m].Select(BitConverter.DoubleToInt64Bits));
                }
            for (int p = 0; p < 4; p++)
            {
                var a = cpuNet.Populations[p].Group; var b = devNet.Populations[p].Group;
                foreach (var v in a.Model.Variables)
                    Assert.Equal(a.Variable(v.Name).Select(BitConverter.DoubleToInt64Bits), b.Variable(v.Name).Select(BitConverter.DoubleToInt64Bits));
                Assert.Equal(a.RefractoryLeft, b.RefractoryLeft);
            }
            Assert.Equal(((Spiking.Models.LifCubaGroup)cpuNet.Populations[0].Group).RefractoryTime, ((Spiking.Models.LifCubaGroup)devNet.Populations[0].Group).RefractoryTime);
            Assert.Equal(((Spiking.Models.LifDeltaGroup)cpuNet.Populations[2].Group).RefractoryEnd, ((Spiking.Models.LifDeltaGroup)devNet.Populations[2].Group).RefractoryEnd);
            // The events queued for later steps came back: per target in the CPU's order (its update sorts by target and offset, stably).
            for (int p = 0; p < 3; p++)
            {
                var a = cpuNet.Populations[p].TimedSlots!; var b = devNet.Populations[p].TimedSlots!;
                Assert.Contains(a, l => l.Count > 0);
                for (int slot = 0; slot < a.Length; slot++)
                    Assert.Equal(a[slot].Items.ToArray().OrderBy(e => e.Target).ThenBy(e => e.Offset), b[slot].Items.ToArray().OrderBy(e => e.Target).ThenBy(e => e.Offset));
            }
        }
    }

    [Fact]
    public void Events_at_one_offset_are_added_in_the_cpus_order()
    {
        // 50 precise lif_delta neurons, below threshold, each hit at 3.05 ms by eight spike-time inputs of
        // weights with many bits and both signs (their sum depends on the order of the additions), then
        // by spikes of two sources at one step end with drawn weights: v after each step, bit for bit.
        var weights = new[] { 0.3, -0.2, 1 / 3.0, -1 / 7.0, 0.11, -0.05, 0.7, -0.9 };
        var ids = Enumerable.Range(0, 50).ToArray();
        var inputs = weights.Select((w, k) => (InputSpec)new SpikeTimesInputSpec($"in{k}", "d", "exc", w, ids, Enumerable.Repeat(3.05, 50).ToArray())).ToList();
        var spec = new NetworkSpec(new SimulationSpec(0.1, 8, Seed: 4),
            [
                new PopulationSpec("d", "lif_delta", 50, new Dictionary<string, double> { ["E_L"] = -65, ["V_th"] = -50, ["V_reset"] = -65 },
                    new Dictionary<string, ValueSpec> { ["v"] = new UniformValue(-64, -60) }) { PreciseSpikeTimes = true },
                new PopulationSpec("src", "spike_source", 2, new Dictionary<string, double>(), new Dictionary<string, ValueSpec>())
                    { SpikeTimes = [[2.0, 4.0], [2.0, 4.0]] },
            ],
            [new ProjectionSpec("sd", "src", "d", "exc", new AllToAllConnector(), new UniformValue(-1, 1), new ConstantValue(1))],
            inputs,
            [new StateMonitorSpec("d", ["v"], 0.1)]);
        var cpu = new MemoryRecorder();
        using (var sim = new Simulator(Spiking.Engine.Network.Build(spec, 1), 1)) sim.Run(recorder: cpu);
        var dev = new MemoryRecorder();
        using (var sim = new DeviceSimulator(Spiking.Engine.Network.Build(spec, 1), DeviceBackend.IlgpuCpu, DeviceSums.Deterministic, 16)) sim.Run(recorder: dev);
        Assert.Equal(80, cpu.StateValues[0].Count);
        for (int k = 0; k < 80; k++)
            Assert.Equal(cpu.StateValues[0][k].Select(BitConverter.DoubleToInt64Bits), dev.StateValues[0][k].Select(BitConverter.DoubleToInt64Bits));
        Assert.All(cpu.StateValues[0][^1], v => Assert.InRange(v, -66, -50));
    }
}
