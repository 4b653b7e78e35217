using ILGPU;
using ILGPU.Runtime;
using static Spiking.Gpu.DeviceMemory;
using Spiking.Random;

namespace Spiking.Gpu;

/// <summary>A Poisson input: the same stream keys, block counter and cumulative table as the CPU's PoissonRuntime.</summary>
internal sealed class DevicePoissonInput
{
    private readonly DevicePopulation _target;
    private readonly int _receptor, _count, _hasNeurons, _ptrs;
    private readonly double _lambda, _weight;
    private readonly MemoryBuffer1D<double, Stride1D.Dense>? _table;
    private readonly MemoryBuffer1D<int, Stride1D.Dense>? _neurons;
    private readonly uint _k0, _k1, _c3;

    public DevicePoissonInput(DeviceSession device, int index, DevicePopulation target, int receptor, double lambdaPerStep, double weight, int[]? neurons)
    {
        _target = target; _receptor = receptor; _lambda = lambdaPerStep; _weight = weight;
        _count = neurons?.Length ?? target.Size;
        _hasNeurons = neurons is null ? 0 : 1;
        if (neurons is not null) _neurons = device.Memory.Upload<int>(neurons);
        // Below 30 the table the CPU inverts against; from 30 on the CPU draws by PTRS, and so does the kernel.
        _ptrs = lambdaPerStep >= 30 ? 1 : 0;
        if (lambdaPerStep > 0 && _ptrs == 0) _table = device.Memory.Upload<double>(PhiloxStream.PoissonTable(lambdaPerStep));
        (_k0, _k1, _c3) = PhiloxStream.Key(device.Network.Spec.Simulation.DynamicsSeed, StreamKind.PoissonInput, index);
    }

    public DevicePopulation Target => _target;

    /// <summary>Whether the input draws for every neuron of its target (no neuron list).</summary>
    public bool Whole => _hasNeurons == 0;

    /// <summary>Whether the two inputs add into the same buffer (the same population and receptor), so must not share a launch.</summary>
    public bool SameTarget(DevicePoissonInput other) => other._target == _target && other._receptor == _receptor;

    /// <summary>Step n's draws, to launch in a batch; false when there is nothing to draw.</summary>
    public bool Launch(DeviceSession device, long n, out PoissonLaunch launch)
    {
        launch = default;
        if (_lambda <= 0 || _count == 0) return false;
        launch = new PoissonLaunch
        {
            Into = _target.InputFor(_receptor, n),
            Neurons = _neurons?.View ?? device.Memory.DummyInt.View,
            Table = _table?.View ?? device.Memory.Dummy.View,
            HasNeurons = _hasNeurons,
            K0 = _k0,
            K1 = _k1,
            C3 = _c3,
            Block = (ulong)n << 4,
            Weight = _weight,
            Ptrs = _ptrs,
            Lambda = _lambda,
            Count = _count,
        };
        return true;
    }
}
