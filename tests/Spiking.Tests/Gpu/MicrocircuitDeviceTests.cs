using Spiking.IO.Hdf5;
using Spiking.Tests.Core;
using static Spiking.Tests.Core.CliRun;

namespace Spiking.Tests.Gpu;

/// <summary>
/// models/microcircuit.toml runs on the device backend as shipped (lif_cuba, Poisson backgrounds with
/// K_ext sources, truncated-normal delays, 55 projections) and, with deterministic sums, gives the CPU
/// backend's spikes: at scale 0.002 (155 neurons, in-degrees kept: 600,329 synapses) for 20 ms on
/// ILGPU's CPU accelerator.
/// </summary>
public sealed class MicrocircuitDeviceTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("spiking-mc-device-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void The_microcircuit_gives_the_cpu_spikes_on_the_device()
    {
        string cpu = Path.Combine(_dir, "cpu.h5"), device = Path.Combine(_dir, "device.h5");
        string[] common = ["run", RepoPaths.Model("microcircuit.toml"), "--scale", "0.002", "--duration", "20 ms", "--quiet"];
        var c = RunCli([.. common, "--out", cpu]);
        Assert.True(c.Code == 0, c.Err);
        var d = RunCli([.. common, "--out", device, "--backend", "ilgpu-cpu"]);
        Assert.True(d.Code == 0, d.Err);
        using var a = Hdf5Results.Open(cpu);
        using var b = Hdf5Results.Open(device);
        Assert.Equal("ilgpu-cpu", b.GetString("backend"));
        Assert.Equal(a.SpikePopulations, b.SpikePopulations);
        long spikes = 0;
        foreach (var pop in a.SpikePopulations)
        {
            var x = a.ReadSpikes(pop);
            var y = b.ReadSpikes(pop);
            Assert.Equal(x.Timestamps, y.Timestamps);
            Assert.Equal(x.NodeIds, y.NodeIds);
            spikes += x.Count;
        }
        Assert.True(spikes > 20, $"only {spikes} spikes: the comparison would say little");
    }
}
