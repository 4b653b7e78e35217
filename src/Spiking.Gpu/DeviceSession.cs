using ILGPU;
using ILGPU.Runtime;
using ILGPU.Runtime.Cuda;
using Spiking.Engine;

namespace Spiking.Gpu;

/// <summary>
/// What the parts of one <see cref="DeviceSimulator"/> share on the device: the accelerator and its
/// memory, the block's spike counters, the kernels loaded once per simulator (<see cref="Kernel{T}"/>)
/// and the batchers of a step's launches, which populations, projections, inputs, rules and monitors
/// queue their launches into.
/// </summary>
internal sealed class DeviceSession
{
    private readonly Dictionary<object, object> _ruleKernels = [];

    /// <summary>
    /// Allocates the counters of <paramref name="populations"/> populations' spike lists, their step ends
    /// for blocks of <paramref name="blockSteps"/> steps, and the count of synapses read by graded propagation.
    /// </summary>
    public DeviceSession(Network network, Accelerator acc, DeviceMemory memory, DeviceSums sums, int blockSteps, int populations)
    {
        Network = network;
        Accelerator = acc;
        Memory = memory;
        Sums = sums;
        BlockSteps = blockSteps;
        Counters = memory.Allocate<int>(2 * Math.Max(1, populations));
        Counters.MemSetToZero();
        StepEnds = memory.Allocate<int>(Math.Max(1, populations) * (long)blockSteps);
        GradedEvents = memory.Allocate<long>(1);
        GradedEvents.MemSetToZero();
        // A warp per spiking row (rows of tens to thousands of synapses), and as many groups as the
        // device runs at once: each group loops over the step's spikes, so no launch waits for the count.
        PushGroup = Math.Max(1, Math.Min(32, acc.MaxNumThreadsPerGroup));
        PushGroups = Math.Max(1, acc.MaxNumThreads / PushGroup);
    }

    public Network Network { get; }
    public double Dt => Network.Dt;
    public Accelerator Accelerator { get; }
    public DeviceMemory Memory { get; }
    public DeviceSums Sums { get; }

    /// <summary>Steps per block: spike lists and samples hold a block's worth.</summary>
    public int BlockSteps { get; }

    /// <summary>Threads per group and groups of the grouped kernels (a group per spiking row).</summary>
    public int PushGroup { get; }
    public int PushGroups { get; }

    /// <summary>Per population: its spike list's length, and where this step's spikes start in it (<see cref="DeviceKernels.MarkStep"/>).</summary>
    public MemoryBuffer1D<int, Stride1D.Dense> Counters { get; }

    /// <summary>Per population and step of the block: where the step's spikes end in its list.</summary>
    public MemoryBuffer1D<int, Stride1D.Dense> StepEnds { get; }

    /// <summary>Synapses read by graded propagation, as the kernel counts them on the device (added to a run's events at its end).</summary>
    public MemoryBuffer1D<long, Stride1D.Dense> GradedEvents { get; }

    /// <summary>The update batchers, one per model struct, flushed after every population's update was queued.</summary>
    public List<Batcher> UpdateBatches { get; } = [];
    /// <summary>The rule kernels' batchers after propagation, flushed after every rule was queued.</summary>
    public List<Batcher> RuleBatches { get; } = [];
    /// <summary>Rule kernels before propagation (tsodyks_markram's releases).</summary>
    public List<Batcher> BeforeBatches { get; } = [];

    public Batcher<TraceDecayLaunch> Decays { get; private set; } = null!;
    /// <summary>Normalisations due this step.</summary>
    public Batcher<NormalizeLaunch> NormalizeBatch { get; private set; } = null!;
    /// <summary>Column copies of plastic graded projections, after their normalisation.</summary>
    public Batcher<RefreshLaunch> RefreshBatch { get; private set; } = null!;

    public Action<Index1D, ArrayView<int>, ArrayView<int>, int, int> MarkStep { get; private set; } = null!;
    public Action<Index1D, ArrayView<int>, int, int, ArrayView<double>, double> SpikeTimesKernel { get; private set; } = null!;
    public Batcher<PoissonLaunch> PoissonBatch { get; private set; } = null!;
    public Action<Index1D, NoiseLaunch> NoiseKernel { get; private set; } = null!;
    public Action<Index1D, GradedLaunch> GradedKernel { get; private set; } = null!;
    public Batcher<ReduceLaunch> ReduceBatch { get; private set; } = null!;
    public Batcher<PushLaunch> PushBatch { get; private set; } = null!;
    public Action<Index1D, ArrayView<double>, ArrayView<int>, ArrayView<double>, int> GatherKernel { get; private set; } = null!;

    /// <summary>Loads the kernels every plastic projection shares: trace decays, normalisation, the column refresh.</summary>
    public void LoadPlasticityKernels()
    {
        var traceDecay = Accelerator.AutoKernel<Batch<TraceDecayLaunch>>(DeviceKernels.TraceDecay);
        Decays = new Batcher<TraceDecayLaunch>((neurons, b) => traceDecay(neurons, b));
        var normalize = Accelerator.AutoKernel<Batch<NormalizeLaunch>>(DeviceKernels.Normalize);
        NormalizeBatch = new Batcher<NormalizeLaunch>((neurons, b) => normalize(neurons, b));
        var refresh = Accelerator.AutoKernel<Batch<RefreshLaunch>>(DeviceKernels.RefreshColumns);
        RefreshBatch = new Batcher<RefreshLaunch>((synapses, b) => refresh(synapses, b), first: NormalizeBatch);
    }

    /// <summary>Loads the step's kernels of bookkeeping, input and propagation; the graded one only when <paramref name="graded"/>.</summary>
    public void LoadStepKernels(bool graded)
    {
        var acc = Accelerator;
        MarkStep = acc.AutoKernel<ArrayView<int>, ArrayView<int>, int, int>(DeviceKernels.MarkStep);
        SpikeTimesKernel = acc.AutoKernel<ArrayView<int>, int, int, ArrayView<double>, double>(DeviceKernels.SpikeTimes);
        var poissonKernel = acc.AutoKernel<Batch<PoissonLaunch>>(DeviceKernels.Poisson);
        PoissonBatch = new Batcher<PoissonLaunch>((drawn, b) => poissonKernel(drawn, b));
        NoiseKernel = acc.AutoKernel<NoiseLaunch>(DeviceKernels.Noise);
        // Compiled only where used: OpenCL cannot build it (see DeviceCapabilities).
        GradedKernel = graded ? Graded(acc) : (_, _) => { };
        var reduce = acc.AutoKernel<Batch<ReduceLaunch>>(DeviceKernels.Reduce);
        ReduceBatch = new Batcher<ReduceLaunch>((targets, b) => reduce(targets, b));
        var push = acc.GroupedKernel<Batch<PushLaunch>>(DeviceKernels.Push);
        // A group per spiking row, as many groups as run at once.
        PushBatch = new Batcher<PushLaunch>((rows, b) => push(new KernelConfig(Math.Max(1, Math.Min(rows, PushGroups)), PushGroup), b));
        GatherKernel = acc.AutoKernel<ArrayView<double>, ArrayView<int>, ArrayView<double>, int>(DeviceKernels.Gather);
    }

    /// <summary>The graded kernel with the FMA of the accelerator: PTX's own on CUDA (see <see cref="IFusedMultiplyAdd"/>).</summary>
    private static Action<Index1D, GradedLaunch> Graded(Accelerator acc)
    {
        if (acc is CudaAccelerator)
        {
            var k = acc.AutoKernel<GradedLaunch, PtxFma>(DeviceKernels.Graded);
            return (i, p) => k(i, p, default);
        }
        var m = acc.AutoKernel<GradedLaunch, ManagedFma>(DeviceKernels.Graded);
        return (i, p) => m(i, p, default);
    }

    /// <summary>A kernel loaded once per simulator under <paramref name="key"/>.</summary>
    public T Kernel<T>(object key, Func<T> load) where T : class
    {
        if (!_ruleKernels.TryGetValue(key, out var k)) _ruleKernels[key] = k = load();
        return (T)k;
    }
}
