using Spiking.Description;
using Spiking.Engine;
using Spiking.Gpu;
using Spiking.IO.ModelFiles;
using Spiking.Tests.Core;

namespace Spiking.Tests.Gpu;

/// <summary>
/// Readouts with the device backend, trained on the host: without feedback from each block of steps
/// copied back (rate units' outputs kept per step on the device, or the block's spikes), with feedback
/// inside each step (the state copied off the device after the update, the output fed back before
/// propagation): the shipped ESN (ridge), its generative variant
/// (its prediction replaces the input after training), FORCE (RLS, its output fed back from the start)
/// and a ridge readout of filtered spike trains, each on ILGPU's CPU accelerator in deterministic mode:
/// the CPU backend's predictions, targets, weights and scores, bit for bit.
/// </summary>
public class DeviceReadoutTests
{
    private static void AssertSameReadouts(MemoryRecorder cpu, RunResult cpuResult, MemoryRecorder dev, RunResult devResult)
    {
        Assert.Equal(cpu.ReadoutTimes.Length, dev.ReadoutTimes.Length);
        for (int r = 0; r < cpu.ReadoutTimes.Length; r++)
        {
            Assert.Equal(cpu.ReadoutTimes[r], dev.ReadoutTimes[r]);
            Assert.Equal(cpu.ReadoutPredictions[r].Select(BitConverter.DoubleToInt64Bits), dev.ReadoutPredictions[r].Select(BitConverter.DoubleToInt64Bits));
            Assert.Equal(cpu.ReadoutTargets[r].Select(BitConverter.DoubleToInt64Bits), dev.ReadoutTargets[r].Select(BitConverter.DoubleToInt64Bits));
            Assert.NotNull(cpu.ReadoutWeights[r]);
            Assert.Equal(cpu.ReadoutWeights[r]!.Cast<double>(), dev.ReadoutWeights[r]!.Cast<double>());
        }
        Assert.Equal(cpuResult.Readouts, devResult.Readouts);
    }

    private static NetworkSpec Esn(string? variant)
    {
        var file = ModelFileReader.Read(RepoPaths.Model("esn-mackey-glass.toml"), variant);
        return file with
        {
            Simulation = file.Simulation with { Duration = 400 },
            Populations = file.Populations.Select(p => p.Name == "reservoir" ? p with { Size = 60 } : p).ToArray(),
            Readouts = file.Readouts.Select(r => r with { Washout = 50, Train = 300 }).ToArray(),
            Monitors = [],
        };
    }

    [Theory]
    [InlineData(null)]
    [InlineData("generative")]
    public void Esn_readouts_give_the_cpu_backends_predictions(string? variant)
    {
        var spec = Esn(variant);
        Assert.Empty(DeviceSimulator.Unsupported(Network.Build(spec, 1)));
        var cpu = DeviceCompare.Cpu(spec, out var cpuResult);
        // Blocks of 7 steps: a readout without feedback learns from each block as it is copied back,
        // and the block edges fall inside the washout, the training and the test windows.
        var dev = new MemoryRecorder();
        RunResult devResult;
        using (var sim = new DeviceSimulator(Network.Build(spec, 1), DeviceBackend.IlgpuCpu, DeviceSums.Deterministic, maxBlockSteps: 7))
            devResult = sim.Run(recorder: dev);
        Assert.Equal(400, cpu.ReadoutPredictions[0].Count);
        // A trained readout: its test error is below the series' spread (NRMSE under 1: better than the
        // mean), far below for one-step prediction; running on its own output at 60 units drifts more.
        Assert.InRange(cpuResult.Readouts[0].TestNrmse, 0, variant is null ? 0.1 : 1.0);
        AssertSameReadouts(cpu, cpuResult, dev, devResult);
    }

    [Fact]
    public void Force_with_feedback_gives_the_cpu_backends_predictions()
    {
        var file = ModelFileReader.Read(RepoPaths.Model("force.toml"));
        var spec = file with
        {
            Simulation = file.Simulation with { Duration = 300 },
            Populations = file.Populations.Select(p => p.Name == "network" ? p with { Size = 80 } : p).ToArray(),
            Readouts = file.Readouts.Select(r => r with { Train = 200 }).ToArray(),
            Monitors = [new StateMonitorSpec("z", ["u"], 1)],
        };
        var cpu = DeviceCompare.Cpu(spec, out var cpuResult);
        var dev = DeviceCompare.Device(spec, DeviceSums.Deterministic, out var devResult);
        // The fed-back unit carries the readout's output: it moves.
        Assert.True(cpu.StateValues[0].Select(v => v[0]).Distinct().Count() > 100);
        AssertSameReadouts(cpu, cpuResult, dev, devResult);
        Assert.Equal(cpu.StateValues[0].SelectMany(v => v).Select(BitConverter.DoubleToInt64Bits), dev.StateValues[0].SelectMany(v => v).Select(BitConverter.DoubleToInt64Bits));
    }

    [Fact]
    public void A_readout_of_filtered_spike_trains_gives_the_cpu_backends_predictions()
    {
        var cuba = TestNetworks.Cuba(3, 120);
        var spec = cuba with
        {
            Populations = [cuba.Populations[0] with { Size = 320 }, cuba.Populations[1] with { Size = 80 }],
            Projections = cuba.Projections.Select(p => p with { Connector = new FixedProbabilityConnector(0.2) }).ToArray(),
            Series = [new SeriesSpec("s", "four_sines", new Dictionary<string, double> { ["period"] = 40 })],
            Readouts = [new ReadoutSpec("r", "exc", "s") { Washout = 20, Train = 90, Ridge = 1e-3 }],
            Monitors = [new SpikeMonitorSpec("exc")],
        };
        var cpu = DeviceCompare.Cpu(spec, out var cpuResult);
        var dev = DeviceCompare.Device(spec, DeviceSums.Deterministic, out var devResult);
        Assert.True(cpuResult.SpikeCounts[0] > 200, $"the network must fire: {cpuResult.SpikeCounts[0]} spikes");
        DeviceCompare.AssertSameSpikes(cpu, dev);
        AssertSameReadouts(cpu, cpuResult, dev, devResult);
    }
}
