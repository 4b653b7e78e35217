using ILGPU;
using ILGPU.Runtime;
using static Spiking.Gpu.DeviceMemory;
using Spiking.Engine;

namespace Spiking.Gpu;

internal sealed class DeviceWeightMonitor(int index, ProjectionState projection, long[] steps, DeviceRule? plastic)
{
    public int Index { get; } = index;
    public ProjectionState Projection { get; } = projection;
    public long[] Steps { get; } = steps;
    public int Next { get; set; }
    public double[] Buffer { get; } = new double[projection.Synapses.Weight.Length];
    /// <summary>The device rule of a plastic projection (null when static).</summary>
    public DeviceRule? Plastic { get; } = plastic;

    /// <summary>The first snapshot step at or after <paramref name="n"/> not yet recorded, or −1.</summary>
    public long NextDue(long n)
    {
        for (int k = Next; k < Steps.Length; k++)
            if (Steps[k] >= n) return Steps[k];
        return -1;
    }
}

/// <summary>A state monitor: samples gathered on the device into a block buffer, [sample][variable][neuron].</summary>
internal sealed class DeviceStateMonitor
{
    private readonly DevicePopulation _pop;
    private readonly int[] _vars;
    private readonly MemoryBuffer1D<int, Stride1D.Dense> _neurons;
    private readonly int _m;

    public DeviceStateMonitor(DeviceSession device, int index, DevicePopulation pop, string[] variables, int[] neurons, long intervalSteps)
    {
        Index = index;
        _pop = pop;
        _vars = variables.Select(v => Array.IndexOf(pop.VarNames, v) is var k and >= 0
            ? k : throw new ArgumentException($"model '{pop.Host.Model.Name}' has no state variable '{v}'")).ToArray();
        _m = neurons.Length;
        _neurons = device.Memory.Upload<int>(neurons);
        IntervalSteps = intervalSteps;
        SampleLength = _vars.Length * _m;
        long perBlock = device.BlockSteps / intervalSteps + 1;
        Samples = device.Memory.Allocate<double>(Math.Max(1, perBlock * SampleLength));
        HostSamples = new double[Math.Max(1, perBlock * SampleLength)];
    }

    public int Index { get; }
    public long IntervalSteps { get; }
    public int SampleLength { get; }
    public MemoryBuffer1D<double, Stride1D.Dense> Samples { get; }
    public double[] HostSamples { get; }
    /// <summary>Samples queued in the current block.</summary>
    public int Taken { get; set; }

    public void Sample(DeviceSession device)
    {
        if (_m > 0)
            for (int v = 0; v < _vars.Length; v++)
                device.GatherKernel(_m, _pop.Vars[_vars[v]].View, _neurons.View, Samples.View, Taken * SampleLength + v * _m);
        Taken++;
    }
}
