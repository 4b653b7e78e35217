using ILGPU;
using ILGPU.Runtime;
using static Spiking.Gpu.DeviceMemory;

namespace Spiking.Gpu;

/// <summary>A rate population a readout learns from in blocks: its outputs after each step's update, kept on the device for the block.</summary>
internal sealed class ReadoutOutput
{
    private readonly DevicePopulation _pop;
    private readonly MemoryBuffer1D<double, Stride1D.Dense> _kept;
    private readonly double[] _host;

    public ReadoutOutput(DeviceSession device, DevicePopulation pop)
    {
        _pop = pop;
        _kept = device.Memory.Allocate<double>((long)pop.Size * device.BlockSteps);
        _host = new double[(long)pop.Size * device.BlockSteps];
    }

    /// <summary>Queues a copy of the outputs after step k's update (device to device).</summary>
    public void Keep(int k) => Part(_pop.Vars[_pop.OutputVar], 0, _pop.Size).CopyTo(Part(_kept, (long)k * _pop.Size, _pop.Size));

    public void CopyBack(int block)
    {
        if (block > 0) Part(_kept, 0, (long)block * _pop.Size).CopyToCPU(_host.AsSpan(0, block * _pop.Size));
    }

    /// <summary>Step k's outputs into the host population, where the readout reads them.</summary>
    public void Restore(int k) => _host.AsSpan(k * _pop.Size, _pop.Size).CopyTo(_pop.Host.Group.Output);
}
