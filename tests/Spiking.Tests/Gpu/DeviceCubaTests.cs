using System.Diagnostics;
using Spiking.Description;
using Spiking.Gpu;
using Spiking.Tests.Core;
using Xunit.Abstractions;

namespace Spiking.Tests.Gpu;

/// <summary>CUBA (Brette et al. 2007, benchmark 2) on ILGPU's CPU accelerator against the CPU backend.</summary>
public class DeviceCubaTests(ITestOutputHelper output)
{
    /// <summary>The CUBA network of models/cuba.toml scaled to N neurons (80 % excitatory), connection probability unchanged.</summary>
    internal static NetworkSpec Cuba(int n, double duration, ulong seed = 3)
    {
        var spec = TestNetworks.Cuba(seed, duration);
        return spec with
        {
            Populations = [spec.Populations[0] with { Size = n * 4 / 5 }, spec.Populations[1] with { Size = n - n * 4 / 5 }],
            Monitors = [.. spec.Monitors, new RateMonitorSpec("exc", 10), new StateMonitorSpec("exc", ["v", "I_ex"], 1.0) { Neurons = [0, 3, 7] }],
        };
    }

    [Fact]
    public void Deterministic_sums_give_the_cpu_backends_spikes_bit_for_bit()
    {
        var spec = Cuba(500, 200);
        var clock = Stopwatch.StartNew();
        var cpu = DeviceCompare.Cpu(spec, out var cpuResult);
        double cpuSeconds = clock.Elapsed.TotalSeconds;
        clock.Restart();
        var dev = DeviceCompare.Device(spec, DeviceSums.Deterministic, out var devResult);
        output.WriteLine($"cpu {cpuSeconds:F2} s, ilgpu-cpu {clock.Elapsed.TotalSeconds:F2} s; spikes {cpuResult.SpikeCounts[0]} + {cpuResult.SpikeCounts[1]}");
        Assert.True(cpuResult.SpikeCounts[0] > 100, $"the network must be active: {cpuResult.SpikeCounts[0]} spikes");
        DeviceCompare.AssertSameSpikes(cpu, dev);
        Assert.Equal(cpuResult.SpikeCounts, devResult.SpikeCounts);
        Assert.Equal(cpuResult.SynapticEvents, devResult.SynapticEvents);
        Assert.Equal(cpu.Rates[2], dev.Rates[2]);
        Assert.Equal(cpu.StateTimes[3], dev.StateTimes[3]);
        for (int k = 0; k < cpu.StateValues[3].Count; k++) Assert.Equal(cpu.StateValues[3][k], dev.StateValues[3][k]);
    }

    [Fact]
    public void Fast_sums_give_the_cpu_backends_rates_within_two_percent()
    {
        var spec = Cuba(500, 200);
        var clock = Stopwatch.StartNew();
        var cpu = DeviceCompare.Cpu(spec, out var cpuResult);
        var dev = DeviceCompare.Device(spec, DeviceSums.Fast, out var devResult);
        bool identical = cpu.SpikeIds[0].SequenceEqual(dev.SpikeIds[0]) && cpu.SpikeIds[1].SequenceEqual(dev.SpikeIds[1]);
        output.WriteLine($"{clock.Elapsed.TotalSeconds:F2} s; spikes cpu {cpuResult.SpikeCounts[0]} + {cpuResult.SpikeCounts[1]}, fast {devResult.SpikeCounts[0]} + {devResult.SpikeCounts[1]}; identical: {identical}");
        for (int p = 0; p < 2; p++)
        {
            double expected = cpuResult.SpikeCounts[p], actual = devResult.SpikeCounts[p];
            Assert.True(expected > 200, $"population {p} must be active: {expected} spikes");
            Assert.InRange(actual / expected, 0.98, 1.02);
        }
    }
}
