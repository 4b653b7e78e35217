using ILGPU;
using ILGPU.Runtime;
using static Spiking.Gpu.DeviceMemory;
using Spiking.Engine;

namespace Spiking.Gpu;

/// <summary>A projection on the device: its CSR table as built on the host, and its place in the summation order.</summary>
internal sealed class DeviceProjection
{
    private readonly MemoryBuffer1D<long, Stride1D.Dense> _rowStart;
    private readonly MemoryBuffer1D<int, Stride1D.Dense> _target;
    private readonly MemoryBuffer1D<float, Stride1D.Dense> _weight;
    private readonly MemoryBuffer1D<ushort, Stride1D.Dense>? _delay;
    private readonly long _keyBase;
    private readonly Action<KernelConfig, TimedPushLaunch>? _timedKernel;

    public MemoryBuffer1D<long, Stride1D.Dense> RowStart => _rowStart;
    public MemoryBuffer1D<int, Stride1D.Dense> Target => _target;
    /// <summary>The float weights propagation reads (a plastic projection's rule writes them on the device).</summary>
    public MemoryBuffer1D<float, Stride1D.Dense> Weight => _weight;
    // From rate units: the table by target (GradedPull's column view) instead of by row.
    private readonly MemoryBuffer1D<int, Stride1D.Dense>? _columnStart, _pre, _synapse;
    private readonly int _outputVar;

    /// <summary>From rate units: per column entry its synapse (index into the row table).</summary>
    public MemoryBuffer1D<int, Stride1D.Dense> ColumnSynapse => _synapse!;

    public DeviceProjection(DeviceSession device, DevicePopulation[] populations, ProjectionState host, long keyBase)
    {
        Host = host;
        Pre = populations[host.Pre.Index];
        Post = populations[host.Post.Index];
        Pre.Outgoing.Add(this);
        var t = host.Synapses;
        HasDelays = t.Delay.Length > 0;
        Timed = host.Timed;
        if (Timed)
        {
            // Timed projections have one constant delay of whole steps (the validator's rule onto lif_delta; drawn delays onto lif_cuba go on the grid).
            if (HasDelays) throw new InvalidOperationException($"projection '{host.Spec.Name}' carries timed events with per-synapse delays");
            _timedKernel = device.Kernel("timed-push", () => device.Accelerator.GroupedKernel<TimedPushLaunch>(DeviceKernels.PushTimed));
        }
        _keyBase = keyBase;
        _delay = HasDelays ? device.Memory.Upload<ushort>(t.Delay) : null;
        if (host.Pre.Group.Output is { } output)
        {
            Graded = true;
            var group = host.Pre.Group;
            _outputVar = Array.FindIndex(Pre.VarNames, v => ReferenceEquals(group.Variable(v), output));
            var pull = GradedPull.Build(t, host.Pre.Size, host.Post.Size)
                ?? throw new DeviceUnsupportedException($"more than 2^31 synapses in one projection (projection '{host.Spec.Name}')");
            _columnStart = device.Memory.Upload<int>(pull.ColumnStart);
            _pre = device.Memory.Upload<int>(pull.Pre);
            _synapse = device.Memory.Upload<int>(pull.Synapse);
            _weight = device.Memory.Upload<float>(pull.Weight);
            _rowStart = device.Memory.Upload<long>([]);
            _target = device.Memory.Upload<int>([]);
            return;
        }
        _rowStart = device.Memory.Upload<long>(t.RowStart);
        _target = device.Memory.Upload<int>(t.Target);
        _weight = device.Memory.Upload<float>(t.Weight);
    }

    public ProjectionState Host { get; }
    public DevicePopulation Pre { get; }
    public DevicePopulation Post { get; }
    public bool HasDelays { get; }
    /// <summary>Whether the presynaptic population is of rate units (every output propagates every step, weighted).</summary>
    public bool Graded { get; }

    /// <summary>Whether spikes travel as timed events with their offsets (onto a population with precise spike times).</summary>
    public bool Timed { get; }

    /// <summary>Queues the push of step n's spikes as timed events (the CPU's PropagateTimed: same slots, the spikes' offsets, queued order in the keys).</summary>
    public void EnqueueTimed(DeviceSession device, long n)
    {
        var t = Host.Synapses;
        if (t.Count == 0 || Pre.Size == 0 || Post.Size == 0) return;
        int shift = Post.Host.Model.Receptors[Host.Receptor].ActsAtStepEnd ? 1 : 0;
        _timedKernel!(new KernelConfig(Math.Max(1, Math.Min(Pre.Size, device.PushGroups)), device.PushGroup), new TimedPushLaunch
        {
            RowStart = _rowStart.View,
            Target = _target.View,
            Weight = _weight.View,
            Records = Pre.Records.View,
            Counters = device.Counters.View,
            PreOffsets = Pre.Offsets?.View ?? device.Memory.Dummy.View,
            Lists = Post.Lists,
            PrePopulation = Pre.Index,
            Precise = Pre.Offsets is null ? 0 : 1,
            Delay = t.ConstantDelay,
            Shift = shift,
            BaseSlot = (int)((n + shift) % Post.RingLength),
            RingLength = Post.RingLength,
            Receptor = Host.Receptor,
            Projection = Host.Index,
            Dt = device.Dt,
        });
    }

    /// <summary>Queues the propagation of step n's rate outputs (the CPU's PropagateGraded: same slots, same sums per target).</summary>
    public void EnqueueGraded(DeviceSession device, long n)
    {
        if (Host.Synapses.Count == 0 || Pre.Size == 0 || Post.Size == 0) return;
        int r = Host.Receptor;
        int length = Post.RingLength;
        int baseSlot = (int)((n + 1) % length);
        bool direct = Post.DirectVar[r] >= 0;
        var into = HasDelays ? Post.Ring[r]!.View
            : direct ? Post.Vars[Post.DirectVar[r]].View
            : Post.Slot(r, (baseSlot + Host.Synapses.ConstantDelay) % length);
        device.GradedKernel(Post.Size, new GradedLaunch
        {
            ColumnStart = _columnStart!.View,
            Pre = _pre!.View,
            Synapse = _synapse!.View,
            Weight = _weight.View,
            Delay = _delay?.View ?? device.Memory.DummyDelay.View,
            Output = Pre.Vars[_outputVar].View,
            Into = into,
            Events = device.GradedEvents.View,
            HasDelays = HasDelays ? 1 : 0,
            BaseSlot = baseSlot,
            RingLength = length,
            Size = Post.Size,
        });
    }

    /// <summary>
    /// The push of step n's spikes (the CPU's PropagateRange: same slots, same destinations), to launch
    /// in a batch; false when the projection has nothing to propagate.
    /// </summary>
    public bool Launch(DeviceSession device, long n, out PushLaunch launch)
    {
        var t = Host.Synapses;
        launch = default;
        if (t.Count == 0 || Pre.Size == 0 || Post.Size == 0) return false;
        int r = Host.Receptor;
        int length = Post.RingLength;
        bool direct = Post.DirectVar[r] >= 0;
        int constantSlot = HasDelays || direct ? 0 : (int)((n + 1 + t.ConstantDelay) % length);
        var into = HasDelays ? device.Memory.Dummy.View : direct ? Post.Vars[Post.DirectVar[r]].View : Post.Slot(r, constantSlot);
        bool ordered = device.Sums == DeviceSums.Deterministic;
        launch = new PushLaunch
        {
            RowStart = _rowStart.View,
            Target = _target.View,
            Weight = _weight.View,
            Delay = _delay?.View ?? device.Memory.DummyDelay.View,
            Records = Pre.Records.View,
            Counters = device.Counters.View,
            Into = into,
            Ring = HasDelays && !ordered ? Post.Ring[r]!.View : device.Memory.Dummy.View,
            PrePopulation = Pre.Index,
            HasDelays = HasDelays ? 1 : 0,
            BaseSlot = (int)((n + 1) % length),
            RingLength = length,
            Size = Post.Size,
            Bucket = ordered ? Post.Staging!.Views : default,
            Ordered = ordered ? 1 : 0,
            Receptor = r,
            ConstantSlot = constantSlot,
            KeyBase = _keyBase,
        };
        return true;
    }
}
