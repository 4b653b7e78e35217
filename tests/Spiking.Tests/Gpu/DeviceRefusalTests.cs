using Spiking.Description;
using Spiking.Engine;
using Spiking.Gpu;

namespace Spiking.Tests.Gpu;

/// <summary>What the device does not run is refused with the feature and where it is used, never left out.</summary>
public class DeviceRefusalTests
{
    private static readonly Dictionary<string, ValueSpec> NoInit = new();

    [Fact]
    public void Binary_units_bgrnn_reward_stdp_noise_and_precise_spike_times_are_not_refused()
    {
        var spec = new NetworkSpec(
            new SimulationSpec(0.1, 10, Seed: 1),
            [
                new PopulationSpec("cells", "lif_cuba", 10, new Dictionary<string, double>(), NoInit),
                new PopulationSpec("binary", "binary_gated", 5, new Dictionary<string, double>(), NoInit),
                new PopulationSpec("exact", "lif_delta", 5, new Dictionary<string, double>(), NoInit) { PreciseSpikeTimes = true },
            ],
            [
                new ProjectionSpec("learning", "binary", "binary", "in", new FixedProbabilityConnector(0.5), new ConstantValue(0.5), new ConstantValue(1))
                {
                    Plasticity = new PlasticitySpec("bgrnn"),
                },
                new ProjectionSpec("rewarded", "cells", "cells", "exc", new FixedProbabilityConnector(0.5), new ConstantValue(0.5), new ConstantValue(1))
                {
                    Plasticity = new PlasticitySpec("reward_stdp"),
                },
                new ProjectionSpec("timed", "cells", "exact", "exc", new FixedProbabilityConnector(0.5), new ConstantValue(0.5), new ConstantValue(1)),
            ],
            [new NoiseInputSpec("jitter", "cells", 0.1, 0.2)],
            [new SpikeMonitorSpec("cells")]);
        Assert.Empty(DeviceSimulator.Unsupported(Network.Build(spec)));
    }

    [Fact]
    public void Timed_input_past_the_order_keys_range_is_refused_naming_it()
    {
        // Events onto a precise population are ordered by keys with 11 bits for the projection or input index.
        var times = Enumerable.Range(0, 2049).Select(k => (InputSpec)new SpikeTimesInputSpec($"t{k}", "exact", "exc", 1, [0], [1.05])).ToList();
        var spec = new NetworkSpec(
            new SimulationSpec(0.1, 10, Seed: 1),
            [new PopulationSpec("exact", "lif_delta", 5, new Dictionary<string, double>(), NoInit) { PreciseSpikeTimes = true }],
            [], times, []);
        var problems = DeviceSimulator.Unsupported(Network.Build(spec));
        Assert.Equal(["a spike-time input onto a population with precise spike times after the first 2,048 inputs (input 't2048')"], problems);
        var projections = Enumerable.Range(0, 2049)
            .Select(k => new ProjectionSpec($"p{k}", "cells", "exact", "exc", new OneToOneConnector(), new ConstantValue(1), new ConstantValue(1))).ToList();
        spec = spec with
        {
            Populations = [.. spec.Populations, new PopulationSpec("cells", "lif_cuba", 5, new Dictionary<string, double>(), NoInit)],
            Projections = projections,
            Inputs = [],
        };
        problems = DeviceSimulator.Unsupported(Network.Build(spec));
        Assert.Equal(["a projection onto a population with precise spike times after the first 2,048 projections (projection 'p2048')"], problems);
    }

    [Fact]
    public void Event_mode_is_refused()
    {
        var spec = new NetworkSpec(
            new SimulationSpec(0.1, 10, Seed: 1) { Mode = SimulationMode.Event },
            [new PopulationSpec("cells", "lif_delta", 10, new Dictionary<string, double>(), NoInit)],
            [], [], [new SpikeMonitorSpec("cells")]);
        var e = Assert.Throws<DeviceUnsupportedException>(() => new DeviceSimulator(Network.Build(spec), DeviceBackend.IlgpuCpu));
        Assert.Contains("event-driven mode", e.Message);
    }

    [Fact]
    public void A_network_the_device_runs_has_nothing_unsupported()
        => Assert.Empty(DeviceSimulator.Unsupported(Network.Build(DeviceModelTests.Delayed(10))));

    /// <summary>
    /// On OpenCL, projections from rate units are refused by name: ILGPU 1.5.3 writes their graded sums'
    /// fused multiply-add as a call to an undefined function in OpenCL C (seen by compiling the kernel
    /// with its OpenCL backend). Spiking networks are not refused there, and CUDA takes both.
    /// </summary>
    [Fact]
    public void Projections_from_rate_units_are_refused_on_opencl_only()
    {
        var spec = new NetworkSpec(
            new SimulationSpec(1, 10, Seed: 1),
            [
                new PopulationSpec("units", "rate_tanh", 10, new Dictionary<string, double> { ["tau"] = 10 }, NoInit),
                new PopulationSpec("cells", "lif_cuba", 10, new Dictionary<string, double>(), NoInit),
            ],
            [
                new ProjectionSpec("uu", "units", "units", "in", new FixedProbabilityConnector(0.5), new ConstantValue(0.1), new ConstantValue(0)),
                new ProjectionSpec("cc", "cells", "cells", "exc", new FixedProbabilityConnector(0.5), new ConstantValue(0.5), new ConstantValue(1)),
            ],
            [],
            []);
        var network = Network.Build(spec);
        var onOpenCl = DeviceSimulator.Unsupported(network, DeviceBackend.OpenCL);
        Assert.Equal(["a projection from rate units on OpenCL (projection 'uu'; use --backend cuda or cpu)"], onOpenCl);
        Assert.Empty(DeviceSimulator.Unsupported(network, DeviceBackend.Cuda));
        Assert.Empty(DeviceSimulator.Unsupported(network));
    }

    [Fact]
    public void A_network_larger_than_the_device_memory_is_refused_with_the_sizes()
    {
        var network = Network.Build(DeviceModelTests.Delayed(10));
        long needed;
        using (var sim = new DeviceSimulator(network, DeviceBackend.IlgpuCpu, DeviceSums.Deterministic, 64)) needed = sim.DeviceBytes;
        Assert.True(needed > 10_000, $"{needed} bytes");
        // One byte less than the network takes: refused while uploading, naming what was allocated, what more was needed and the limit.
        var e = Assert.Throws<DeviceUnsupportedException>(() => new DeviceSimulator(network, DeviceBackend.IlgpuCpu, DeviceSums.Deterministic, 64, memoryLimit: needed - 1));
        Assert.Matches(@"a network of this size on .+: [0-9.]+ MiB of device memory allocated so far and [0-9.]+ MiB more needed, of [0-9.]+ MiB \(use a smaller network, e\.g\. --scale\)", e.Message);
        // With exactly enough it runs.
        using var fits = new DeviceSimulator(network, DeviceBackend.IlgpuCpu, DeviceSums.Deterministic, 64, memoryLimit: needed);
        fits.Run(5);
        Assert.Equal(needed, fits.DeviceBytes);
    }
}
