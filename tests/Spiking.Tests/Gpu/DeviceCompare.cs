using Spiking.Description;
using Spiking.Cpu;
using Spiking.Engine;
using Spiking.Gpu;

namespace Spiking.Tests.Gpu;

/// <summary>Runs one spec on the CPU backend and on ILGPU's CPU accelerator, each from its own freshly built network.</summary>
internal static class DeviceCompare
{
    public static MemoryRecorder Cpu(NetworkSpec spec, out RunResult result)
    {
        var rec = new MemoryRecorder();
        using var sim = new Simulator(Network.Build(spec, 1), 1);
        result = sim.Run(recorder: rec);
        return rec;
    }

    public static MemoryRecorder Device(NetworkSpec spec, DeviceSums sums, out RunResult result)
    {
        var rec = new MemoryRecorder();
        using var sim = new DeviceSimulator(Network.Build(spec, 1), DeviceBackend.IlgpuCpu, sums);
        result = sim.Run(recorder: rec);
        return rec;
    }

    /// <summary>Asserts that every spike monitor recorded the same ids and the same time bits.</summary>
    public static void AssertSameSpikes(MemoryRecorder expected, MemoryRecorder actual)
    {
        Assert.Equal(expected.SpikeIds.Length, actual.SpikeIds.Length);
        for (int m = 0; m < expected.SpikeIds.Length; m++)
        {
            Assert.Equal(expected.SpikeIds[m].Count, actual.SpikeIds[m].Count);
            Assert.Equal(expected.SpikeIds[m], actual.SpikeIds[m]);
            Assert.Equal(expected.SpikeTimes[m].Select(BitConverter.DoubleToInt64Bits), actual.SpikeTimes[m].Select(BitConverter.DoubleToInt64Bits));
        }
    }
}
