using Spiking.Description;
using Spiking.Engine;
using Spiking.Gpu;
using Spiking.IO.ModelFiles;
using Spiking.Tests.Core;

namespace Spiking.Tests.Gpu;

/// <summary>
/// Rate units on ILGPU's CPU accelerator in deterministic mode: the same unit trajectories as the CPU
/// backend, bit for bit (same model math, graded sums in GradedPull's association with fused
/// multiply-adds, delayed graded input in the CPU's row order).
/// </summary>
public class DeviceRateTests
{
    private static readonly Dictionary<string, ValueSpec> NoInit = new();

    private static void AssertSameStates(MemoryRecorder expected, MemoryRecorder actual)
    {
        Assert.Equal(expected.StateValues.Length, actual.StateValues.Length);
        for (int m = 0; m < expected.StateValues.Length; m++)
        {
            Assert.Equal(expected.StateValues[m].Count, actual.StateValues[m].Count);
            for (int k = 0; k < expected.StateValues[m].Count; k++)
                Assert.Equal(expected.StateValues[m][k].Select(BitConverter.DoubleToInt64Bits), actual.StateValues[m][k].Select(BitConverter.DoubleToInt64Bits));
        }
    }

    /// <summary>The shipped Mackey-Glass ESN at 60 units and 150 steps, without its readout (readouts stay on the CPU).</summary>
    [Fact]
    public void Shipped_esn_gives_the_cpu_backends_unit_trajectories()
    {
        var file = ModelFileReader.Read(RepoPaths.Model("esn-mackey-glass.toml"));
        var spec = file with
        {
            Simulation = file.Simulation with { Duration = 150 },
            Populations = file.Populations.Select(p => p.Name == "reservoir" ? p with { Size = 60 } : p).ToArray(),
            Readouts = [],
            Monitors = [new StateMonitorSpec("reservoir", ["x"], 1), new StateMonitorSpec("input", ["u"], 1)],
        };
        Assert.Empty(DeviceSimulator.Unsupported(Network.Build(spec, 1)));
        var cpu = DeviceCompare.Cpu(spec, out var cpuResult);
        var dev = DeviceCompare.Device(spec, DeviceSums.Deterministic, out var devResult);
        Assert.Equal(150, cpu.StateValues[0].Count);
        // The reservoir must move: its units' spread at the end is far from the initial zeros.
        Assert.True(cpu.StateValues[0][^1].Max() - cpu.StateValues[0][^1].Min() > 0.1);
        AssertSameStates(cpu, dev);
        Assert.Equal(cpuResult.SynapticEvents, devResult.SynapticEvents);
    }

    /// <summary>
    /// Every rate model and both rate_tanh integrations, fed by a stepped current and by noise through
    /// rate_input; graded input with per-synapse delays; rate units onto spiking neurons after a spiking
    /// projection onto the same receptor (the device must add the spikes first, as the CPU does), and
    /// spikes onto rate units. Fast sums too give the same bits here: each graded sum is one thread's.
    /// </summary>
    [Theory]
    [InlineData(DeviceSums.Deterministic)]
    [InlineData(DeviceSums.Fast)]
    public void Every_rate_model_with_delays_and_spiking_neighbours_gives_the_cpu_backends_state(DeviceSums sums)
    {
        var spec = new NetworkSpec(
            new SimulationSpec(0.5, 40, Seed: 99),
            [
                new PopulationSpec("u", "rate_input", 3, new Dictionary<string, double>(), NoInit),
                new PopulationSpec("x", "rate_tanh", 40, new Dictionary<string, double> { ["tau"] = 5 },
                    new Dictionary<string, ValueSpec> { ["x"] = new UniformValue(-1, 1) }),
                new PopulationSpec("y", "rate_tanh", 30, new Dictionary<string, double> { ["tau"] = 4, ["euler"] = 1 }, NoInit),
                new PopulationSpec("d", "rate_discrete", 25, new Dictionary<string, double> { ["retention"] = 0.6 }, NoInit),
                new PopulationSpec("e", "rate_esn", 20, new Dictionary<string, double> { ["leak"] = 0.4, ["bias"] = 0.1 }, NoInit),
                new PopulationSpec("s", "lif_cuba", 50,
                    new Dictionary<string, double> { ["E_L"] = -65, ["V_th"] = -50, ["V_reset"] = -65 },
                    new Dictionary<string, ValueSpec> { ["v"] = new UniformValue(-65, -52) }),
            ],
            [
                new ProjectionSpec("ux", "u", "x", "in", new AllToAllConnector(), new UniformValue(-1, 1), new ConstantValue(0)),
                new ProjectionSpec("xx", "x", "x", "in", new FixedProbabilityConnector(0.3), new NormalValue(0, 0.5), new ConstantValue(0)),
                new ProjectionSpec("xy", "x", "y", "in", new FixedProbabilityConnector(0.4), new NormalValue(0.2, 0.6), new UniformValue(0.5, 3)),
                new ProjectionSpec("ss", "s", "s", "exc", new FixedProbabilityConnector(0.2), new ConstantValue(1.5), new ConstantValue(0)),
                new ProjectionSpec("xs", "x", "s", "exc", new FixedProbabilityConnector(0.3), new UniformValue(0, 2), new ConstantValue(0)),
                new ProjectionSpec("sd", "s", "d", "in", new FixedProbabilityConnector(0.3), new ConstantValue(0.7), new ConstantValue(1)),
                new ProjectionSpec("yd", "y", "d", "in", new FixedProbabilityConnector(0.3), new NormalValue(0, 1), new ConstantValue(0)),
                new ProjectionSpec("de", "d", "e", "in", new AllToAllConnector(), new NormalValue(0, 0.4), new ConstantValue(0)),
                new ProjectionSpec("ee", "e", "e", "in", new FixedProbabilityConnector(0.5), new NormalValue(0, 0.5), new ConstantValue(0)),
            ],
            [
                new CurrentInputSpec("signal", "u", [0, 10, 25], [0.8, -0.5, 1.2]) { Neurons = [0, 1] },
                new NoiseInputSpec("wobble", "u", 0, 0.5),
                new PoissonInputSpec("kick", "s", "exc", Rate: 2000, Weight: 1.5),
            ],
            [
                new StateMonitorSpec("x", ["x", "r"], 0.5),
                new StateMonitorSpec("y", ["x", "r"], 0.5),
                new StateMonitorSpec("d", ["v"], 0.5),
                new StateMonitorSpec("e", ["x"], 0.5),
                new StateMonitorSpec("s", ["v", "I_ex"], 0.5),
                new SpikeMonitorSpec("s"),
            ]);
        Assert.Empty(DeviceSimulator.Unsupported(Network.Build(spec, 1)));
        var cpu = DeviceCompare.Cpu(spec, out var cpuResult);
        var dev = DeviceCompare.Device(spec, sums, out var devResult);
        Assert.True(cpuResult.SpikeCounts[5] > 20, $"the spiking population must fire: {cpuResult.SpikeCounts[5]} spikes");
        AssertSameStates(cpu, dev);
        DeviceCompare.AssertSameSpikes(cpu, dev);
        Assert.Equal(cpuResult.SynapticEvents, devResult.SynapticEvents);
    }

    /// <summary>
    /// Free-running binary units (binary_sigmoid: Boltzmann-machine units, parallel update; binary_gated:
    /// gates and Gaussian amplitudes): recurrent weights, a driven population with a temperature, a
    /// population without input (a from the bias alone), and gated units feeding back h·x with a delay.
    /// Gates, amplitudes, outputs, probabilities and logits at every step equal the CPU backend's: the
    /// device draws each unit's numbers from the same Philox stream and block.
    /// </summary>
    [Fact]
    public void Binary_units_give_the_cpu_backends_gates_amplitudes_probabilities_and_logits()
    {
        var spec = new NetworkSpec(
            new SimulationSpec(1.0, 80, Seed: 4242),
            [
                new PopulationSpec("u", "rate_input", 4, new Dictionary<string, double>(), NoInit),
                new PopulationSpec("h", "binary_sigmoid", 60, new Dictionary<string, double> { ["bias"] = -0.5, ["temperature"] = 0.8 }, NoInit),
                new PopulationSpec("g", "binary_sigmoid", 30, new Dictionary<string, double> { ["bias"] = 0.3 }, NoInit),
                new PopulationSpec("free", "binary_sigmoid", 10, new Dictionary<string, double> { ["bias"] = 0.7, ["temperature"] = 2 }, NoInit),
                new PopulationSpec("gated", "binary_gated", 40, new Dictionary<string, double> { ["bias"] = -0.2, ["tau_x"] = 1.7 }, NoInit),
            ],
            [
                new ProjectionSpec("uh", "u", "h", "in", new AllToAllConnector(), new UniformValue(-1, 1), new ConstantValue(0)),
                new ProjectionSpec("hh", "h", "h", "in", new FixedProbabilityConnector(0.3), new NormalValue(0, 0.8), new ConstantValue(0)),
                new ProjectionSpec("hg", "h", "g", "in", new FixedProbabilityConnector(0.4), new NormalValue(0.1, 0.5), new UniformValue(1, 4)),
                new ProjectionSpec("gg", "gated", "gated", "in", new FixedProbabilityConnector(0.3), new NormalValue(0, 0.4), new ConstantValue(0)),
                new ProjectionSpec("gh", "gated", "h", "in", new FixedProbabilityConnector(0.2), new NormalValue(0, 0.3), new ConstantValue(2)),
            ],
            [new CurrentInputSpec("signal", "u", [0, 30, 55], [0.8, -0.6, 1.1]) { Neurons = [0, 1, 2] }],
            [
                new StateMonitorSpec("h", ["h", "p", "a"], 1.0),
                new StateMonitorSpec("g", ["h", "p", "a"], 1.0),
                new StateMonitorSpec("free", ["h", "p", "a"], 1.0),
                new StateMonitorSpec("gated", ["h", "x", "hx", "p", "a"], 1.0),
            ]);
        Assert.Empty(DeviceSimulator.Unsupported(Network.Build(spec, 1)));
        var cpu = DeviceCompare.Cpu(spec, out _);
        var dev = DeviceCompare.Device(spec, DeviceSums.Deterministic, out _);
        // The units must switch: some gates on, some off, and changing over time.
        var gates = cpu.StateValues[0].SelectMany(sample => sample.Take(60)).ToArray();
        Assert.InRange(gates.Average(), 0.1, 0.9);
        var gated = cpu.StateValues[3].SelectMany(sample => sample.Take(40)).ToArray();
        Assert.InRange(gated.Average(), 0.1, 0.9);
        AssertSameStates(cpu, dev);
    }
}
