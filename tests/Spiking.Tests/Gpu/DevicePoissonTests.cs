using Spiking.Description;
using Spiking.Engine;
using Spiking.Gpu;

namespace Spiking.Tests.Gpu;

/// <summary>Poisson inputs of 30 or more expected spikes per step, which the CPU draws by PTRS: on ILGPU's CPU accelerator the same draws, bit for bit.</summary>
public class DevicePoissonTests
{
    [Fact]
    public void Ptrs_draws_equal_the_cpus_for_the_same_keys()
    {
        // Unconnected lif_delta neurons that never reach threshold: v sums the Poisson jumps, so any
        // difference in one draw shows in v. λ per step: 40 on all, 250 on a subset, and 5 (the table) on all.
        const double dt = 0.1, duration = 20;
        var spec = new NetworkSpec(
            new SimulationSpec(dt, duration, Seed: 777),
            [new PopulationSpec("n", "lif_delta", 40, new Dictionary<string, double> { ["V_th"] = 1e9, ["tau_m"] = 1e9 }, new Dictionary<string, ValueSpec>())],
            [],
            [
                new PoissonInputSpec("p40", "n", "exc", Rate: 1000, Weight: 0.01, Count: 400),
                new PoissonInputSpec("p250", "n", "inh", Rate: 2500, Weight: -0.001, Count: 1000) { Neurons = [0, 5, 7, 38, 21] },
                new PoissonInputSpec("p5", "n", "exc", Rate: 500, Weight: 0.003, Count: 100),
            ],
            [new StateMonitorSpec("n", ["v"], 0.1)]);
        Assert.Empty(DeviceSimulator.Unsupported(Network.Build(spec, 1)));
        var cpu = DeviceCompare.Cpu(spec, out _);
        var dev = DeviceCompare.Device(spec, DeviceSums.Deterministic, out _);
        Assert.Equal(cpu.StateValues[0].Count, dev.StateValues[0].Count);
        for (int k = 0; k < cpu.StateValues[0].Count; k++)
            Assert.Equal(cpu.StateValues[0][k].Select(BitConverter.DoubleToInt64Bits), dev.StateValues[0][k].Select(BitConverter.DoubleToInt64Bits));
        // The draws are PTRS's: per neuron about 40·0.01 + 5·0.003 per step on average, and they differ between neurons.
        var last = cpu.StateValues[0][^1];
        Assert.True(last.Distinct().Count() > 30, "the draws must differ between neurons");
        double steps = cpu.StateValues[0].Count - 1, expected = (40 * 0.01 + 5 * 0.003) * steps;
        double mean = Enumerable.Range(0, 40).Where(i => i is not (0 or 5 or 7 or 38 or 21)).Average(i => last[i] - cpu.StateValues[0][0][i]);
        Assert.InRange(mean, 0.97 * expected, 1.03 * expected);
    }
}
