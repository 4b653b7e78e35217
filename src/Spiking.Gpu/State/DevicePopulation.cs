using ILGPU;
using ILGPU.Runtime;
using static Spiking.Gpu.DeviceMemory;
using Spiking.Engine;
using Spiking.Models;

namespace Spiking.Gpu;

/// <summary>A population on the device: state variables, refractory counters, current, input rings, spike flags and list.</summary>
internal sealed partial class DevicePopulation
{
    private readonly DeviceSession _device;

    /// <summary>Uploads <paramref name="host"/>'s state as it is at step <paramref name="step"/>, and chooses its update kernel (<see cref="CreateUpdate"/>).</summary>
    public DevicePopulation(DeviceSession device, long step, PopulationState host, bool hasCurrent, bool hasNoise)
    {
        _device = device;
        Host = host;
        Index = host.Index;
        Size = host.Size;
        var group = host.Group;
        if (host.Model.Receptors.Count > 2)
            throw new DeviceUnsupportedException($"more than two receptors (population '{host.Spec.Name}', model '{host.Model.Name}')");
        VarNames = host.Model.Variables.Select(v => v.Name).ToArray();
        OutputVar = group.Output is { } output ? Array.FindIndex(VarNames, v => ReferenceEquals(group.Variable(v), output)) : -1;
        Vars = VarNames.Select(v => device.Memory.Upload<double>(group.Variable(v))).ToArray();
        Refr = device.Memory.Upload<int>(group.RefractoryLeft);
        HasCurrent = hasCurrent || group.HasExternalCurrent;
        HostCurrent = (double[])group.ExternalCurrent.Clone();
        Iext = device.Memory.Upload<double>(HostCurrent);
        if (hasNoise) NoiseBase = device.Memory.Upload<double>(HostCurrent);
        RingLength = host.RingLength;
        int receptors = host.Model.Receptors.Count;
        Ring = new MemoryBuffer1D<double, Stride1D.Dense>?[receptors];
        DirectVar = new int[receptors];
        for (int r = 0; r < receptors; r++)
        {
            DirectVar[r] = -1;
            if (host.Direct[r] is { } direct)
            {
                DirectVar[r] = Array.FindIndex(VarNames, v => ReferenceEquals(group.Variable(v), direct));
                continue;
            }
            // The device's ring has RingLength slots (step m in slot m mod RingLength); the host's may have
            // fewer (a precise population's carries only the current step's grid input).
            var all = new double[(long)RingLength * Size];
            int dense = host.DenseSlots;
            for (long m = step; m < step + dense; m++) host.Ring[r][(int)(m % dense)].CopyTo(all, m % RingLength * Size);
            Ring[r] = device.Memory.Upload<double>(all);
        }
        Records = device.Memory.Allocate<int>(Math.Max(1, (long)Size * device.BlockSteps));
        HostRecords = new int[Math.Max(1, (long)Size * device.BlockSteps)];
        GridInput = host.GridInput;
        if (host.TimedSlots is not null)
        {
            // Precise spike times: the spikes' offsets beside their ids, the model's own refractory state,
            // and timed input lists (made once the projections are known: CreateTimedLists).
            Offsets = device.Memory.Allocate<double>(Math.Max(1, (long)Size * device.BlockSteps));
            HostOffsets = new double[Math.Max(1, (long)Size * device.BlockSteps)];
            (_preciseHost, _preciseState, Precise) = CreatePrecise(device, host);
            return;
        }
        Updater = CreateUpdate(device, step, host);
    }

    public PopulationState Host { get; }
    public int Index { get; }
    public int Size { get; }

    /// <summary>
    /// At a run's start: a current the program injected into the host population since
    /// (<see cref="PopulationState.Inject"/>: the host's injected signal no longer equals the one the
    /// device holds, which <see cref="DownloadCurrent"/> writes back after each run) is uploaded and in
    /// force from the run's first step, as on the CPU, until a current input of the spec changes it.
    /// </summary>
    public void UploadInjected()
    {
        var group = Host.Group;
        if (Size == 0 || group.ExternalCurrent.AsSpan().SequenceEqual(HostCurrent) && group.HasExternalCurrent == HasCurrent) return;
        group.ExternalCurrent.CopyTo(HostCurrent, 0);
        HasCurrent |= group.HasExternalCurrent;
        (NoiseBase ?? Iext).View.CopyFromCPU(HostCurrent);
    }

    /// <summary>After a run: the injected signal the device holds (the current inputs' sum) into the host population.</summary>
    public void DownloadCurrent()
    {
        HostCurrent.CopyTo(Host.Group.ExternalCurrent, 0);
        Host.Group.HasExternalCurrent = HasCurrent;
    }

    public string[] VarNames { get; }
    /// <summary>Rate units: the index of the state variable that is their output (else −1).</summary>
    public int OutputVar { get; }
    public MemoryBuffer1D<double, Stride1D.Dense>[] Vars { get; }
    public MemoryBuffer1D<int, Stride1D.Dense> Refr { get; }
    public MemoryBuffer1D<double, Stride1D.Dense> Iext { get; }
    /// <summary>With noise inputs: the current of the current inputs, copied into <see cref="Iext"/> before the noise is added each step (else null).</summary>
    public MemoryBuffer1D<double, Stride1D.Dense>? NoiseBase { get; }
    public bool HasCurrent { get; private set; }
    public double[] HostCurrent { get; }
    public int RingLength { get; }
    /// <summary>Per receptor, the ring [slot × size + neuron], or null when input adds straight into a state variable.</summary>
    public MemoryBuffer1D<double, Stride1D.Dense>?[] Ring { get; }
    /// <summary>Per receptor, the index of the state variable it adds into, or −1.</summary>
    public int[] DirectVar { get; }
    /// <summary>Deterministic sums: the staging area of this population's incoming synapses (null without any).</summary>
    public DeterministicBucket? Staging { get; private set; }

    /// <summary>
    /// Sizes the staging area: room for every incoming synapse of every projection onto this
    /// population, per target (a spike per presynaptic neuron and step at most), 16 bytes each.
    /// </summary>
    public void CreateBucket(DeviceSession device, DeviceProjection[] projections)
    {
        var start = new long[Size + 1];
        bool any = false;
        foreach (var proj in projections)
        {
            if (proj.Post != this || proj.Graded || proj.Timed) continue;
            foreach (var t in proj.Host.Synapses.Target) start[t + 1]++;
            any |= proj.Host.Synapses.Count > 0;
        }
        if (!any) return;
        for (int i = 0; i < Size; i++) start[i + 1] += start[i];
        Staging = new DeterministicBucket(device, start);
    }

    /// <summary>Deterministic sums: adds this step's staged input so far, in order (one launch; before a graded projection onto it).</summary>
    public void Reduce(DeviceSession device)
    {
        if (!ReduceLaunch(device, out var launch)) return;
        device.ReduceBatch.Add(launch, Size);
        device.ReduceBatch.Flush();
    }

    /// <summary>The ordered sum of this population's staged input, to launch in a batch; false without staging.</summary>
    public bool ReduceLaunch(DeviceSession device, out ReduceLaunch launch)
    {
        launch = default;
        if (Staging is not { } b || Size == 0) return false;
        var dummy = device.Memory.Dummy.View;
        bool direct0 = DirectVar[0] >= 0, direct1 = Ring.Length > 1 && DirectVar[1] >= 0;
        launch = new ReduceLaunch
        {
            Bucket = b.Views,
            Into0 = direct0 ? Vars[DirectVar[0]].View : Ring[0] is { } r0 ? r0.View : dummy,
            Into1 = direct1 ? Vars[DirectVar[1]].View : Ring.Length > 1 && Ring[1] is { } r1 ? r1.View : dummy,
            Direct0 = direct0 ? 1 : 0,
            Direct1 = direct1 ? 1 : 0,
            RingLength = RingLength,
            Size = Size,
        };
        return true;
    }

    public MemoryBuffer1D<int, Stride1D.Dense> Records { get; }
    public int[] HostRecords { get; }
    /// <summary>The update of a population without precise spike times (else null: <see cref="Precise"/>).</summary>
    public ModelUpdate? Updater { get; private set; }

    /// <summary>
    /// The population's Poisson input when its update kernel draws it: the only Poisson input onto the
    /// population, for all its neurons, with no spike-time input onto it and a grid update (else null).
    /// </summary>
    public DevicePoissonInput? FusedPoisson { get; set; }

    /// <summary>With precise spike times: the update, which reads the timed lists and writes offsets (else null).</summary>
    public PreciseUpdate? Precise { get; }

    /// <summary>Precise: each block's spike offsets (ms into their step), beside <see cref="Records"/>, and their copy on the host.</summary>
    public MemoryBuffer1D<double, Stride1D.Dense>? Offsets { get; }
    public double[]? HostOffsets { get; }

    /// <summary>Whether the population's summed ring carries input (false: a precise population fed by timed projections only).</summary>
    public bool GridInput { get; }

    public List<DeviceProjection> Outgoing { get; } = [];
    /// <summary>During replay: this step's spikes in <see cref="HostRecords"/>.</summary>
    public int StepFrom { get; set; }
    public int StepCount { get; set; }

    /// <summary>Where input of receptor r for step n adds: the state variable, or ring slot n mod length.</summary>
    public ArrayView<double> InputFor(int r, long n) => DirectVar[r] >= 0 ? Vars[DirectVar[r]].View : Slot(r, (int)(n % RingLength));

    public ArrayView<double> Slot(int r, int slot) => Part(Ring[r]!, (long)slot * Size, Size);

    public DeviceNeuronState State(long n)
    {
        var dummy = _device.Memory.Dummy.View;
        int slot = (int)(n % RingLength);
        bool ex = GridInput && Ring.Length > 0 && Ring[0] is not null, inh = GridInput && Ring.Length > 1 && Ring[1] is not null;
        return new DeviceNeuronState
        {
            X0 = Vars.Length > 0 ? Vars[0].View : dummy,
            X1 = Vars.Length > 1 ? Vars[1].View : dummy,
            X2 = Vars.Length > 2 ? Vars[2].View : dummy,
            X3 = Vars.Length > 3 ? Vars[3].View : dummy,
            X4 = Vars.Length > 4 ? Vars[4].View : dummy,
            InEx = ex ? Slot(0, slot) : dummy,
            InIn = inh ? Slot(1, slot) : dummy,
            Iext = Iext.View,
            Refr = Refr.View,
            HasEx = ex ? 1 : 0,
            HasIn = inh ? 1 : 0,
            HasCur = HasCurrent ? 1 : 0,
        };
    }
}
