using ILGPU;
using ILGPU.Runtime;
using static Spiking.Gpu.DeviceMemory;
using Spiking.Plasticity;

namespace Spiking.Gpu;

/// <summary>
/// A spiking learning rule of one projection on the device (the CPU runtime's time-stepped step):
/// the rule's double weights and the float table, the column view for post spikes, up to two traces
/// per pre and per post neuron, and homeostatic normalisation when the rule has it.
/// </summary>
internal abstract class DeviceRule
{
    private readonly PlasticityRuntime _host;
    private readonly MemoryBuffer1D<double, Stride1D.Dense> _w;
    private readonly MemoryBuffer1D<double, Stride1D.Dense>? _normalizeTarget;
    private readonly (double[] Host, MemoryBuffer1D<double, Stride1D.Dense> Device, double Factor, bool Pre)[] _traces;
    protected readonly MemoryBuffer1D<int, Stride1D.Dense> ColumnStart, ColumnPre, ColumnSynapse;
    /// <summary>The float weights in row order the rule writes: the table propagation reads, or, from rate units, a row copy whose column copy is refreshed after each step.</summary>
    protected readonly MemoryBuffer1D<float, Stride1D.Dense> Wf;
    private readonly RefreshLaunch? _refresh;

    protected DeviceRule(DeviceSession device, DeviceProjection proj, PlasticityRuntime host, (double[] Host, double Factor, bool Pre)[] traces)
    {
        Projection = proj;
        _host = host;
        W = _w = device.Memory.Upload<double>(host.Weights);
        Wf = proj.Graded ? device.Memory.Upload<float>(proj.Host.Synapses.Weight) : proj.Weight;
        if (proj.Graded)
            _refresh = new RefreshLaunch { Column = proj.Weight.View, Synapse = proj.ColumnSynapse.View, Row = Wf.View, Size = Wf.IntExtent };
        _traces = traces.Select(t => (t.Host, device.Memory.Upload<double>(t.Host), t.Factor, t.Pre)).ToArray();
        var cols = host.Columns;
        ColumnStart = device.Memory.Upload<int>(cols.Start);
        ColumnPre = device.Memory.Upload<int>(cols.Pre);
        ColumnSynapse = device.Memory.Upload<int>(cols.Synapse);
        if (host.NormalizeTarget is { } target) _normalizeTarget = device.Memory.Upload<double>(target);
        _changes = host.Changes;
        Launch = CreateLaunch(device);
    }

    public DeviceProjection Projection { get; }
    protected PlasticityRuntime Host => _host;
    protected MemoryBuffer1D<double, Stride1D.Dense> W { get; }

    /// <summary>The launch parameters of every step (the views do not change): traces in the order given, bounds, spike lists.</summary>
    protected StdpLaunch Launch { get; }

    private StdpLaunch CreateLaunch(DeviceSession device)
    {
        var dummy = device.Memory.Dummy.View;
        ArrayView<double> Trace(bool pre, int k)
        {
            foreach (var t in _traces)
                if (t.Pre == pre && k-- == 0) return t.Device.View;
            return dummy;
        }
        return new StdpLaunch
        {
            RowStart = Projection.RowStart.View,
            Target = Projection.Target.View,
            ColumnStart = ColumnStart.View,
            ColumnPre = ColumnPre.View,
            ColumnSynapse = ColumnSynapse.View,
            W = _w.View,
            Pre0 = Trace(true, 0),
            Pre1 = Trace(true, 1),
            Post0 = Trace(false, 0),
            Post1 = Trace(false, 1),
            Wf = Wf.View,
            Counters = device.Counters.View,
            PreRecords = Projection.Pre.Records.View,
            PostRecords = Projection.Post.Records.View,
            PrePopulation = Projection.Pre.Index,
            PostPopulation = Projection.Post.Index,
            WMin = _host.WMin,
            WMax = _host.WMax,
        };
    }

    /// <summary>Adds this step's decay of each of the rule's traces to the batch (launched when full), before <see cref="Enqueue"/>.</summary>
    public void QueueDecays(Batcher<TraceDecayLaunch> decays)
    {
        foreach (var t in _traces)
        {
            int size = t.Pre ? Projection.Pre.Size : Projection.Post.Size;
            if (size > 0) decays.Add(new TraceDecayLaunch { Trace = t.Device.View, Factor = t.Factor, Size = size }, size);
        }
    }

    /// <summary>
    /// Queues the rule's kernels of the step, after propagation and after its traces decayed
    /// (<see cref="QueueDecays"/>, launched by the simulator after <see cref="BeginStep"/>); a spiking
    /// rule's go into its kernels' batches, which the simulator launches before <see cref="Finish"/>.
    /// </summary>
    public void Enqueue(DeviceSession device)
    {
        if (Projection.Host.Synapses.Count > 0) EnqueueRule(device);
    }

    /// <summary>After the rule's kernels of step n: normalisation when due (as PlasticityRuntime.Step), and the column copy of graded weights.</summary>
    public void Finish(DeviceSession device, long n)
    {
        if (Projection.Host.Synapses.Count == 0) return;
        if (_normalizeTarget is not null && (n + 1) % _host.NormalizeSteps == 0 && Projection.Post.Size > 0)
            device.NormalizeBatch.Add(new NormalizeLaunch
            {
                ColumnStart = ColumnStart.View,
                ColumnSynapse = ColumnSynapse.View,
                W = _w.View,
                Target = _normalizeTarget.View,
                Wf = Wf.View,
                WMin = _host.WMin,
                WMax = _host.WMax,
                Size = Projection.Post.Size,
            }, Projection.Post.Size);
        // Batched; the simulator launches the batch after every rule's Finish, normalisations first.
        if ((_normalizeTarget is not null || RefreshAfterRule) && _refresh is { } r) device.RefreshBatch.Add(r, r.Size);
    }

    /// <summary>From rate units: launches the copy of the row weights into the column copy propagation reads, now.</summary>
    protected void RefreshColumns(DeviceSession device)
    {
        if (_refresh is not { } r) return;
        device.RefreshBatch.Add(r, r.Size);
        device.RefreshBatch.Flush();
    }

    /// <summary>Whether the rule's kernels after propagation change weights, so that the column copy must be refreshed after them (as the CPU kernel does for every rule).</summary>
    protected virtual bool RefreshAfterRule => true;

    /// <summary>Host work at the start of the rule's step, done even where the projection has no synapses (reward_stdp's dopamine).</summary>
    public virtual void BeginStep()
    {
    }

    /// <summary>Queues depression by pre spikes, potentiation by post spikes and the trace jumps.</summary>
    protected abstract void EnqueueRule(DeviceSession device);

    /// <summary>Queues the rule's work of step n after the neuron update, before propagation (short-term plasticity).</summary>
    public virtual void EnqueueBefore(DeviceSession device, long n)
    {
    }

    public void DownloadWeights(double[] into) => Part(_w, 0, into.Length).CopyToCPU(into);

    private int _changes;

    /// <summary>
    /// At a run's start: weights the program set on the host rule since (<see cref="PlasticityRuntime.SetWeights"/>,
    /// <see cref="PlasticityRuntime.Normalize"/>) go to the device, both copies, and the column copy of graded weights.
    /// </summary>
    public void UploadChanges(DeviceSession device)
    {
        if (_host.Changes == _changes) return;
        _changes = _host.Changes;
        int n = _host.Weights.Length;
        if (n == 0) return;
        Part(_w, 0, n).CopyFromCPU(_host.Weights);
        Part(Wf, 0, n).CopyFromCPU(Projection.Host.Synapses.Weight);
        RefreshColumns(device);
    }

    /// <summary>Writes the device's weights (both copies) and traces back into the host rule.</summary>
    public void Download()
    {
        int n = _host.Weights.Length;
        if (n > 0)
        {
            DownloadWeights(_host.Weights);
            Part(Wf, 0, n).CopyToCPU(Projection.Host.Synapses.Weight.AsSpan());
        }
        foreach (var t in _traces)
            if (t.Host.Length > 0) Part(t.Device, 0, t.Host.Length).CopyToCPU(t.Host.AsSpan());
        DownloadState();
    }

    /// <summary>Further state of the rule to write back into the host rule.</summary>
    protected virtual void DownloadState()
    {
    }

    /// <summary>The device form of a projection's rule, or null when the device does not run it.</summary>
    public static DeviceRule? Create(DeviceSession device, DeviceProjection proj)
        => proj.Host.Plasticity is PlasticityRuntime rule ? FactoryFor(rule)?.Invoke(device, proj) : null;

    /// <summary>
    /// Whether the device runs <paramref name="rule"/>: the same table <see cref="Create"/> builds from, so
    /// the capability check (<see cref="DeviceCapabilities"/>) cannot drift from what is built.
    /// </summary>
    public static bool Runs(PlasticityRuntime rule) => FactoryFor(rule) is not null;

    /// <summary>
    /// How to build the device form of <paramref name="rule"/>. Every rule written as a spike-rule kernel
    /// struct (<see cref="SpikeRuleRuntime{TRule}"/>, in spiking mode) runs the CPU's own struct with no
    /// entry here; the rules with device code of their own follow.
    /// </summary>
    private static Func<DeviceSession, DeviceProjection, DeviceRule>? FactoryFor(PlasticityRuntime rule) => rule switch
    {
        PairStdpRuntime r when r.RateMode => (d, p) => new RateRule<PairStdpRateDevice>(d, p, r, new PairStdpRateDevice(r.Constants, r.Taus.TauPlus, r.Taus.TauMinus, r.Dt), null, 0),
        _ when !rule.RateMode && SpikeKernelOf(rule.GetType()) is { } kernel => (d, p) => SpikeOf(kernel, d, p, rule),
        HebbianRule.Runtime r => (d, p) => new RateRule<HebbianDevice>(d, p, r, new HebbianDevice(r.Eta), null, 0),
        OjaRule.Runtime r => (d, p) => new RateRule<OjaDevice>(d, p, r, new OjaDevice(r.Eta), null, 0),
        BcmRuntime r => (d, p) => new RateRule<BcmDevice>(d, p, r, new BcmDevice(r.Eta), r.ThetaArray, r.Gain),
        ShortTermPlasticityRuntime r => (d, p) => new StpRule(d, p, r),
        RewardModulatedStdpRuntime r => (d, p) => new RewardRule(d, p, r),
        BgRnnRuntime r => (d, p) => new GradientRule(d, p, r),
        _ => null,
    };

    /// <summary>The kernel struct TRule when <paramref name="type"/> derives from <see cref="SpikeRuleRuntime{TRule}"/>, else null.</summary>
    private static Type? SpikeKernelOf(Type? type)
    {
        for (; type is not null; type = type.BaseType)
            if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(SpikeRuleRuntime<>)) return type.GetGenericArguments()[0];
        return null;
    }

    /// <summary><see cref="Spike{TRule}"/> for a kernel struct known at run time (once per projection, at upload).</summary>
    private static DeviceRule SpikeOf(Type kernel, DeviceSession device, DeviceProjection proj, PlasticityRuntime rule)
        => (DeviceRule)typeof(DeviceRule).GetMethod(nameof(Spike), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!
            .MakeGenericMethod(kernel).Invoke(null, [device, proj, rule])!;

    /// <summary>A rule written as a kernel struct: the device runs the CPU runtime's struct on copies of its traces.</summary>
    private static SpikeRule<TRule> Spike<TRule>(DeviceSession device, DeviceProjection proj, SpikeRuleRuntime<TRule> r) where TRule : struct, ISpikeRuleKernel
        => new(device, proj, r, r.Kernel, r.Traces.Select(t => (t.Values, t.Factor, t.Pre)).ToArray());
}
