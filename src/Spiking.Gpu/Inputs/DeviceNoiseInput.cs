using ILGPU;
using ILGPU.Runtime;
using static Spiking.Gpu.DeviceMemory;
using Spiking.Models;
using Spiking.Random;

namespace Spiking.Gpu;

/// <summary>A noise input: the same stream keys and block as the CPU's, one draw per neuron and step (<see cref="NoiseMath"/>).</summary>
internal sealed class DeviceNoiseInput
{
    private readonly DevicePopulation _target;
    private readonly int _count, _hasNeurons;
    private readonly double _mean, _sd;
    private readonly MemoryBuffer1D<int, Stride1D.Dense>? _neurons;
    private readonly uint _k0, _k1, _c3;

    public DeviceNoiseInput(DeviceSession device, int index, DevicePopulation target, double mean, double sd, int[]? neurons)
    {
        _target = target; _mean = mean; _sd = sd;
        _count = neurons?.Length ?? target.Size;
        _hasNeurons = neurons is null ? 0 : 1;
        if (neurons is not null) _neurons = device.Memory.Upload<int>(neurons);
        (_k0, _k1, _c3) = PhiloxStream.Key(device.Network.Spec.Simulation.DynamicsSeed, StreamKind.NoiseInput, index);
    }

    public void Enqueue(DeviceSession device, long n)
    {
        if (_count == 0) return;
        device.NoiseKernel(_count, new NoiseLaunch
        {
            Into = _target.Iext.View,
            Neurons = _neurons?.View ?? device.Memory.DummyInt.View,
            HasNeurons = _hasNeurons,
            K0 = _k0,
            K1 = _k1,
            C3 = _c3,
            Step = (ulong)n,
            Mean = _mean,
            Sd = _sd,
        });
    }
}
