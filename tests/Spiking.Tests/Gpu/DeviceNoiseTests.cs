using Spiking.Description;
using Spiking.Gpu;

namespace Spiking.Tests.Gpu;

/// <summary>Noise inputs on ILGPU's CPU accelerator: the same Philox draws and current arithmetic as the CPU backend.</summary>
public class DeviceNoiseTests
{
    /// <summary>
    /// lif_cuba driven by two noise inputs (one on all neurons, one on a listed subset) on top of a
    /// stepped current, lif_delta by noise alone, with recurrent and cross projections: the spikes
    /// depend on every draw, and the sampled v on their last bits.
    /// </summary>
    private static NetworkSpec Noisy(double duration) => new(
        new SimulationSpec(0.1, duration, Seed: 4242),
        [
            new PopulationSpec("a", "lif_cuba", 120,
                new Dictionary<string, double> { ["E_L"] = -65, ["V_th"] = -50, ["V_reset"] = -65 },
                new Dictionary<string, ValueSpec> { ["v"] = new UniformValue(-65, -55) }),
            new PopulationSpec("b", "lif_delta", 60, new Dictionary<string, double>(), new Dictionary<string, ValueSpec> { ["v"] = new UniformValue(0, 15) }),
        ],
        [
            new ProjectionSpec("aa", "a", "a", "exc", new FixedProbabilityConnector(0.1), new NormalValue(0.8, 0.2), new ConstantValue(1.0), SynapseSign.Excitatory),
            new ProjectionSpec("ab", "a", "b", "exc", new FixedInDegreeConnector(10), new ConstantValue(0.5), new UniformValue(0.1, 2.0)),
        ],
        [
            new CurrentInputSpec("step", "a", [0, 15], [0.3, 0.5]),
            new NoiseInputSpec("jitter", "a", 0.2, 0.6),
            new NoiseInputSpec("extra", "a", -0.1, 0.4) { Neurons = [3, 7, 11, 50, 99, 0] },
            new NoiseInputSpec("drive", "b", 1.0, 2.0),
        ],
        [new SpikeMonitorSpec("a"), new SpikeMonitorSpec("b"), new StateMonitorSpec("a", ["v", "I_ex"], 0.5) { Neurons = [0, 3, 7, 64] }]);

    [Fact]
    public void Noise_inputs_give_the_cpu_backends_spikes_and_state_bit_for_bit()
    {
        var spec = Noisy(40);
        Assert.Empty(DeviceSimulator.Unsupported(Spiking.Engine.Network.Build(spec, 1)));
        var cpu = DeviceCompare.Cpu(spec, out var cpuResult);
        var dev = DeviceCompare.Device(spec, DeviceSums.Deterministic, out var devResult);
        Assert.True(cpuResult.SpikeCounts[0] > 100 && cpuResult.SpikeCounts[1] > 20,
            $"the test network must be active: {cpuResult.SpikeCounts[0]} and {cpuResult.SpikeCounts[1]} spikes");
        DeviceCompare.AssertSameSpikes(cpu, dev);
        Assert.Equal(cpuResult.SynapticEvents, devResult.SynapticEvents);
        Assert.Equal(cpu.StateValues[2].Count, dev.StateValues[2].Count);
        for (int k = 0; k < cpu.StateValues[2].Count; k++)
            Assert.Equal(cpu.StateValues[2][k].Select(BitConverter.DoubleToInt64Bits), dev.StateValues[2][k].Select(BitConverter.DoubleToInt64Bits));
    }

}
