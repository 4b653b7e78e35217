using ILGPU;
using ILGPU.Runtime;
using static Spiking.Gpu.DeviceMemory;
using Spiking.Engine;
using Spiking.Models;

namespace Spiking.Gpu;

/// <summary>
/// The model switch: which device kernel (<see cref="IDeviceNeuronModel"/>, <see cref="IDevicePreciseModel"/>) runs a
/// population of each host model, with the model's own device state (spike_source's cursors, poisson_source's
/// draws, binary units' step counters and inference hook). The models the device runs are listed in
/// <see cref="DeviceCapabilities"/>; a model added here is added there.
/// </summary>
internal sealed partial class DevicePopulation
{
    /// <summary>The update of a population without precise spike times, by its model; a model the device does not run is refused.</summary>
    private ModelUpdate CreateUpdate(DeviceSession device, long step, PopulationState host) => host.Group switch
    {
        SpikeSourceGroup g => new ModelUpdate<SpikeSourceDevice>(device, CreateSource(device, g)),
        PoissonSourceGroup g => new ModelUpdate<PoissonSourceDevice>(device, CreatePoisson(device, g)),
        BinarySigmoidGroup g => new ModelUpdate<BinarySigmoidDevice>(device, CreateBinary(device, step, g)),
        BinaryGatedGroup g => new ModelUpdate<BinaryGatedDevice>(device, CreateGated(device, step, g)),
        IKernelGroup g => g.Accept(new KernelUpdates(device, host.Model.Variables.Count)),
        _ => throw new DeviceUnsupportedException($"model '{host.Model.Name}' (population '{host.Spec.Name}')"),
    };

    /// <summary>The update of a population with precise spike times, by its model, with the model's refractory state on the host and the device.</summary>
    private static (double[] Host, MemoryBuffer1D<double, Stride1D.Dense> Device, PreciseUpdate Update) CreatePrecise(DeviceSession device, PopulationState host)
    {
        var group = host.Group;
        var refractory = group switch
        {
            LifCubaGroup g => g.RefractoryTime,
            LifDeltaGroup g => g.RefractoryEnd,
            _ => throw new DeviceUnsupportedException($"precise spike times of model '{host.Model.Name}' (population '{host.Spec.Name}')"),
        };
        var state = device.Memory.Upload<double>(refractory);
        PreciseUpdate update = group switch
        {
            LifCubaGroup g => new PreciseUpdate<LifCubaPreciseDevice>(device, new LifCubaPreciseDevice(g.PreciseConstants, state.View)),
            _ => new PreciseUpdate<LifDeltaPreciseDevice>(device, new LifDeltaPreciseDevice(((LifDeltaGroup)group).PreciseConstants, state.View)),
        };
        return (refractory, state, update);
    }

    // spike_source: per unit its spike steps as one table, the cursor (absolute index into it) and the steps done.
    private int[]? _sourceStart;
    private MemoryBuffer1D<int, Stride1D.Dense>? _sourceNext;
    private MemoryBuffer1D<long, Stride1D.Dense>? _sourceDone;

    // binary units: per unit the step of its next draw (the simulator's step when uploaded).
    private MemoryBuffer1D<long, Stride1D.Dense>? _binarySteps;

    /// <summary>Binary units: every unit's step counter, starting at the simulator's step (made once).</summary>
    private ArrayView<long> BinarySteps(DeviceSession device, long step)
    {
        if (_binarySteps is null)
        {
            var steps = new long[Size];
            Array.Fill(steps, step);
            _binarySteps = device.Memory.Upload<long>(steps);
        }
        return _binarySteps.View;
    }

    /// <summary>Binary units whose update leaves h (and x) to the host group's inference hook.</summary>
    public bool Inferred { get; private set; }

    private BinarySigmoidDevice CreateBinary(DeviceSession device, long step, BinarySigmoidGroup g)
    {
        var (k0, k1, c3) = g.StreamKey;
        Inferred = g.Inference is not null;
        return new BinarySigmoidDevice(g.Prior.Bias, g.Prior.InverseTemperature, k0, k1, c3, BinarySteps(device, step), Inferred ? 1 : 0);
    }

    private BinaryGatedDevice CreateGated(DeviceSession device, long step, BinaryGatedGroup g)
    {
        var (k0, k1, c3) = g.StreamKey;
        Inferred = g.Inference is not null;
        return new BinaryGatedDevice(g.Prior.Bias, g.Prior.InverseTemperature, g.TauX, k0, k1, c3, BinarySteps(device, step), Inferred ? 1 : 0);
    }

    /// <summary>Binary units: a new update when an inference hook was set or removed since the last run.</summary>
    public void FollowInference(DeviceSession device, long step)
    {
        if (Host.Group is not BinaryUnitGroup g || (g.Inference is not null) == Inferred) return;
        Updater = g switch
        {
            BinarySigmoidGroup s => new ModelUpdate<BinarySigmoidDevice>(device, CreateBinary(device, step, s)),
            BinaryGatedGroup b => new ModelUpdate<BinaryGatedDevice>(device, CreateGated(device, step, b)),
            _ => Updater,
        };
    }

    /// <summary>
    /// Binary units with an inference hook, after step n's update: the host group gets the units' state
    /// (a and p of this step, h and x of the last), runs the hook and its checks (the CPU's
    /// AfterUpdate), and the state the hook set (h, x, the output, and p where it writes p) goes back.
    /// </summary>
    public void Infer(long n)
    {
        if (Size == 0) return;
        var g = (BinaryUnitGroup)Host.Group;
        for (int v = 0; v < Vars.Length; v++) Part(Vars[v], 0, Size).CopyToCPU(g.Variable(VarNames[v]).AsSpan(0, Size));
        g.AfterUpdate(n);
        for (int v = 0; v < Vars.Length; v++) Part(Vars[v], 0, Size).CopyFromCPU(g.Variable(VarNames[v]).AsSpan(0, Size));
    }

    private SpikeSourceDevice CreateSource(DeviceSession device, SpikeSourceGroup g)
    {
        var start = new int[Size + 1];
        for (int i = 0; i < Size; i++) start[i + 1] = checked(start[i] + g.Steps[i].Length);
        var steps = new long[start[Size]];
        var next = new int[Size];
        for (int i = 0; i < Size; i++)
        {
            g.Steps[i].CopyTo(steps, start[i]);
            next[i] = start[i] + g.Next[i];
        }
        _sourceStart = start;
        _sourceNext = device.Memory.Upload<int>(next);
        _sourceDone = device.Memory.Upload<long>(g.StepsDone);
        return new SpikeSourceDevice(device.Memory.Upload<int>(start).View, device.Memory.Upload<long>(steps).View, _sourceNext.View, _sourceDone.View);
    }

    // poisson_source: per unit the block of its next draw.
    private MemoryBuffer1D<ulong, Stride1D.Dense>? _poissonDraws;

    private PoissonSourceDevice CreatePoisson(DeviceSession device, PoissonSourceGroup g)
    {
        var (k0, k1, c3) = g.StreamKey;
        _poissonDraws = device.Memory.Upload<ulong>(g.Draws);
        return new PoissonSourceDevice(g.Probability, k0, k1, c3, _poissonDraws.View);
    }

    /// <summary>spike_source and poisson_source: copies the cursors and step counts back into the host group.</summary>
    public void DownloadSource()
    {
        if (Host.Group is PoissonSourceGroup p && _poissonDraws is not null && Size > 0)
            Part(_poissonDraws, 0, Size).CopyToCPU(p.Draws.AsSpan());
        if (Host.Group is not SpikeSourceGroup g || _sourceNext is null || _sourceDone is null || Size == 0) return;
        Part(_sourceNext, 0, Size).CopyToCPU(g.Next.AsSpan());
        for (int i = 0; i < Size; i++) g.Next[i] -= _sourceStart![i];
        Part(_sourceDone, 0, Size).CopyToCPU(g.StepsDone.AsSpan());
    }

}
