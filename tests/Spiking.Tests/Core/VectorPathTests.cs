using Spiking.Engine;
using Spiking.IO.ModelFiles;
using Spiking.Models;

namespace Spiking.Tests.Core;

/// <summary>The hand-vectorised neuron loops give exactly the bits of the scalar reference loops (STYLE.md, TensorPrimitives habit): for lif_delta and lif_coba the generic kernel loop (KernelGroup), which runs when VectorPath is off.</summary>
public class VectorPathTests
{
    private static MemoryRecorder Run(string model, bool vector, bool wide = false)
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
