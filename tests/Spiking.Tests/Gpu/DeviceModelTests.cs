using Spiking.Description;
using Spiking.Engine;
using Spiking.Gpu;
using Spiking.Tests.Core;

namespace Spiking.Tests.Gpu;

/// <summary>
/// lif_delta with delays longer than a step, lif_coba and izhikevich, with every input the device runs,
/// on ILGPU's CPU accelerator in deterministic mode: the CPU backend's spikes, bit for bit.
/// </summary>
public class DeviceModelTests
{
    /// <summary>
    /// lif_cuba and lif_delta joined by drawn delays of 0.1–3 ms (several ring slots), two projections
    /// onto one receptor (their order matters to the float sums), Poisson input on all and on a listed
    /// subset of neurons, spike-time input with a neuron listed twice at one time, and a stepped current.
    /// </summary>
    internal static NetworkSpec Delayed(double duration) => new(
        new SimulationSpec(0.1, duration, Seed: 777),
        [
            new PopulationSpec("a", "lif_cuba", 300,
                new Dictionary<string, double> { ["E_L"] = -65, ["V_th"] = -50, ["V_reset"] = -65 },
                new Dictionary<string, ValueSpec> { ["v"] = new UniformValue(-65, -50) }),
            new PopulationSpec("b", "lif_delta", 200, new Dictionary<string, double>(), new Dictionary<string, ValueSpec> { ["v"] = new UniformValue(0, 20) }),
        ],
        [
            new ProjectionSpec("aa", "a", "a", "exc", new FixedProbabilityConnector(0.05), new NormalValue(1.0, 0.3), new UniformValue(0.1, 3), SynapseSign.Excitatory),
            new ProjectionSpec("ab", "a", "b", "exc", new FixedInDegreeConnector(20), new ConstantValue(0.4), new ConstantValue(1.5)),
            new ProjectionSpec("ba", "b", "a", "inh", new FixedOutDegreeConnector(15), new ConstantValue(-0.6), new UniformValue(0.5, 2.0), SynapseSign.Inhibitory),
            new ProjectionSpec("ba2", "b", "a", "exc", new FixedProbabilityConnector(0.05), new NormalValue(0.3, 0.1), new ConstantValue(0), SynapseSign.Excitatory),
            new ProjectionSpec("bb", "b", "b", "inh", new FixedProbabilityConnector(0.05), new ConstantValue(-0.3), new UniformValue(0.2, 1.0), SynapseSign.Inhibitory),
        ],
        [
            new PoissonInputSpec("pa", "a", "exc", Rate: 2500, Weight: 2.0),
            new PoissonInputSpec("pb", "b", "exc", Rate: 20, Weight: 0.1, Count: 1000) { Neurons = Enumerable.Range(0, 100).Select(i => 2 * i).ToArray() },
            new SpikeTimesInputSpec("tb", "b", "exc", 3.0, [5, 5, 7, 9, 5], [10.0, 10.0, 10.0, 25.3, 40.0]),
            new CurrentInputSpec("ib", "b", [0, 20, 45], [0.05, 0.12, 0.0]) { Neurons = Enumerable.Range(0, 50).ToArray() },
        ],
        [new SpikeMonitorSpec("a"), new SpikeMonitorSpec("b"), new StateMonitorSpec("b", ["v"], 0.5) { Neurons = [0, 5, 9, 101] }]);

    [Fact]
    public void Lif_delta_and_lif_cuba_with_delays_and_every_input_give_the_cpu_backends_spikes()
    {
        var spec = Delayed(60);
        var cpu = DeviceCompare.Cpu(spec, out var cpuResult);
        var dev = DeviceCompare.Device(spec, DeviceSums.Deterministic, out var devResult);
        Assert.True(cpuResult.SpikeCounts[0] > 200 && cpuResult.SpikeCounts[1] > 50,
            $"the test network must be active: {cpuResult.SpikeCounts[0]} and {cpuResult.SpikeCounts[1]} spikes");
        DeviceCompare.AssertSameSpikes(cpu, dev);
        Assert.Equal(cpuResult.SynapticEvents, devResult.SynapticEvents);
        for (int k = 0; k < cpu.StateValues[2].Count; k++) Assert.Equal(cpu.StateValues[2][k], dev.StateValues[2][k]);
    }

    [Fact]
    public void Fast_sums_through_delay_rings_give_the_cpu_backends_rates_within_two_percent()
    {
        var spec = Delayed(60);
        DeviceCompare.Cpu(spec, out var cpuResult);
        DeviceCompare.Device(spec, DeviceSums.Fast, out var devResult);
        for (int p = 0; p < 2; p++)
        {
            double expected = cpuResult.SpikeCounts[p], actual = devResult.SpikeCounts[p];
            Assert.True(expected > 50, $"population {p} must be active: {expected} spikes");
            Assert.InRange(actual / expected, 0.98, 1.02);
        }
        Assert.InRange((double)devResult.SynapticEvents / cpuResult.SynapticEvents, 0.98, 1.02);
    }

    [Fact]
    public void Lif_coba_at_tiny_size_gives_the_cpu_backends_spikes()
    {
        var coba = TestNetworks.Coba(5, 60);
        var connector = new FixedProbabilityConnector(0.2); // 80 inputs per neuron at N = 400, as at 4000 with p = 0.02
        var spec = coba with
        {
            Populations = [coba.Populations[0] with { Size = 320 }, coba.Populations[1] with { Size = 80 }],
            Projections = coba.Projections.Select(p => p with { Connector = connector }).ToArray(),
        };
        var cpu = DeviceCompare.Cpu(spec, out var cpuResult);
        var dev = DeviceCompare.Device(spec, DeviceSums.Deterministic, out _);
        Assert.True(cpuResult.SpikeCounts[0] > 50, $"the network must be active: {cpuResult.SpikeCounts[0]} spikes");
        DeviceCompare.AssertSameSpikes(cpu, dev);
    }

    [Fact]
    public void Izhikevich_at_tiny_size_gives_the_cpu_backends_spikes()
    {
        var rs = new Dictionary<string, double>(); // regular spiking, jumps of v
        var fs = new Dictionary<string, double> { ["a"] = 0.1, ["d"] = 2, ["tau_syn"] = 5 }; // fast spiking, filtered input
        var spec = new NetworkSpec(
            new SimulationSpec(0.1, 60, Seed: 99),
            [
                new PopulationSpec("e", "izhikevich", 160, rs, new Dictionary<string, ValueSpec> { ["v"] = new UniformValue(-70, -55) }),
                new PopulationSpec("i", "izhikevich", 40, fs, new Dictionary<string, ValueSpec> { ["v"] = new UniformValue(-70, -55) }),
            ],
            [
                new ProjectionSpec("ee", "e", "e", "exc", new FixedProbabilityConnector(0.1), new UniformValue(0, 1.0), new UniformValue(0.1, 2), SynapseSign.Excitatory),
                new ProjectionSpec("ei", "e", "i", "exc", new FixedProbabilityConnector(0.1), new ConstantValue(1.0), new ConstantValue(1)),
                new ProjectionSpec("ie", "i", "e", "inh", new FixedProbabilityConnector(0.2), new UniformValue(-2, 0), new ConstantValue(0.5), SynapseSign.Inhibitory),
            ],
            [
                new PoissonInputSpec("pe", "e", "exc", Rate: 2500, Weight: 3.0),
                new CurrentInputSpec("ii", "i", [0, 30], [3.0, 6.0]),
            ],
            [new SpikeMonitorSpec("e"), new SpikeMonitorSpec("i"), new StateMonitorSpec("e", ["v", "u"], 1.0) { Neurons = [1, 2] }]);
        var cpu = DeviceCompare.Cpu(spec, out var cpuResult);
        var dev = DeviceCompare.Device(spec, DeviceSums.Deterministic, out _);
        Assert.True(cpuResult.SpikeCounts[0] > 50 && cpuResult.SpikeCounts[1] > 20,
            $"the network must be active: {cpuResult.SpikeCounts[0]} and {cpuResult.SpikeCounts[1]} spikes");
        DeviceCompare.AssertSameSpikes(cpu, dev);
        for (int k = 0; k < cpu.StateValues[2].Count; k++) Assert.Equal(cpu.StateValues[2][k], dev.StateValues[2][k]);
    }

    [Fact]
    public void Poisson_input_draws_equal_the_cpus_for_the_same_keys()
    {
        // Unconnected lif_delta neurons that never reach threshold: v sums the Poisson jumps, so any
        // difference in one draw shows in v. Two inputs, one on a subset, one with several spikes per step.
        var spec = new NetworkSpec(
            new SimulationSpec(0.1, 30, Seed: 4242),
            [new PopulationSpec("n", "lif_delta", 40, new Dictionary<string, double> { ["V_th"] = 1e9, ["tau_m"] = 1e9 }, new Dictionary<string, ValueSpec>())],
            [],
            [
                new PoissonInputSpec("p1", "n", "exc", Rate: 300, Weight: 0.5, Count: 50),
                new PoissonInputSpec("p2", "n", "inh", Rate: 800, Weight: -0.25) { Neurons = [1, 3, 39] },
            ],
            [new StateMonitorSpec("n", ["v"], 0.1)]);
        var cpu = DeviceCompare.Cpu(spec, out _);
        var dev = DeviceCompare.Device(spec, DeviceSums.Deterministic, out _);
        var last = cpu.StateValues[0][^1];
        Assert.True(last.Distinct().Count() > 20, "the draws must differ between neurons");
        Assert.Equal(cpu.StateValues[0].Count, dev.StateValues[0].Count);
        for (int k = 0; k < cpu.StateValues[0].Count; k++) Assert.Equal(cpu.StateValues[0][k], dev.StateValues[0][k]);
    }
}
