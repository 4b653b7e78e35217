using Spiking.Description;
using Spiking.Cpu;
using Spiking.Engine;
using Spiking.Gpu;

namespace Spiking.Tests.Gpu;

/// <summary>Runs that continue where the last stopped, and blocks of copied-back steps that do not line up with monitor intervals.</summary>
public class DeviceRunTests
{
    [Fact]
    public void Two_runs_in_short_blocks_record_what_the_cpu_backend_records()
    {
        var baseSpec = DeviceModelTests.Delayed(40);
        var spec = baseSpec with
        {
            Monitors =
            [
                new SpikeMonitorSpec("a") { Neurons = [1, 4, 9, 16, 25, 36, 49, 64, 81, 100] },
                new StateMonitorSpec("a", ["v", "I_in"], 0.3) { Neurons = [2, 3] },
                new RateMonitorSpec("b", 0.7),
                new WeightMonitorSpec("ab", [0, 7.5, 30]),
            ],
        };
        var cpu = new MemoryRecorder();
        RunResult c1, c2;
        using (var sim = new Simulator(Network.Build(spec, 1), 1))
        {
            c1 = sim.Run(25, cpu);
            c2 = sim.Run(15, cpu);
        }
        var dev = new MemoryRecorder();
        RunResult d1, d2;
        using (var sim = new DeviceSimulator(Network.Build(spec, 1), DeviceBackend.IlgpuCpu, DeviceSums.Deterministic, maxBlockSteps: 7))
        {
            Assert.Equal(7, sim.BlockSteps);
            d1 = sim.Run(25, dev);
            d2 = sim.Run(15, dev);
            Assert.Equal(400, sim.CurrentStep);
        }
        Assert.True(cpu.SpikeIds[0].Count > 10, $"the monitored neurons must fire: {cpu.SpikeIds[0].Count} spikes");
        DeviceCompare.AssertSameSpikes(cpu, dev);
        Assert.Equal(cpu.StateTimes[1], dev.StateTimes[1]);
        Assert.Equal(cpu.StateValues[1].Count, dev.StateValues[1].Count);
        for (int k = 0; k < cpu.StateValues[1].Count; k++) Assert.Equal(cpu.StateValues[1][k], dev.StateValues[1][k]);
        Assert.Equal(cpu.RateTimes[2], dev.RateTimes[2]);
        Assert.Equal(cpu.Rates[2], dev.Rates[2]);
        Assert.Equal(cpu.WeightTimes[3], dev.WeightTimes[3]);
        Assert.Equal(cpu.Weights[3], dev.Weights[3]);
        foreach (var (c, d) in new[] { (c1, d1), (c2, d2) })
        {
            Assert.Equal(c.SpikeCounts, d.SpikeCounts);
            Assert.Equal(c.SynapticEvents, d.SynapticEvents);
            Assert.Equal(c.StartTime, d.StartTime);
            Assert.Equal(c.Steps, d.Steps);
        }
    }

    /// <summary>
    /// A run cancelled from its progress handler stops queueing blocks and ends once the queued ones are
    /// replayed: the steps it counts are the steps the device ran, so the next run continues exactly
    /// where the CPU backend, run for the same steps, would.
    /// </summary>
    [Fact]
    public void A_cancelled_run_stops_at_a_block_edge_and_the_next_run_continues_from_there()
    {
        var spec = DeviceModelTests.Delayed(40);
        using var cts = new CancellationTokenSource();
        long done;
        RunResult rest;
        using (var sim = new DeviceSimulator(Network.Build(spec, 1), DeviceBackend.IlgpuCpu, DeviceSums.Deterministic, maxBlockSteps: 7))
        {
            var progress = new SyncProgress(p => { if (p.SimulatedTime >= 1.4) cts.Cancel(); });
            Assert.ThrowsAny<OperationCanceledException>(() => sim.Run(recorder: new MemoryRecorder(), progress: progress, cancel: cts.Token));
            done = sim.CurrentStep;
            Assert.True(done > 0 && done < 400 && done % 7 == 0, $"stopped after {done} steps");
            rest = sim.Run(40 - done * 0.1, new MemoryRecorder());
        }
        RunResult cpuRest;
        using (var sim = new Simulator(Network.Build(spec, 1), 1))
        {
            sim.Run(done * 0.1);
            cpuRest = sim.Run(40 - done * 0.1);
        }
        Assert.Equal(cpuRest.Steps, rest.Steps);
        Assert.Equal(cpuRest.SpikeCounts, rest.SpikeCounts);
        Assert.Equal(cpuRest.SynapticEvents, rest.SynapticEvents);
    }

    /// <summary>Reports on the calling thread (Progress&lt;T&gt; posts to the thread pool).</summary>
    private sealed class SyncProgress(Action<RunProgress> report) : IProgress<RunProgress>
    {
        public void Report(RunProgress value) => report(value);
    }
}
