using Spiking.Engine;
using Spiking.Cpu;
using Spiking.IO.ModelFiles;
using Spiking.Models;

namespace Spiking.Tests.Core;

/// <summary>The hand-vectorised neuron loops give exactly the bits of the scalar reference loops (STYLE.md, TensorPrimitives habit): for lif_delta, lif_coba and lif_cuba the generic kernel loop (KernelGroup), which runs when VectorPath is off.</summary>
public class VectorPathTests
{
    private static MemoryRecorder Run(string model, bool vector, bool wide = false, Func<Description.NetworkSpec, Description.NetworkSpec>? edit = null)
    {
        bool saved = VectorPath.Enabled, savedWide = VectorPath.Wide;
        try
        {
            VectorPath.Enabled = vector;
            VectorPath.Wide = wide;
            var spec = ModelFileReader.Read(RepoPaths.Model(model));
            spec = spec with
            {
                Simulation = spec.Simulation with { Duration = 200 },
                Monitors = [new Description.SpikeMonitorSpec("exc"), new Description.StateMonitorSpec("exc", [spec.Populations[0].Model switch { "lif_cuba" => "I_ex", "lif_coba" => "g_ex", _ => "v" }, "v"], 1.0) { Neurons = [0, 5, 17, 100] }],
            };
            if (edit is not null) spec = edit(spec);
            var rec = new MemoryRecorder();
            using var sim = new Simulator(Network.Build(spec));
            sim.Run(recorder: rec);
            return rec;
        }
        finally
        {
            VectorPath.Enabled = saved;
            VectorPath.Wide = savedWide;
        }
    }

    [Theory]
    [InlineData("cuba.toml")]
    [InlineData("brunel.toml")]
    [InlineData("coba.toml")]
    public void Vector_and_scalar_neuron_updates_are_bit_identical(string model)
    {
        var scalar = Run(model, vector: false);
        Assert.True(scalar.SpikeIds[0].Count > 100);
        AssertSame(scalar, Run(model, vector: true));
        // The eight-lane loops (where the model has one) run only where AVX-512 is accelerated.
        if (System.Runtime.Intrinsics.Vector512.IsHardwareAccelerated) AssertSame(scalar, Run(model, vector: true, wide: true));
    }

    /// <summary>
    /// lif_cuba with every input its vector loops specialise on: ring input on "exc" (a Poisson input), an
    /// injected current, and a population size that leaves neurons over for the kernel loop after the
    /// four- and eight-lane loops (3205 = 400·8 + 4 + 1), whose state is compared.
    /// </summary>
    [Fact]
    public void Vector_and_scalar_lif_cuba_updates_with_ring_input_current_and_a_remainder_are_bit_identical()
    {
        static Description.NetworkSpec Edit(Description.NetworkSpec spec) => spec with
        {
            Populations = [spec.Populations[0] with { Size = 3205 }, .. spec.Populations.Skip(1)],
            Inputs = [.. spec.Inputs, new Description.PoissonInputSpec("drive", "exc", "exc", 200, 0.5),
                new Description.CurrentInputSpec("step", "exc", [0, 50], [-0.02, 0.01])],
            Monitors = [spec.Monitors[0], ((Description.StateMonitorSpec)spec.Monitors[1]) with { Neurons = [0, 5, 3203, 3204] }],
        };
        var scalar = Run("cuba.toml", vector: false, edit: Edit);
        Assert.True(scalar.SpikeIds[0].Count > 100);
        Assert.Contains(scalar.SpikeIds[0], id => id >= 3200);
        AssertSame(scalar, Run("cuba.toml", vector: true, edit: Edit));
        if (System.Runtime.Intrinsics.Vector512.IsHardwareAccelerated) AssertSame(scalar, Run("cuba.toml", vector: true, wide: true, edit: Edit));
    }

    private static void AssertSame(MemoryRecorder scalar, MemoryRecorder vector)
    {
        Assert.Equal(scalar.SpikeIds[0], vector.SpikeIds[0]);
        Assert.Equal(scalar.SpikeTimes[0], vector.SpikeTimes[0]);
        for (int k = 0; k < scalar.StateValues[1].Count; k++)
            Assert.Equal(scalar.StateValues[1][k].Select(BitConverter.DoubleToInt64Bits), vector.StateValues[1][k].Select(BitConverter.DoubleToInt64Bits));
    }

    /// <summary>Rate propagation: the AVX2 gathered product and the scalar loop sum in the same order.</summary>
    [Fact]
    public void Gathered_and_scalar_rate_propagation_give_the_same_bits()
    {
        var input = Spiking.Tasks.TimeSeries.Rescale(Spiking.Tasks.TimeSeries.MackeyGlass(300));
        var spec = Spiking.Tests.Rate.EchoStateNetworkTests.Esn(input, 200, 0.3, 1.1, 0.1, 1.0, 5);
        bool saved = VectorPath.Enabled;
        try
        {
            VectorPath.Enabled = false;
            var scalar = Spiking.Tests.Rate.EchoStateNetworkTests.States(spec);
            VectorPath.Enabled = true;
            var vector = Spiking.Tests.Rate.EchoStateNetworkTests.States(spec);
            Assert.Equal(scalar.Count, vector.Count);
            for (int t = 0; t < scalar.Count; t++)
                Assert.Equal(scalar[t].Select(BitConverter.DoubleToInt64Bits), vector[t].Select(BitConverter.DoubleToInt64Bits));
        }
        finally
        {
            VectorPath.Enabled = saved;
        }
    }
}
