using System.Diagnostics;
using ILGPU;
using ILGPU.Runtime;
using ILGPU.Runtime.Cuda;
using Spiking.Description;
using Spiking.Engine;
using Spiking.Models;
using Spiking.Plasticity;
using Spiking.Random;
using Spiking.Readouts;

namespace Spiking.Gpu;

/// <summary>
/// The time-stepped kernel on an ILGPU device (CUDA, OpenCL, or ILGPU's CPU accelerator for tests).
/// It runs a <see cref="Network"/> built on the host by the same builder as the CPU backend: the
/// connectivity is generated there and uploaded once, with the initial state. Each step is a fixed
/// sequence of kernel launches (see <see cref="DeviceKernels"/>) over state kept on the device in
/// double precision, like the CPU's; spikes are appended to a list per population on the device and
/// copied back once per block of steps, where the host replays the monitors in step order and sends
/// the recorder exactly what the CPU backend sends. With <see cref="DeviceSums.Deterministic"/> the
/// spikes equal the CPU backend's bit for bit (docs/gpu.md says why and what it costs).
/// Features the device does not run are refused when it is created (<see cref="DeviceUnsupportedException"/>).
/// </summary>
public sealed partial class DeviceSimulator : Runtime.ISimulation
{
    /// <summary>Spike ids the device may buffer per block, summed over populations (the block is shortened to fit the worst case).</summary>
    private const long RecordBudget = 1L << 25;
    /// <summary>Most steps per block: spikes are copied back at least this often.</summary>
    private const int MaxBlockSteps = 1000;

    private readonly Network _net;
    private readonly Context _context;
    private readonly Accelerator _acc;
    private readonly DeviceSums _sums;
    private readonly int _blockSteps;
    private readonly Pop[] _pops;
    private readonly Proj[] _projs;
    private readonly PoissonIn[] _poisson;
    private readonly TimesIn[] _times;
    private readonly CurrentIn[] _currents;
    private readonly NoiseIn[] _noise;
    private readonly SpikeMon[] _spikeMons;
    private readonly RateMon[] _rateMons;
    private readonly StateMon[] _stateMons;
    private readonly WeightMon[] _weightMons;
    private readonly Rule[] _stdp; // plastic projections, in projection order
    private readonly Dictionary<object, object> _ruleKernels = [];
    private readonly List<Batcher> _updateBatches = [];
    private readonly List<Batcher> _ruleBatches = [];
    private readonly List<Batcher> _beforeBatches = []; // rule kernels before propagation (tsodyks_markram's releases)
    private readonly ReadoutRuntime[] _readouts;
    // Readouts without feedback learn from blocks copied back (rate units' outputs kept per step on the
    // device); with feedback the host runs them inside each step.
    private readonly bool _blockReadoutsPossible; // every readout without feedback: they can learn from blocks
    private bool _blockReadouts;                  // ... and this run has no AfterUpdate hooks, which run after the readouts in each step
    private Action<long>[] _afterUpdate = [];
    private readonly ReadoutOutput[] _readoutOutputs;
    private readonly Pop[] _readoutPops, _feedbackPops;
    private readonly Pop[] _readoutSources, _readoutSync; // distinct: the readouts' populations; those and the fed-back ones
    private readonly TimedTimesIn[] _timedTimes = []; // spike-time inputs onto precise populations
    private Pop[] _inferred = []; // binary populations with an inference hook (set at each run's start)
    private readonly int[] _hostStep = new int[2];
    private IRecorder? _recorder;
    private readonly Batcher<TraceDecayLaunch> _decays;
    private readonly Batcher<NormalizeLaunch> _normalizeBatch; // normalisations due this step
    private readonly Batcher<RefreshLaunch> _refreshBatch;     // column copies of plastic graded projections, after their normalisation
    private readonly MemoryBuffer1D<int, Stride1D.Dense> _counters, _stepEnds;
    private readonly int[] _hostCounters, _hostStepEnds;
    private readonly MemoryBuffer1D<double, Stride1D.Dense> _dummy;
    private readonly MemoryBuffer1D<int, Stride1D.Dense> _dummyInt;
    private readonly MemoryBuffer1D<ushort, Stride1D.Dense> _dummyDelay;
    private readonly long[] _spikeTotals;
    private readonly Action<Index1D, ArrayView<int>, ArrayView<int>, int, int> _markStep;
    private readonly Action<Index1D, ArrayView<int>, int, int, ArrayView<double>, double> _spikeTimesKernel;
    private readonly Batcher<PoissonLaunch> _poissonBatch;
    private readonly PoissonIn[] _poissonInBatch = new PoissonIn[Batch<PoissonLaunch>.Capacity];
    private readonly Action<Index1D, NoiseLaunch> _noiseKernel;
    private readonly Action<Index1D, GradedLaunch> _gradedKernel;
    private readonly MemoryBuffer1D<long, Stride1D.Dense> _gradedEvents;
    private readonly long[] _hostGradedEvents = new long[1];
    private readonly long _gradedStepEvents; // synapses read per step by undelayed projections from rate units
    private readonly Batcher<ReduceLaunch> _reduceBatch;
    private readonly Batcher<PushLaunch> _pushBatch;
    private readonly Action<Index1D, ArrayView<double>, ArrayView<int>, ArrayView<double>, int> _gatherKernel;
    private readonly int _pushGroup, _pushGroups;
    private readonly int[] _sampleAt = [];   // replay: per state monitor, the next sample of the block
    private long _step;
    private long _deviceBytes;
    private readonly long _memoryLimit;
    private long _events;

    /// <summary>
    /// Uploads <paramref name="network"/> to a device of kind <paramref name="backend"/> (not
    /// <see cref="DeviceBackend.Cpu"/>; <see cref="DeviceBackend.Auto"/> takes CUDA and fails without it).
    /// Throws <see cref="DeviceUnsupportedException"/> naming every feature of the network the device
    /// does not run, or when no such device is present.
    /// </summary>
    public DeviceSimulator(Network network, DeviceBackend backend, DeviceSums sums = DeviceSums.Deterministic)
        : this(network, backend, sums, MaxBlockSteps)
    {
    }

    /// <summary>
    /// As the public constructor, with blocks of at most <paramref name="maxBlockSteps"/> steps (tests use
    /// short blocks) and, when <paramref name="memoryLimit"/> &gt; 0, that many bytes of device memory
    /// instead of the device's own (tests of the refusal).
    /// </summary>
    internal DeviceSimulator(Network network, DeviceBackend backend, DeviceSums sums, int maxBlockSteps, long memoryLimit = 0)
    {
        var problems = Unsupported(network, backend);
        if (problems.Count > 0)
            throw new DeviceUnsupportedException("the device backend does not run: " + string.Join("; ", problems));
        if (backend == DeviceBackend.Auto) backend = DeviceBackend.Cuda;
        _net = network;
        _sums = sums;
        Backend = backend;
        var clock = Stopwatch.StartNew();
        (_context, _acc) = DeviceBackends.Open(backend);
        _memoryLimit = memoryLimit > 0 ? memoryLimit : _acc.MemorySize;
        try
        {
            var spec = network.Spec;
            double dt = network.Dt;
            // Room per step for every neuron's spike, and for the outputs of rate units that readouts learn from in blocks.
            bool blockReadouts = spec.Readouts.Count > 0 && spec.Readouts.All(r => r.Feedback is null);
            long readoutUnits = blockReadouts ? spec.Readouts.Select(r => r.Population).Distinct()
                .Select(name => network.Population(name)).Where(p => p.Group.Output is not null).Sum(p => (long)p.Size) : 0;
            long total = Math.Max(1, network.Populations.Sum(p => (long)p.Size) + readoutUnits);
            _blockSteps = (int)Math.Clamp(RecordBudget / total, 1, Math.Max(1, maxBlockSteps));
            _dummy = Allocate<double>(1);
            _dummyInt = Allocate<int>(1);
            _dummyDelay = Allocate<ushort>(1);
            _counters = Allocate<int>(2 * Math.Max(1, network.Populations.Count));
            _counters.MemSetToZero();
            _stepEnds = Allocate<int>(Math.Max(1, network.Populations.Count) * (long)_blockSteps);
            _hostCounters = new int[2 * Math.Max(1, network.Populations.Count)];
            _hostStepEnds = new int[Math.Max(1, network.Populations.Count) * _blockSteps];
            _spikeTotals = new long[network.Populations.Count];
            _gradedEvents = Allocate<long>(1);
            _gradedEvents.MemSetToZero();

            bool[] hasCurrent = network.Populations.Select(p => spec.Inputs.Any(x => (x is CurrentInputSpec or SeriesInputSpec or NoiseInputSpec) && x.Target == p.Spec.Name)).ToArray();
            bool[] hasNoise = network.Populations.Select(p => spec.Inputs.Any(x => x is NoiseInputSpec && x.Target == p.Spec.Name)).ToArray();
            _pops = network.Populations.Select(p => new Pop(this, p, hasCurrent[p.Index], hasNoise[p.Index])).ToArray();
            long keyBase = 0;
            _projs = new Proj[network.Projections.Count];
            for (int k = 0; k < _projs.Length; k++)
            {
                _projs[k] = new Proj(this, network.Projections[k], keyBase);
                keyBase += network.Projections[k].Synapses.Count;
                if (_projs[k].Graded && !_projs[k].HasDelays) _gradedStepEvents += network.Projections[k].Synapses.Count;
            }
            if (sums == DeviceSums.Deterministic)
                foreach (var p in _pops) p.CreateBucket(this, _projs);
            var traceDecay = _acc.AutoKernel<Batch<TraceDecayLaunch>>(DeviceKernels.TraceDecay);
            _decays = new Batcher<TraceDecayLaunch>((neurons, b) => traceDecay(neurons, b));
            var normalize = _acc.AutoKernel<Batch<NormalizeLaunch>>(DeviceKernels.Normalize);
            _normalizeBatch = new Batcher<NormalizeLaunch>((neurons, b) => normalize(neurons, b));
            var refresh = _acc.AutoKernel<Batch<RefreshLaunch>>(DeviceKernels.RefreshColumns);
            _refreshBatch = new Batcher<RefreshLaunch>((synapses, b) => refresh(synapses, b), first: _normalizeBatch);
            _pushGroup = Math.Max(1, Math.Min(32, _acc.MaxNumThreadsPerGroup));
            _pushGroups = Math.Max(1, _acc.MaxNumThreads / _pushGroup);
            // A warp per spiking row (rows of tens to thousands of synapses), and as many groups as the
            // device runs at once: each group loops over the step's spikes, so no launch waits for the count.
            _stdp = _projs.Select(p => Rule.Create(this, p)).OfType<Rule>().ToArray();

            var poisson = new List<PoissonIn>(); var times = new List<TimesIn>(); var timedTimes = new List<TimedTimesIn>(); var currents = new List<CurrentIn>(); var noise = new List<NoiseIn>();
            long seriesSteps = (long)Math.Round(spec.Simulation.Duration / dt) + 1;
            for (int k = 0; k < spec.Inputs.Count; k++)
            {
                var input = spec.Inputs[k];
                var target = _pops[Network.IndexOf(spec, input.Target)];
                int Receptor(string name) => Enumerable.Range(0, target.Host.Model.Receptors.Count).First(r => target.Host.Model.Receptors[r].Name == name);
                int[]? neurons = input.Neurons?.ToArray();
                switch (input)
                {
                    case PoissonInputSpec pi:
                        poisson.Add(new PoissonIn(this, k, target, Receptor(pi.Receptor), pi.Rate * pi.Count * dt * 1e-3, pi.Weight, neurons));
                        break;
                    case SpikeTimesInputSpec st when target.Host.TimedSlots is not null:
                        timedTimes.Add(new TimedTimesIn(this, k, target, Simulator.TimedSpikeTimes(target.Host, Receptor(st.Receptor), st, dt)));
                        break;
                    case SpikeTimesInputSpec st:
                        {
                            int shift = target.Host.Model.Receptors[Receptor(st.Receptor)].ActsAtStepEnd ? 1 : 0;
                            var order = Enumerable.Range(0, st.SpikeTimes.Count)
                                .Select(m => (Step: (long)Math.Round(st.SpikeTimes[m] / dt) - shift, Neuron: st.SpikeNeurons[m]))
                                .OrderBy(e => e.Step).ThenBy(e => e.Neuron).ToArray();
                            times.Add(new TimesIn(this, target, Receptor(st.Receptor), st.Weight, order.Select(e => e.Step).ToArray(), order.Select(e => e.Neuron).ToArray()));
                            break;
                        }
                    case NoiseInputSpec ni:
                        noise.Add(new NoiseIn(this, k, target, ni.Mean, ni.StandardDeviation, neurons));
                        break;
                    case CurrentInputSpec ci:
                        currents.Add(new CurrentIn(target, ci.Times.Select(t => (long)Math.Round(t / dt)).ToArray(), ci.Amplitudes.ToArray(), neurons));
                        break;
                    case SeriesInputSpec si:
                        {
                            int sk = Enumerable.Range(0, spec.Series.Count).First(s => spec.Series[s].Name == si.Series);
                            var values = Tasks.SeriesGenerators.Generate(spec.Series[sk], seriesSteps, dt, spec.Simulation.Seed, sk)[si.Channel];
                            currents.Add(new CurrentIn(target, Enumerable.Range(0, values.Length).Select(s => (long)s).ToArray(), values, neurons));
                            break;
                        }
                }
            }
            _poisson = poisson.ToArray(); _times = times.ToArray(); _timedTimes = timedTimes.ToArray(); _currents = currents.ToArray(); _noise = noise.ToArray();
            // A population's only Poisson input, for all its neurons, is drawn by its update kernel: one launch
            // fewer a step. Nothing else adds into its input between the inputs and the update then (spike-time
            // inputs would, so they keep it separate), so the sums are the same.
            foreach (var p in _pops)
            {
                var onto = _poisson.Where(x => x.Target == p).ToArray();
                if (onto.Length == 1 && onto[0].Whole && p.Precise is null && !_times.Any(t => t.Target == p))
                    p.FusedPoisson = onto[0];
            }
            foreach (var p in _pops)
                if (p.Precise is not null) p.CreateTimedLists(this, _projs, _timedTimes.Where(t => t.Target == p).Select(t => t.Table));

            var sm = new List<SpikeMon>(); var rm = new List<RateMon>(); var stm = new List<StateMon>(); var wm = new List<WeightMon>();
            for (int k = 0; k < spec.Monitors.Count; k++)
            {
                var m = spec.Monitors[k];
                if (m is WeightMonitorSpec w)
                {
                    var proj = network.Projections.First(p => p.Spec.Name == w.Projection);
                    wm.Add(new WeightMon(k, proj, w.Times.Select(t => (long)Math.Round(t / dt)).ToArray(), _stdp.FirstOrDefault(x => x.Proj.Host == proj)));
                    continue;
                }
                var pop = _pops[Network.IndexOf(spec, m.Population)];
                bool[]? mask = null;
                if (m.Neurons is { } list)
                {
                    mask = new bool[pop.Size];
                    foreach (var i in list) mask[i] = true;
                }
                switch (m)
                {
                    case SpikeMonitorSpec:
                        sm.Add(new SpikeMon(k, pop, mask));
                        break;
                    case RateMonitorSpec r:
                        rm.Add(new RateMon(k, pop, mask, m.Neurons?.Distinct().Count() ?? pop.Size, Math.Max(1, (long)Math.Round(r.Bin / dt))));
                        break;
                    case StateMonitorSpec s:
                        stm.Add(new StateMon(this, k, pop, s.Variables.ToArray(), (m.Neurons ?? Enumerable.Range(0, pop.Size).ToArray()).ToArray(),
                            Math.Max(1, (long)Math.Round(s.Interval / dt))));
                        break;
                }
            }
            _spikeMons = sm.ToArray(); _rateMons = rm.ToArray(); _stateMons = stm.ToArray(); _weightMons = wm.ToArray();

            // Readouts train on the host, as on the CPU, from the state copied off the device after each step's update.
            _readouts = new ReadoutRuntime[spec.Readouts.Count];
            _readoutPops = new Pop[spec.Readouts.Count];
            _feedbackPops = spec.Readouts.Where(r => r.Feedback is not null).Select(r => _pops[Network.IndexOf(spec, r.Feedback!)]).Distinct().ToArray();
            _blockReadoutsPossible = _blockReadouts = blockReadouts;
            _readoutOutputs = blockReadouts
                ? _readoutPops.Length == 0 ? [] : spec.Readouts.Select(r => _pops[Network.IndexOf(spec, r.Population)]).Distinct()
                    .Where(p => p.OutputVar >= 0).Select(p => new ReadoutOutput(this, p)).ToArray()
                : [];
            for (int k = 0; k < spec.Readouts.Count; k++)
            {
                var r = spec.Readouts[k];
                int sk = Enumerable.Range(0, spec.Series.Count).First(s => spec.Series[s].Name == r.Target);
                var target = Tasks.SeriesGenerators.Generate(spec.Series[sk], seriesSteps, dt, spec.Simulation.Seed, sk)[r.Channel];
                _readouts[k] = new ReadoutRuntime(r, k, network, target);
                _readoutPops[k] = _pops[Network.IndexOf(spec, r.Population)];
            }
            _readoutSources = _readoutPops.Distinct().ToArray();
            _readoutSync = _readoutSources.Concat(_feedbackPops).Distinct().ToArray();
            _sampleAt = new int[_stateMons.Length];

            _markStep = _acc.AutoKernel<ArrayView<int>, ArrayView<int>, int, int>(DeviceKernels.MarkStep);
            _spikeTimesKernel = _acc.AutoKernel<ArrayView<int>, int, int, ArrayView<double>, double>(DeviceKernels.SpikeTimes);
            var poissonKernel = _acc.AutoKernel<Batch<PoissonLaunch>>(DeviceKernels.Poisson);
            _poissonBatch = new Batcher<PoissonLaunch>((drawn, b) => poissonKernel(drawn, b));
            _noiseKernel = _acc.AutoKernel<NoiseLaunch>(DeviceKernels.Noise);
            // Compiled only where used: OpenCL cannot build it (see Unsupported).
            _gradedKernel = _projs.Any(p => p.Graded) ? Graded(_acc) : (_, _) => { };
            var reduce = _acc.AutoKernel<Batch<ReduceLaunch>>(DeviceKernels.Reduce);
            _reduceBatch = new Batcher<ReduceLaunch>((targets, b) => reduce(targets, b));
            var push = _acc.GroupedKernel<Batch<PushLaunch>>(DeviceKernels.Push);
            // A group per spiking row, as many groups as run at once.
            _pushBatch = new Batcher<PushLaunch>((rows, b) => push(new KernelConfig(Math.Max(1, Math.Min(rows, _pushGroups)), _pushGroup), b));
            _gatherKernel = _acc.AutoKernel<ArrayView<double>, ArrayView<int>, ArrayView<double>, int>(DeviceKernels.Gather);
            _acc.Synchronize();
        }
        catch
        {
            DisposeDevice();
            throw;
        }
        UploadSeconds = clock.Elapsed.TotalSeconds;
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

    /// <summary>The trained readouts of the spec, in order (their weights change while they learn), as <see cref="Simulator.Readouts"/>.</summary>
    public IReadOnlyList<LinearReadout> Readouts => _readouts.Select(r => r.Readout).ToArray();

    /// <summary>
    /// Calls <paramref name="hook"/> in every step after the neuron update (and the readouts) and before
    /// propagation, with the step number, as <see cref="Simulator.AfterUpdate"/>: the host populations hold
    /// the step's rate outputs and sorted spikes, and what the hook writes into rate outputs
    /// (<see cref="Models.NeuronGroup.Output"/>) is propagated in that same step. A wait for the device
    /// per step while any hook is set.
    /// </summary>
    public void AfterUpdate(Action<long> hook) => _afterUpdate = [.. _afterUpdate, hook];

    /// <summary>
    /// Runs the stochastic binary units of <paramref name="population"/> inferred from the next run on
    /// (null: free running again), as <see cref="Simulator.SetInference"/>; the hook runs on the host.
    /// </summary>
    public void SetInference(string population, Models.IGatedInference? inference) => _net.SetInference(population, inference);

    /// <summary>Simulated time reached (ms).</summary>
    public double Time => _step * _net.Dt;

    /// <summary>The device kind this simulator runs on.</summary>
    public DeviceBackend Backend { get; }

    /// <summary>How synaptic input is summed.</summary>
    public DeviceSums Sums => _sums;

    /// <summary>The accelerator's name, as ILGPU reports it.</summary>
    public string DeviceName => _acc.Name;

    /// <summary>
    /// Wall seconds to open the device, upload state and synapses (and, for deterministic sums, build the
    /// per-target copy of each table on the host) and compile the kernels; the network's own build time
    /// is <see cref="Network.BuildSeconds"/>.
    /// </summary>
    public double UploadSeconds { get; }

    /// <summary>Device memory the simulator allocated (bytes): tables, state, rings, staging areas, spike and sample buffers.</summary>
    public long DeviceBytes => _deviceBytes;

    /// <summary>Steps per block: spikes and samples are copied back from the device once per block.</summary>
    public int BlockSteps => _blockSteps;

    /// <summary>The network being run. Its host state arrays are brought up to date after each run.</summary>
    public Network Network => _net;

    /// <summary>Steps done so far (runs continue where the last one stopped).</summary>
    public long CurrentStep => _step;

    /// <summary>
    /// The learning rule state of the projection named <paramref name="projection"/> (null when it is
    /// static), as the CPU's <see cref="Simulator.Plasticity"/>: the host rule, whose weights and traces
    /// are copied back from the device after each run.
    /// </summary>
    public PlasticityRuntime? Plasticity(string projection)
        => _net.Projections.FirstOrDefault(p => p.Spec.Name == projection) is { } p
            ? p.Plasticity
            : throw new ArgumentException($"no projection named '{projection}'", nameof(projection));

    /// <summary>
    /// Why the device cannot run <paramref name="network"/>: one line per feature and where it is used;
    /// empty when it can.
    /// </summary>
    public static IReadOnlyList<string> Unsupported(Network network) => Unsupported(network, DeviceBackend.Cuda);

    /// <summary>
    /// As <see cref="Unsupported(Network)"/>, for one backend: on OpenCL also projections from rate units,
    /// whose graded sums take a fused multiply-add that ILGPU 1.5.3 writes as a call to an undefined
    /// function in OpenCL C (found by compiling the kernels with ILGPU's OpenCL backend; no OpenCL 2.0
    /// device was at hand to run them).
    /// </summary>
    internal static IReadOnlyList<string> Unsupported(Network network, DeviceBackend backend)
    {
        var spec = network.Spec;
        var problems = new List<string>();
        if (spec.Simulation.Mode == SimulationMode.Event) problems.Add("event-driven mode (--mode event)");
        foreach (var p in network.Populations)
        {
            // A model written as a kernel struct (IKernelGroup) runs here with no code of its own.
            if (p.Group is not (LifCubaGroup or LifDeltaGroup or LifCobaGroup or IzhikevichGroup or IKernelGroup
                     or RateEsnGroup or RateTanhGroup or RateDiscreteGroup or RateInputGroup or SpikeSourceGroup or PoissonSourceGroup or BinarySigmoidGroup or BinaryGatedGroup))
                problems.Add($"model '{p.Model.Name}' (population '{p.Spec.Name}'): the device runs lif_cuba, lif_delta, lif_coba, izhikevich, rate_esn, rate_tanh, rate_discrete, rate_input, spike_source, poisson_source, binary_sigmoid, binary_gated and every model written as a kernel struct (INeuronKernel)");
        }
        foreach (var pr in network.Projections)
        {
            if (pr.Plasticity is { } rule)
            {
                if (rule is not (PairStdpRuntime or TripletStdpRuntime or InhibitoryStdpRuntime or RewardModulatedStdpRuntime or HebbianRule.Runtime or OjaRule.Runtime or BcmRuntime or ShortTermPlasticityRuntime or BgRnnRuntime))
                    problems.Add($"plasticity (projection '{pr.Spec.Name}', rule '{pr.Spec.Plasticity!.Rule}'): the device runs 'stdp', 'triplet_stdp', 'inhibitory_stdp', 'reward_stdp', 'hebbian', 'oja', 'bcm', 'tsodyks_markram' and 'bgrnn'");
                // bgrnn's own checks (rate presynaptic units, binary post units) hold for every backend
                else if (rule is not BgRnnRuntime && (rule.RateMode != rule is RateRuleRuntime && rule is not PairStdpRuntime || (rule.RateMode && pr.Post.Group.Output is null)))
                    problems.Add($"plasticity {(rule.RateMode ? "between rate units" : "between spiking neurons")} (projection '{pr.Spec.Name}', rule '{pr.Spec.Plasticity!.Rule}')");
            }
            if (pr.Synapses.Count > int.MaxValue) problems.Add($"more than 2^31 synapses in one projection (projection '{pr.Spec.Name}')");
            if (pr.Timed && pr.Index >= 2048) problems.Add($"a projection onto a population with precise spike times after the first 2,048 projections (projection '{pr.Spec.Name}')");
            if (backend == DeviceBackend.OpenCL && pr.Pre.Group.Output is not null)
                problems.Add($"a projection from rate units on OpenCL (projection '{pr.Spec.Name}'; use --backend cuda or cpu)");
        }
        for (int k = 2048; k < spec.Inputs.Count; k++)
            if (spec.Inputs[k] is SpikeTimesInputSpec st && network.Population(st.Target).TimedSlots is not null)
                problems.Add($"a spike-time input onto a population with precise spike times after the first 2,048 inputs (input '{st.Name}')");
        return problems;
    }

    /// <summary>
    /// Simulates <paramref name="duration"/> ms (the spec's duration when null), sending what the
    /// monitors record to <paramref name="recorder"/>, in the order and with the values the CPU backend sends.
    /// </summary>
    public RunResult Run(double? duration = null, IRecorder? recorder = null, IProgress<RunProgress>? progress = null, CancellationToken cancel = default)
    {
        double dt = _net.Dt;
        double total = duration ?? _net.Spec.Simulation.Duration;
        long steps = (long)Math.Round(total / dt);
        long first = _step;
        Array.Clear(_spikeTotals);
        _events = 0;
        foreach (var r in _rateMons) { r.Count = 0; r.BinStart = first; }
        // What the program changed on the host between runs: weights set on plastic projections, currents injected.
        foreach (var x in _stdp) x.UploadChanges(this);
        foreach (var p in _pops) p.UploadInjected();
        // A hook set or removed between runs changes what the binary units' update does.
        foreach (var p in _pops) p.FollowInference(this);
        _inferred = _pops.Where(p => p.Inferred).ToArray();
        _blockReadouts = _blockReadoutsPossible && _afterUpdate.Length == 0;
        recorder?.Begin(_net);
        _recorder = recorder;
        var clock = Stopwatch.StartNew();
        long tDevice = 0, tRecord = 0;
        long launches0 = KernelLoader.LaunchCount(_acc);
        long end = first + steps, queued = first;
        // Overlap: while the device runs block b + 1, the host sorts and records block b. The host copies
        // a block's spikes and samples off the device once it is done, then queues the next block, then
        // replays the copy. Snapshots of plastic weights are copied off the device at a block's start and
        // recorded in that block's replay, so with them each block is replayed before the next is queued.
        bool overlap = !_weightMons.Any(w => w.Plastic is not null);
        cancel.ThrowIfCancellationRequested();
        long tq = Stopwatch.GetTimestamp();
        int current = Queue(ref queued, end);
        tDevice += Stopwatch.GetTimestamp() - tq;
        long currentStart = first;
        bool cancelled = false;
        while (current > 0)
        {
            long t0 = Stopwatch.GetTimestamp();
            _acc.Synchronize();
            long t1 = Stopwatch.GetTimestamp();
            CopyBlock(current);
            long t2 = Stopwatch.GetTimestamp();
            long nextStart = queued;
            // A cancelled run stops queueing, and ends once what is queued has been replayed: the device's
            // state then matches the steps counted, and a later run continues from there.
            cancelled |= cancel.IsCancellationRequested;
            int next = overlap && !cancelled ? Queue(ref queued, end) : 0;
            long t3 = Stopwatch.GetTimestamp();
            ReplayBlock(currentStart, current, recorder);
            _step = currentStart + current;
            long t4 = Stopwatch.GetTimestamp();
            cancelled |= cancel.IsCancellationRequested;
            if (!overlap && !cancelled) next = Queue(ref queued, end);
            long t5 = Stopwatch.GetTimestamp();
            // device: waiting for it and queueing its launches; recording: copying back and replaying
            tDevice += (t1 - t0) + (t3 - t2) + (t5 - t4);
            tRecord += (t2 - t1) + (t4 - t3);
            progress?.Report(new RunProgress((_step - first) * dt, steps * dt, clock.Elapsed.TotalSeconds));
            current = next;
            currentStart = nextStart;
        }
        if (cancelled)
        {
            DownloadState();
            _recorder = null;
            throw new OperationCanceledException(cancel);
        }
        foreach (var w in _weightMons)
        {
            if (w.Plastic is not null && w.NextDue(_step) == _step) w.Plastic.DownloadWeights(w.Buffer);
            RecordWeights(w, _step, recorder);
        }
        foreach (var r in _rateMons)
            if (_step > r.BinStart) FlushRate(r, _step, recorder);
        _gradedEvents.View.CopyToCPU(_hostGradedEvents);
        _gradedEvents.MemSetToZero();
        _events += _hostGradedEvents[0];
        DownloadState();
        bool complete = _step >= (long)Math.Round(_net.Spec.Simulation.Duration / dt);
        foreach (var r in _readouts) r.Finish(recorder, complete);
        _recorder = null;
        double wall = clock.Elapsed.TotalSeconds;
        progress?.Report(new RunProgress(steps * dt, steps * dt, wall));
        double tick = 1.0 / Stopwatch.Frequency;
        var result = new RunResult(steps, first * dt, steps * dt, wall, _spikeTotals.ToArray(), _events, 1)
        {
            // The device runs inputs, update and propagation as one queue of launches: the host's time
            // queueing them and waiting for them is reported as the update's; recording is the copy
            // back and the replay of each block, which overlaps the next block's run on a GPU.
            Profile = new RunProfile(0, tDevice * tick, 0, tRecord * tick),
            KernelLaunches = KernelLoader.LaunchCount(_acc) - launches0,
            Readouts = _readouts.Select(r => r.Score()).ToArray(),
        };
        recorder?.End(result);
        return result;
    }

    /// <summary>
    /// Queues the next block from step <paramref name="queued"/> (at most <see cref="BlockSteps"/>, ending
    /// where a snapshot of a plastic projection is due, whose weights it first copies off the device);
    /// returns its length, 0 at <paramref name="end"/>.
    /// </summary>
    private int Queue(ref long queued, long end)
    {
        if (queued >= end) return 0;
        int block = (int)Math.Min(_blockSteps, end - queued);
        foreach (var w in _weightMons)
        {
            if (w.Plastic is null) continue;
            long due = w.NextDue(queued + 1);
            if (due >= 0 && due - queued < block) block = (int)(due - queued);
            if (w.NextDue(queued) == queued) w.Plastic.DownloadWeights(w.Buffer);
        }
        for (int k = 0; k < block; k++) EnqueueStep(queued + k, k);
        queued += block;
        return block;
    }

    /// <summary>Queues the launches of step n, the k-th of its block (the order of the CPU kernel's StepOnce).</summary>
    private void EnqueueStep(long n, int k)
    {
        foreach (var s in _stateMons)
            if (n % s.IntervalSteps == 0) s.Sample(this);
        foreach (var st in _times) st.Enqueue(this, n);
        foreach (var st in _timedTimes) st.Enqueue(this, n);
        // Poisson inputs onto different targets commute: batched, flushed before an input onto a target already in the batch.
        foreach (var pi in _poisson)
        {
            if (pi.Target.FusedPoisson == pi || !pi.Launch(this, n, out var launch)) continue;
            for (int b = 0; b < _poissonBatch.Count; b++)
                if (_poissonInBatch[b].SameTarget(pi)) { _poissonBatch.Flush(); break; }
            _poissonInBatch[_poissonBatch.Count] = pi;
            _poissonBatch.Add(launch, launch.Count);
        }
        _poissonBatch.Flush();
        if (_currents.Length > 0) ApplyCurrents(n);
        if (_noise.Length > 0) ApplyNoise(n);
        foreach (var p in _pops)
        {
            if (p.Size == 0) continue;
            var output = new SpikeOutput { Counters = _counters.View, Records = p.Records.View, Population = p.Index };
            if (p.Precise is { } precise) precise.Queue(p, n, output);
            else
            {
                PoissonLaunch poisson = default;
                bool fused = p.FusedPoisson is { } f && f.Launch(this, n, out poisson);
                p.Updater!.Queue(p.Size, p.State(n), output, fused ? 1 : 0, poisson);
            }
        }
        foreach (var b in _updateBatches) b.Flush();
        _markStep(_pops.Length, _counters.View, _stepEnds.View, _blockSteps, k);
        // Inference hooks run on the host, as on the CPU (one thread, after the update, before anything reads the outputs): a wait per step.
        if (_inferred.Length > 0)
        {
            _acc.Synchronize();
            foreach (var p in _inferred) p.Infer(n);
        }
        if (_blockReadouts)
            foreach (var o in _readoutOutputs) o.Keep(k);
        else if (_readouts.Length > 0) RunReadouts(n);
        if (_afterUpdate.Length > 0) RunHooks(n);
        foreach (var x in _stdp) x.EnqueueBefore(this, n);
        foreach (var b in _beforeBatches) b.Flush();
        // Spiking projections go in batches of up to eight per launch, in projection order.
        foreach (var proj in _projs)
        {
            if (proj.Timed)
            {
                proj.EnqueueTimed(this, n);
                continue;
            }
            if (!proj.Graded)
            {
                if (proj.Launch(this, n, out var launch)) _pushBatch.Add(launch, proj.Pre.Size);
                continue;
            }
            _pushBatch.Flush();
            // Deterministic sums: the staged spikes of the projections before this one onto its post
            // population are added first, so each target sums projection by projection, as on the CPU.
            if (_sums == DeviceSums.Deterministic) proj.Post.Reduce(this);
            proj.EnqueueGraded(this, n);
        }
        _pushBatch.Flush();
        if (_sums == DeviceSums.Deterministic)
        {
            foreach (var p in _pops)
                if (p.ReduceLaunch(this, out var launch)) _reduceBatch.Add(launch, launch.Size);
            _reduceBatch.Flush();
        }
        // Every plastic projection's traces decay first, in batches (the projections' traces and weights
        // are their own, so this reorders nothing that interacts), then each projection's rule in order.
        foreach (var x in _stdp)
        {
            x.BeginStep();
            x.QueueDecays(_decays);
        }
        _decays.Flush();
        foreach (var x in _stdp) x.Enqueue(this);
        foreach (var b in _ruleBatches) b.Flush();
        foreach (var x in _stdp) x.Finish(this, n);
        _refreshBatch.Flush();
        _normalizeBatch.Flush();
    }

    /// <summary>
    /// The readouts of step n, between the update and propagation as on the CPU: the host waits for the
    /// device, copies each readout population's outputs (rate units) or this step's spikes into the host
    /// population, lets the readouts learn and predict, and uploads a fed-back output (FORCE, generative
    /// mode) into its rate_input unit before propagation reads it. A wait per step: readouts cost the
    /// device backend its queue ahead.
    /// </summary>
    private void RunReadouts(long n)
    {
        _acc.Synchronize();
        // The fed-back units too: a readout that does not write its output this step leaves the update's value there.
        CopyStepToHost(_readoutSync);
        foreach (var r in _readouts) r.AfterUpdate(n, _recorder);
        foreach (var f in _feedbackPops)
            Part(f.Vars[f.OutputVar], 0, 1).CopyFromCPU(f.Host.Group.Output.AsSpan(0, 1));
    }

    /// <summary>
    /// The hooks of <see cref="AfterUpdate"/> in step n, after the readouts as on the CPU: the host waits,
    /// copies every population's outputs (rate units) or this step's sorted spikes into the host
    /// populations, calls the hooks, and uploads the rate units' outputs, which propagation then reads.
    /// </summary>
    private void RunHooks(long n)
    {
        _acc.Synchronize();
        CopyStepToHost(_pops);
        foreach (var hook in _afterUpdate) hook(n);
        foreach (var p in _pops)
            if (p.OutputVar >= 0 && p.Size > 0) Part(p.Vars[p.OutputVar], 0, p.Size).CopyFromCPU(p.Host.Group.Output.AsSpan(0, p.Size));
    }

    /// <summary>After a synchronisation: the outputs (rate units) or this step's sorted spikes of <paramref name="pops"/> into their host populations.</summary>
    private void CopyStepToHost(Pop[] pops)
    {
        foreach (var p in pops)
        {
            var host = p.Host;
            if (p.OutputVar >= 0)
            {
                Part(p.Vars[p.OutputVar], 0, p.Size).CopyToCPU(host.Group.Output.AsSpan(0, p.Size));
                continue;
            }
            Part(_counters, 2 * p.Index, 2).CopyToCPU(_hostStep);
            int end = _hostStep[0], start = _hostStep[1];
            var spikes = host.SpikeBuffer.AsSpan(0, end - start);
            if (end > start) Part(p.Records, start, end - start).CopyToCPU(spikes);
            spikes.Sort();
            host.SpikeCount = end - start;
        }
    }

    /// <summary>
    /// The readouts of step n (the k-th of the copied block) during replay, as <see cref="RunReadouts"/>
    /// inside the step: the rate units' outputs kept for that step, or the step's sorted spikes, go into
    /// the host populations, then the readouts learn and predict.
    /// </summary>
    private void ReplayReadouts(long n, int k, IRecorder? recorder)
    {
        foreach (var o in _readoutOutputs) o.Restore(k);
        foreach (var p in _readoutSources)
        {
            if (p.OutputVar >= 0) continue;
            p.HostRecords.AsSpan(p.StepFrom, p.StepCount).CopyTo(p.Host.SpikeBuffer);
            p.Host.SpikeCount = p.StepCount;
        }
        foreach (var r in _readouts) r.AfterUpdate(n, recorder);
    }

    /// <summary>A rate population a readout learns from in blocks: its outputs after each step's update, kept on the device for the block.</summary>
    private sealed class ReadoutOutput
    {
        private readonly Pop _pop;
        private readonly MemoryBuffer1D<double, Stride1D.Dense> _kept;
        private readonly double[] _host;

        public ReadoutOutput(DeviceSimulator sim, Pop pop)
        {
            _pop = pop;
            _kept = sim.Allocate<double>((long)pop.Size * sim._blockSteps);
            _host = new double[(long)pop.Size * sim._blockSteps];
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

    /// <summary>Piecewise-constant currents: the host sums the amplitudes in force (as the CPU does) and uploads a population's current only when it changed.</summary>
    private void ApplyCurrents(long n)
    {
        foreach (var p in _pops)
        {
            bool changed = false;
            foreach (var c in _currents)
                if (c.Target == p) changed |= c.Advance(n);
            if (!changed) continue;
            var current = p.HostCurrent;
            // With noise, the current inputs' sum is the base the noise kernels start from each step.
            var into = p.NoiseBase ?? p.Iext;
            Array.Clear(current);
            foreach (var c in _currents)
            {
                if (c.Target != p) continue;
                double a = c.Current;
                if (c.Neurons is null) for (int i = 0; i < current.Length; i++) current[i] += a;
                else foreach (var i in c.Neurons) current[i] += a;
            }
            into.View.CopyFromCPU(current);
        }
    }

    /// <summary>
    /// Noise currents of step n, as the CPU's ApplyNoise: each population with noise starts from the
    /// current of its current inputs, then each noise input, in input order, adds its draw per neuron.
    /// </summary>
    private void ApplyNoise(long n)
    {
        foreach (var p in _pops)
            if (p.NoiseBase is { } b) b.View.CopyTo(p.Iext.View);
        foreach (var z in _noise) z.Enqueue(this, n);
    }

    /// <summary>
    /// Copies a finished block's spikes, step ends and state samples into the host arrays and clears the
    /// device's counters, so the next block can be queued before this one is replayed.
    /// </summary>
    private void CopyBlock(int block)
    {
        if (_blockReadouts)
            foreach (var o in _readoutOutputs) o.CopyBack(block);
        _counters.View.CopyToCPU(_hostCounters);
        _stepEnds.View.CopyToCPU(_hostStepEnds);
        foreach (var p in _pops)
        {
            int count = _hostCounters[2 * p.Index];
            if (count > 0) Part(p.Records, 0, count).CopyToCPU(p.HostRecords.AsSpan(0, count));
            if (count > 0 && p.Offsets is not null) Part(p.Offsets, 0, count).CopyToCPU(p.HostOffsets.AsSpan(0, count));
        }
        foreach (var s in _stateMons)
        {
            if (s.Taken > 0) Part(s.Samples, 0, (long)s.Taken * s.SampleLength).CopyToCPU(s.HostSamples.AsSpan(0, s.Taken * s.SampleLength));
            s.Taken = 0;
        }
        _counters.MemSetToZero();
    }

    /// <summary>
    /// Sends a copied block to the recorder step by step, as the CPU kernel would have: state samples at
    /// each step's start, weight snapshots, then the step's spikes (sorted by id: the device appends them
    /// in arrival order) and rate bins.
    /// </summary>
    private void ReplayBlock(long start, int block, IRecorder? recorder)
    {
        double dt = _net.Dt;
        var sampleAt = _sampleAt;
        Array.Clear(sampleAt);
        for (int k = 0; k < block; k++)
        {
            long n = start + k;
            for (int m = 0; m < _stateMons.Length; m++)
            {
                var s = _stateMons[m];
                if (n % s.IntervalSteps != 0) continue;
                recorder?.RecordState(s.Index, n * dt, s.HostSamples.AsSpan(sampleAt[m] * s.SampleLength, s.SampleLength));
                sampleAt[m]++;
            }
            foreach (var w in _weightMons) RecordWeights(w, n, recorder);
            foreach (var p in _pops)
            {
                int from = k == 0 ? 0 : _hostStepEnds[p.Index * _blockSteps + k - 1], to = _hostStepEnds[p.Index * _blockSteps + k];
                var spikes = p.HostRecords.AsSpan(from, to - from);
                if (p.HostOffsets is { } offsets) spikes.Sort(offsets.AsSpan(from, to - from));
                else spikes.Sort();
                p.StepFrom = from; p.StepCount = to - from;
                _spikeTotals[p.Index] += spikes.Length;
                foreach (var proj in p.Outgoing)
                {
                    var rowStart = proj.Host.Synapses.RowStart;
                    foreach (var i in spikes) _events += rowStart[i + 1] - rowStart[i];
                }
            }
            _events += _gradedStepEvents;
            if (_blockReadouts) ReplayReadouts(n, k, recorder);
            long stepNow = n + 1;
            if (recorder is not null)
                foreach (var m in _spikeMons) RecordSpikes(m, n, recorder);
            foreach (var r in _rateMons)
            {
                var spikes = r.Population.HostRecords.AsSpan(r.Population.StepFrom, r.Population.StepCount);
                if (r.Mask is null) r.Count += spikes.Length;
                else foreach (var i in spikes) if (r.Mask[i]) r.Count++;
                if (stepNow - r.BinStart >= r.BinSteps) FlushRate(r, stepNow, recorder);
            }
        }
    }

    private void RecordSpikes(SpikeMon m, long n, IRecorder recorder)
    {
        var p = m.Population;
        if (p.StepCount == 0) return;
        double stepStart = n * _net.Dt, stepEnd = (n + 1) * _net.Dt;
        var offsets = p.HostOffsets;
        int c = 0;
        for (int k = p.StepFrom; k < p.StepFrom + p.StepCount; k++)
        {
            int i = p.HostRecords[k];
            if (m.Mask is not null && !m.Mask[i]) continue;
            m.Ids[c] = i;
            m.Times[c] = offsets is null ? stepEnd : stepStart + offsets[k];
            c++;
        }
        if (c > 0) recorder.RecordSpikes(m.Index, m.Times.AsSpan(0, c), m.Ids.AsSpan(0, c));
    }

    /// <summary>
    /// Weight snapshots: of static weights from the host's table; of plastic weights from the copy taken
    /// off the device at the start of the block that begins at the snapshot's step (the rule's double weights, as the CPU records).
    /// </summary>
    private void RecordWeights(WeightMon m, long n, IRecorder? recorder)
    {
        while (m.Next < m.Steps.Length && m.Steps[m.Next] < n) m.Next++;
        if (m.Next >= m.Steps.Length || m.Steps[m.Next] != n) return;
        m.Next++;
        if (recorder is null) return;
        if (m.Plastic is null)
        {
            var w = m.Projection.Synapses.Weight;
            for (int s = 0; s < w.Length; s++) m.Buffer[s] = w[s];
        }
        recorder.RecordWeights(m.Index, n * _net.Dt, m.Buffer);
    }

    private void FlushRate(RateMon r, long stepNow, IRecorder? recorder)
    {
        double binMs = (stepNow - r.BinStart) * _net.Dt;
        double rate = r.Monitored > 0 ? r.Count / (r.Monitored * binMs * 1e-3) : 0;
        recorder?.RecordRate(r.Index, r.BinStart * _net.Dt, rate);
        r.Count = 0;
        r.BinStart = stepNow;
    }

    /// <summary>Copies the device state back into the network's host arrays (variables, refractory counters, rings).</summary>
    private void DownloadState()
    {
        foreach (var x in _stdp) x.Download();
        foreach (var p in _pops)
        {
            if (p.Size == 0) continue;
            for (int v = 0; v < p.Vars.Length; v++) Part(p.Vars[v], 0, p.Size).CopyToCPU(p.Host.Group.Variable(p.VarNames[v]).AsSpan());
            Part(p.Refr, 0, p.Size).CopyToCPU(p.Host.Group.RefractoryLeft.AsSpan());
            p.DownloadSource();
            p.DownloadPrecise();
            p.DownloadCurrent();
            int dense = p.Host.DenseSlots;
            for (int r = 0; r < p.Ring.Length; r++)
                if (p.Ring[r] is { } ring)
                    for (long m = _step; m < _step + dense; m++)
                        Part(ring, m % p.RingLength * p.Size, p.Size).CopyToCPU(p.Host.Ring[r][(int)(m % dense)].AsSpan());
        }
    }

    private void DisposeDevice()
    {
        _acc?.Dispose();
        _context?.Dispose();
    }

    /// <summary>Frees the device and its memory.</summary>
    public void Dispose() => DisposeDevice();

    /// <summary>Elements [start, start + length) of a buffer, as a contiguous view.</summary>
    private static ArrayView<T> Part<T>(MemoryBuffer1D<T, Stride1D.Dense> buffer, long start, long length) where T : unmanaged
        => ((ArrayView<T>)buffer.View).SubView(start, length);

    /// <summary>
    /// Allocates device memory, counted in <see cref="DeviceBytes"/>; refuses, naming the sizes, an
    /// allocation that would take the total past the device's memory (or the test's limit).
    /// </summary>
    private MemoryBuffer1D<T, Stride1D.Dense> Allocate<T>(long length) where T : unmanaged
    {
        long bytes = length * Interop.SizeOf<T>();
        if (_deviceBytes + bytes > _memoryLimit)
            throw new DeviceUnsupportedException(
                $"a network of this size on {_acc.Name}: {Size(_deviceBytes)} of device memory allocated so far and {Size(bytes)} more needed, of {Size(_memoryLimit)} (use a smaller network, e.g. --scale)");
        var buffer = _acc.Allocate1D<T>(length);
        _deviceBytes += bytes;
        return buffer;
    }

    /// <summary>A byte count in GiB, or MiB below one GiB.</summary>
    internal static string Size(long bytes) => bytes >= 1L << 30
        ? (bytes / (double)(1L << 30)).ToString("F2", System.Globalization.CultureInfo.InvariantCulture) + " GiB"
        : (bytes / (double)(1L << 20)).ToString("F1", System.Globalization.CultureInfo.InvariantCulture) + " MiB";

    private MemoryBuffer1D<T, Stride1D.Dense> Upload<T>(ReadOnlySpan<T> values) where T : unmanaged
    {
        var buffer = Allocate<T>(Math.Max(1, values.Length));
        if (values.Length > 0) Part(buffer, 0, values.Length).CopyFromCPU(values);
        else buffer.MemSetToZero();
        return buffer;
    }

    /// <summary>
    /// The per-population update, specialised for its model struct. Populations of one model share one
    /// kernel and one <see cref="Batcher{T}"/>: their updates of a step go in launches
    /// of up to eight populations.
    /// </summary>
    private abstract class ModelUpdate
    {
        /// <summary>Adds the population's update to its model's batch, with its fused Poisson input when <paramref name="hasPoisson"/> is 1.</summary>
        public abstract void Queue(int size, DeviceNeuronState s, SpikeOutput o, int hasPoisson, in PoissonLaunch poisson);
    }

    /// <summary>The update of a population whose model is a kernel struct: the generic device adapter, specialised for it.</summary>
    private sealed class KernelUpdates(DeviceSimulator sim, int variables) : IKernelVisitor<ModelUpdate>
    {
        public ModelUpdate Visit<TKernel>(TKernel kernel) where TKernel : struct, INeuronKernel
            => new ModelUpdate<KernelDevice<TKernel>>(sim, new KernelDevice<TKernel>(kernel, variables));
    }

    private sealed class ModelUpdate<TModel>(DeviceSimulator sim, TModel model) : ModelUpdate where TModel : struct, IDeviceNeuronModel
    {
        private readonly Batcher<UpdateLaunch<TModel>> _batch = sim.Kernel(typeof(UpdateLaunch<TModel>), () =>
        {
            var kernel = sim._acc.AutoKernel<Batch<UpdateLaunch<TModel>>>(DeviceKernels.Update);
            var b = new Batcher<UpdateLaunch<TModel>>((neurons, batch) => kernel(neurons, batch));
            sim._updateBatches.Add(b);
            return b;
        });

        public override void Queue(int size, DeviceNeuronState s, SpikeOutput o, int hasPoisson, in PoissonLaunch poisson)
            => _batch.Add(new UpdateLaunch<TModel> { State = s, Model = model, Output = o, Size = size, HasPoisson = hasPoisson, Poisson = poisson }, size);
    }

    /// <summary>The update of a population with precise spike times, specialised for its model struct: one launch per population.</summary>
    private abstract class PreciseUpdate
    {
        public abstract void Queue(Pop p, long n, SpikeOutput o);
    }

    private sealed class PreciseUpdate<TModel>(DeviceSimulator sim, TModel model) : PreciseUpdate where TModel : struct, IDevicePreciseModel
    {
        private readonly Action<Index1D, PreciseLaunch<TModel>> _kernel = sim.Kernel(typeof(PreciseLaunch<TModel>),
            () => sim._acc.AutoKernel<PreciseLaunch<TModel>>(DeviceKernels.UpdatePrecise));

        public override void Queue(Pop p, long n, SpikeOutput o) => _kernel(p.Size, new PreciseLaunch<TModel>
        {
            State = p.State(n),
            Model = model,
            Output = o,
            Offsets = p.Offsets!.View,
            Lists = p.Lists,
            Slot = (int)(n % p.RingLength),
        });
    }

    /// <summary>A population on the device: state variables, refractory counters, current, input rings, spike flags and list.</summary>
    private sealed class Pop
    {
        private readonly DeviceSimulator _sim;

        public Pop(DeviceSimulator sim, PopulationState host, bool hasCurrent, bool hasNoise)
        {
            _sim = sim;
            Host = host;
            Index = host.Index;
            Size = host.Size;
            var group = host.Group;
            if (host.Model.Receptors.Count > 2)
                throw new DeviceUnsupportedException($"more than two receptors (population '{host.Spec.Name}', model '{host.Model.Name}')");
            VarNames = host.Model.Variables.Select(v => v.Name).ToArray();
            OutputVar = group.Output is { } output ? Array.FindIndex(VarNames, v => ReferenceEquals(group.Variable(v), output)) : -1;
            Vars = VarNames.Select(v => sim.Upload<double>(group.Variable(v))).ToArray();
            Refr = sim.Upload<int>(group.RefractoryLeft);
            HasCurrent = hasCurrent || group.HasExternalCurrent;
            HostCurrent = (double[])group.ExternalCurrent.Clone();
            Iext = sim.Upload<double>(HostCurrent);
            if (hasNoise) NoiseBase = sim.Upload<double>(HostCurrent);
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
                for (long m = sim._step; m < sim._step + dense; m++) host.Ring[r][(int)(m % dense)].CopyTo(all, m % RingLength * Size);
                Ring[r] = sim.Upload<double>(all);
            }
            Records = sim.Allocate<int>(Math.Max(1, (long)Size * sim._blockSteps));
            HostRecords = new int[Math.Max(1, (long)Size * sim._blockSteps)];
            GridInput = host.GridInput;
            if (host.TimedSlots is not null)
            {
                // Precise spike times: the spikes' offsets beside their ids, the model's own refractory state,
                // and timed input lists (made once the projections are known: CreateTimedLists).
                Offsets = sim.Allocate<double>(Math.Max(1, (long)Size * sim._blockSteps));
                HostOffsets = new double[Math.Max(1, (long)Size * sim._blockSteps)];
                _preciseHost = group switch
                {
                    LifCubaGroup g => g.RefractoryTime,
                    LifDeltaGroup g => g.RefractoryEnd,
                    _ => throw new DeviceUnsupportedException($"precise spike times of model '{host.Model.Name}' (population '{host.Spec.Name}')"),
                };
                _preciseState = sim.Upload<double>(_preciseHost);
                Precise = group switch
                {
                    LifCubaGroup g => new PreciseUpdate<LifCubaPreciseDevice>(sim, new LifCubaPreciseDevice(g.PreciseConstants, _preciseState.View)),
                    _ => new PreciseUpdate<LifDeltaPreciseDevice>(sim, new LifDeltaPreciseDevice(((LifDeltaGroup)group).PreciseConstants, _preciseState.View)),
                };
                return;
            }
            Updater = group switch
            {
                LifCubaGroup g => new ModelUpdate<LifCubaDevice>(sim, new LifCubaDevice(g.Constants)),
                LifDeltaGroup g => new ModelUpdate<LifDeltaDevice>(sim, new LifDeltaDevice(g.Constants)),
                LifCobaGroup g => new ModelUpdate<LifCobaDevice>(sim, new LifCobaDevice(g.Constants)),
                IzhikevichGroup g => new ModelUpdate<IzhikevichDevice>(sim, new IzhikevichDevice(g.Constants)),
                RateEsnGroup g => new ModelUpdate<RateEsnDevice>(sim, new RateEsnDevice(g.Constants)),
                RateTanhGroup g => new ModelUpdate<RateTanhDevice>(sim, new RateTanhDevice(g.Constants)),
                RateDiscreteGroup g => new ModelUpdate<RateDiscreteDevice>(sim, new RateDiscreteDevice(g.Constants)),
                RateInputGroup => new ModelUpdate<RateInputDevice>(sim, default),
                SpikeSourceGroup g => new ModelUpdate<SpikeSourceDevice>(sim, CreateSource(sim, g)),
                PoissonSourceGroup g => new ModelUpdate<PoissonSourceDevice>(sim, CreatePoisson(sim, g)),
                BinarySigmoidGroup g => new ModelUpdate<BinarySigmoidDevice>(sim, CreateBinary(sim, g)),
                BinaryGatedGroup g => new ModelUpdate<BinaryGatedDevice>(sim, CreateGated(sim, g)),
                IKernelGroup g => g.Accept(new KernelUpdates(sim, host.Model.Variables.Count)),
                _ => throw new DeviceUnsupportedException($"model '{host.Model.Name}' (population '{host.Spec.Name}')"),
            };
        }

        public PopulationState Host { get; }
        public int Index { get; }
        public int Size { get; }

        // spike_source: per unit its spike steps as one table, the cursor (absolute index into it) and the steps done.
        private int[]? _sourceStart;
        private MemoryBuffer1D<int, Stride1D.Dense>? _sourceNext;
        private MemoryBuffer1D<long, Stride1D.Dense>? _sourceDone;

        // binary units: per unit the step of its next draw (the simulator's step when uploaded).
        private MemoryBuffer1D<long, Stride1D.Dense>? _binarySteps;

        /// <summary>Binary units: every unit's step counter, starting at the simulator's step (made once).</summary>
        private ArrayView<long> BinarySteps(DeviceSimulator sim)
        {
            if (_binarySteps is null)
            {
                var steps = new long[Size];
                Array.Fill(steps, sim._step);
                _binarySteps = sim.Upload<long>(steps);
            }
            return _binarySteps.View;
        }

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

        /// <summary>Binary units whose update leaves h (and x) to the host group's inference hook.</summary>
        public bool Inferred { get; private set; }

        private BinarySigmoidDevice CreateBinary(DeviceSimulator sim, BinarySigmoidGroup g)
        {
            var (k0, k1, c3) = g.StreamKey;
            Inferred = g.Inference is not null;
            return new BinarySigmoidDevice(g.Prior.Bias, g.Prior.InverseTemperature, k0, k1, c3, BinarySteps(sim), Inferred ? 1 : 0);
        }

        private BinaryGatedDevice CreateGated(DeviceSimulator sim, BinaryGatedGroup g)
        {
            var (k0, k1, c3) = g.StreamKey;
            Inferred = g.Inference is not null;
            return new BinaryGatedDevice(g.Prior.Bias, g.Prior.InverseTemperature, g.TauX, k0, k1, c3, BinarySteps(sim), Inferred ? 1 : 0);
        }

        /// <summary>Binary units: a new update when an inference hook was set or removed since the last run.</summary>
        public void FollowInference(DeviceSimulator sim)
        {
            if (Host.Group is not BinaryUnitGroup g || (g.Inference is not null) == Inferred) return;
            Updater = g switch
            {
                BinarySigmoidGroup s => new ModelUpdate<BinarySigmoidDevice>(sim, CreateBinary(sim, s)),
                BinaryGatedGroup b => new ModelUpdate<BinaryGatedDevice>(sim, CreateGated(sim, b)),
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

        private SpikeSourceDevice CreateSource(DeviceSimulator sim, SpikeSourceGroup g)
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
            _sourceNext = sim.Upload<int>(next);
            _sourceDone = sim.Upload<long>(g.StepsDone);
            return new SpikeSourceDevice(sim.Upload<int>(start).View, sim.Upload<long>(steps).View, _sourceNext.View, _sourceDone.View);
        }

        // poisson_source: per unit the block of its next draw.
        private MemoryBuffer1D<ulong, Stride1D.Dense>? _poissonDraws;

        private PoissonSourceDevice CreatePoisson(DeviceSimulator sim, PoissonSourceGroup g)
        {
            var (k0, k1, c3) = g.StreamKey;
            _poissonDraws = sim.Upload<ulong>(g.Draws);
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
        public Bucket? Staging { get; private set; }

        /// <summary>
        /// Sizes the staging area: room for every incoming synapse of every projection onto this
        /// population, per target (a spike per presynaptic neuron and step at most), 16 bytes each.
        /// </summary>
        public void CreateBucket(DeviceSimulator sim, Proj[] projections)
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
            Staging = new Bucket(sim, start);
        }

        /// <summary>Deterministic sums: adds this step's staged input so far, in order (one launch; before a graded projection onto it).</summary>
        public void Reduce(DeviceSimulator sim)
        {
            if (!ReduceLaunch(sim, out var launch)) return;
            sim._reduceBatch.Add(launch, Size);
            sim._reduceBatch.Flush();
        }

        /// <summary>The ordered sum of this population's staged input, to launch in a batch; false without staging.</summary>
        public bool ReduceLaunch(DeviceSimulator sim, out ReduceLaunch launch)
        {
            launch = default;
            if (Staging is not { } b || Size == 0) return false;
            var dummy = sim._dummy.View;
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
        public PoissonIn? FusedPoisson { get; set; }

        /// <summary>With precise spike times: the update, which reads the timed lists and writes offsets (else null).</summary>
        public PreciseUpdate? Precise { get; }

        /// <summary>Precise: each block's spike offsets (ms into their step), beside <see cref="Records"/>, and their copy on the host.</summary>
        public MemoryBuffer1D<double, Stride1D.Dense>? Offsets { get; }
        public double[]? HostOffsets { get; }

        /// <summary>Whether the population's summed ring carries input (false: a precise population fed by timed projections only).</summary>
        public bool GridInput { get; }

        // Precise: the model's refractory state (lif_cuba's time left, lif_delta's end offset), on the host and the device.
        private readonly double[]? _preciseHost;
        private readonly MemoryBuffer1D<double, Stride1D.Dense>? _preciseState;

        // Precise: the timed input lists (see TimedLists).
        private MemoryBuffer1D<long, Stride1D.Dense>? _listStart, _listKey;
        private MemoryBuffer1D<int, Stride1D.Dense>? _listCount, _listReceptor;
        private MemoryBuffer1D<double, Stride1D.Dense>? _listOffset, _listWeight;
        private long[] _hostListStart = [];

        /// <summary>Precise: the views of the timed input lists.</summary>
        public TimedLists Lists { get; private set; }

        /// <summary>
        /// Precise: sizes the timed input lists, per neuron room for every timed synapse onto it plus its
        /// largest step of each spike-time input (<paramref name="times"/>), and for the events the host
        /// has already queued (a network that ran before), which are uploaded first in their order.
        /// </summary>
        public void CreateTimedLists(DeviceSimulator sim, Proj[] projections, IEnumerable<SpikeTimesRuntime> times)
        {
            var room = new long[Size];
            foreach (var proj in projections)
                if (proj.Post == this && proj.Timed)
                    foreach (var t in proj.Host.Synapses.Target) room[t]++;
            foreach (var st in times)
            {
                var most = new int[Size];
                for (int a = 0; a < st.Steps.Length;)
                {
                    int b = a;
                    while (b < st.Steps.Length && st.Steps[b] == st.Steps[a]) b++;
                    var perNeuron = new Dictionary<int, int>();
                    for (int k = a; k < b; k++) perNeuron[st.Neurons[k]] = perNeuron.GetValueOrDefault(st.Neurons[k]) + 1;
                    foreach (var (j, c) in perNeuron) most[j] = Math.Max(most[j], c);
                    a = b;
                }
                for (int j = 0; j < Size; j++) room[j] += most[j];
            }
            var slots = Host.TimedSlots!;
            var pending = new int[Size];
            foreach (var list in slots)
            {
                Array.Clear(pending);
                foreach (var e in list.Items) pending[e.Target]++;
                for (int j = 0; j < Size; j++) room[j] = Math.Max(room[j], pending[j]);
            }
            var start = new long[Size + 1];
            for (int j = 0; j < Size; j++) start[j + 1] = start[j] + room[j];
            long capacity = start[Size];
            _hostListStart = start;
            long entries = Math.Max(1, capacity * RingLength);
            _listStart = sim.Upload<long>(start);
            _listCount = sim.Allocate<int>(Math.Max(1, (long)Size * RingLength));
            _listCount.MemSetToZero();
            _listOffset = sim.Allocate<double>(entries);
            _listWeight = sim.Allocate<double>(entries);
            _listKey = sim.Allocate<long>(entries);
            _listReceptor = sim.Allocate<int>(entries);
            Lists = new TimedLists
            {
                Start = _listStart.View, Count = _listCount.View, Offset = _listOffset.View, Weight = _listWeight.View,
                Key = _listKey.View, Receptor = _listReceptor.View, Capacity = capacity, Size = Size,
            };
            // Events the host queued before (a network that ran): slot s of the host's lists is the device's slot s
            // (both rings have RingLength slots), keys their queued order, before any event the device queues
            // (whose keys start at 2^43).
            if (slots.All(l => l.Count == 0)) return;
            var count = new int[Size * RingLength];
            var offset = new double[entries]; var weight = new double[entries]; var key = new long[entries]; var receptor = new int[entries];
            for (int slot = 0; slot < slots.Length; slot++)
            {
                var items = slots[slot].Items;
                for (int k = 0; k < items.Length; k++)
                {
                    var e = items[k];
                    long at = slot * capacity + start[e.Target] + count[slot * Size + e.Target]++;
                    offset[at] = e.Offset; weight[at] = e.Weight; key[at] = k; receptor[at] = e.Receptor;
                }
            }
            _listCount.View.CopyFromCPU(count);
            _listOffset.View.CopyFromCPU(offset);
            _listWeight.View.CopyFromCPU(weight);
            _listKey.View.CopyFromCPU(key);
            _listReceptor.View.CopyFromCPU(receptor);
        }

        /// <summary>Precise: the refractory state and the events still queued for later steps back into the host (lists in their order).</summary>
        public void DownloadPrecise()
        {
            if (_preciseHost is null || Size == 0) return;
            Part(_preciseState!, 0, Size).CopyToCPU(_preciseHost.AsSpan());
            long capacity = Lists.Capacity;
            var count = new int[Size * RingLength];
            _listCount!.View.CopyToCPU(count);
            var slots = Host.TimedSlots!;
            long entries = capacity * RingLength;
            if (entries == 0) return;
            var offset = new double[entries]; var weight = new double[entries]; var key = new long[entries]; var receptor = new int[entries];
            if (count.Any(c => c > 0))
            {
                _listOffset!.View.SubView(0, entries).CopyToCPU(offset);
                _listWeight!.View.SubView(0, entries).CopyToCPU(weight);
                _listKey!.View.SubView(0, entries).CopyToCPU(key);
                _listReceptor!.View.SubView(0, entries).CopyToCPU(receptor);
            }
            for (int slot = 0; slot < slots.Length; slot++)
            {
                var list = slots[slot];
                list.Clear();
                for (int j = 0; j < Size; j++)
                {
                    long first = slot * capacity + _hostListStart[j];
                    int c = count[slot * Size + j];
                    var order = Enumerable.Range(0, c).OrderBy(k => key[first + k]);
                    foreach (int k in order) list.Add(j, receptor[first + k], offset[first + k], weight[first + k]);
                }
            }
        }
        public List<Proj> Outgoing { get; } = [];
        /// <summary>During replay: this step's spikes in <see cref="HostRecords"/>.</summary>
        public int StepFrom { get; set; }
        public int StepCount { get; set; }

        /// <summary>Where input of receptor r for step n adds: the state variable, or ring slot n mod length.</summary>
        public ArrayView<double> InputFor(int r, long n) => DirectVar[r] >= 0 ? Vars[DirectVar[r]].View : Slot(r, (int)(n % RingLength));

        public ArrayView<double> Slot(int r, int slot) => Part(Ring[r]!, (long)slot * Size, Size);

        public DeviceNeuronState State(long n)
        {
            var dummy = _sim._dummy.View;
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

    /// <summary>A post population's staging buffers for deterministic sums (see <see cref="BucketViews"/>).</summary>
    private sealed class Bucket
    {
        private readonly MemoryBuffer1D<long, Stride1D.Dense> _start, _key;
        private readonly MemoryBuffer1D<int, Stride1D.Dense> _count, _dest;
        private readonly MemoryBuffer1D<float, Stride1D.Dense> _weight;

        public Bucket(DeviceSimulator sim, long[] start)
        {
            long total = start[^1];
            _start = sim.Upload<long>(start);
            _count = sim.Allocate<int>(Math.Max(1, start.Length - 1));
            _count.MemSetToZero();
            _key = sim.Allocate<long>(Math.Max(1, total));
            _weight = sim.Allocate<float>(Math.Max(1, total));
            _dest = sim.Allocate<int>(Math.Max(1, total));
        }

        public BucketViews Views => new() { Start = _start.View, Count = _count.View, Key = _key.View, Weight = _weight.View, Dest = _dest.View };
    }

    /// <summary>A projection on the device: its CSR table as built on the host, and its place in the summation order.</summary>
    private sealed class Proj
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

        public Proj(DeviceSimulator sim, ProjectionState host, long keyBase)
        {
            Host = host;
            Pre = sim._pops[host.Pre.Index];
            Post = sim._pops[host.Post.Index];
            Pre.Outgoing.Add(this);
            var t = host.Synapses;
            HasDelays = t.Delay.Length > 0;
            Timed = host.Timed;
            if (Timed)
            {
                // Timed projections have one constant delay of whole steps (the validator's rule onto lif_delta; drawn delays onto lif_cuba go on the grid).
                if (HasDelays) throw new InvalidOperationException($"projection '{host.Spec.Name}' carries timed events with per-synapse delays");
                _timedKernel = sim.Kernel("timed-push", () => sim._acc.GroupedKernel<TimedPushLaunch>(DeviceKernels.PushTimed));
            }
            _keyBase = keyBase;
            _delay = HasDelays ? sim.Upload<ushort>(t.Delay) : null;
            if (host.Pre.Group.Output is { } output)
            {
                Graded = true;
                var group = host.Pre.Group;
                _outputVar = Array.FindIndex(Pre.VarNames, v => ReferenceEquals(group.Variable(v), output));
                var pull = GradedPull.Build(t, host.Pre.Size, host.Post.Size)
                    ?? throw new DeviceUnsupportedException($"more than 2^31 synapses in one projection (projection '{host.Spec.Name}')");
                _columnStart = sim.Upload<int>(pull.ColumnStart);
                _pre = sim.Upload<int>(pull.Pre);
                _synapse = sim.Upload<int>(pull.Synapse);
                _weight = sim.Upload<float>(pull.Weight);
                _rowStart = sim.Upload<long>([]);
                _target = sim.Upload<int>([]);
                return;
            }
            _rowStart = sim.Upload<long>(t.RowStart);
            _target = sim.Upload<int>(t.Target);
            _weight = sim.Upload<float>(t.Weight);
        }

        public ProjectionState Host { get; }
        public Pop Pre { get; }
        public Pop Post { get; }
        public bool HasDelays { get; }
        /// <summary>Whether the presynaptic population is of rate units (every output propagates every step, weighted).</summary>
        public bool Graded { get; }

        /// <summary>Whether spikes travel as timed events with their offsets (onto a population with precise spike times).</summary>
        public bool Timed { get; }

        /// <summary>Queues the push of step n's spikes as timed events (the CPU's PropagateTimed: same slots, the spikes' offsets, queued order in the keys).</summary>
        public void EnqueueTimed(DeviceSimulator sim, long n)
        {
            var t = Host.Synapses;
            if (t.Count == 0 || Pre.Size == 0 || Post.Size == 0) return;
            int shift = Post.Host.Model.Receptors[Host.Receptor].ActsAtStepEnd ? 1 : 0;
            _timedKernel!(new KernelConfig(Math.Max(1, Math.Min(Pre.Size, sim._pushGroups)), sim._pushGroup), new TimedPushLaunch
            {
                RowStart = _rowStart.View,
                Target = _target.View,
                Weight = _weight.View,
                Records = Pre.Records.View,
                Counters = sim._counters.View,
                PreOffsets = Pre.Offsets?.View ?? sim._dummy.View,
                Lists = Post.Lists,
                PrePopulation = Pre.Index,
                Precise = Pre.Offsets is null ? 0 : 1,
                Delay = t.ConstantDelay,
                Shift = shift,
                BaseSlot = (int)((n + shift) % Post.RingLength),
                RingLength = Post.RingLength,
                Receptor = Host.Receptor,
                Projection = Host.Index,
                Dt = sim._net.Dt,
            });
        }

        /// <summary>Queues the propagation of step n's rate outputs (the CPU's PropagateGraded: same slots, same sums per target).</summary>
        public void EnqueueGraded(DeviceSimulator sim, long n)
        {
            if (Host.Synapses.Count == 0 || Pre.Size == 0 || Post.Size == 0) return;
            int r = Host.Receptor;
            int length = Post.RingLength;
            int baseSlot = (int)((n + 1) % length);
            bool direct = Post.DirectVar[r] >= 0;
            var into = HasDelays ? Post.Ring[r]!.View
                : direct ? Post.Vars[Post.DirectVar[r]].View
                : Post.Slot(r, (baseSlot + Host.Synapses.ConstantDelay) % length);
            sim._gradedKernel(Post.Size, new GradedLaunch
            {
                ColumnStart = _columnStart!.View,
                Pre = _pre!.View,
                Synapse = _synapse!.View,
                Weight = _weight.View,
                Delay = _delay?.View ?? sim._dummyDelay.View,
                Output = Pre.Vars[_outputVar].View,
                Into = into,
                Events = sim._gradedEvents.View,
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
        public bool Launch(DeviceSimulator sim, long n, out PushLaunch launch)
        {
            var t = Host.Synapses;
            launch = default;
            if (t.Count == 0 || Pre.Size == 0 || Post.Size == 0) return false;
            int r = Host.Receptor;
            int length = Post.RingLength;
            bool direct = Post.DirectVar[r] >= 0;
            int constantSlot = HasDelays || direct ? 0 : (int)((n + 1 + t.ConstantDelay) % length);
            var into = HasDelays ? sim._dummy.View : direct ? Post.Vars[Post.DirectVar[r]].View : Post.Slot(r, constantSlot);
            bool ordered = sim._sums == DeviceSums.Deterministic;
            launch = new PushLaunch
            {
                RowStart = _rowStart.View,
                Target = _target.View,
                Weight = _weight.View,
                Delay = _delay?.View ?? sim._dummyDelay.View,
                Records = Pre.Records.View,
                Counters = sim._counters.View,
                Into = into,
                Ring = HasDelays && !ordered ? Post.Ring[r]!.View : sim._dummy.View,
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

    /// <summary>A Poisson input: the same stream keys, block counter and cumulative table as the CPU's PoissonRuntime.</summary>
    private sealed class PoissonIn
    {
        private readonly Pop _target;
        private readonly int _receptor, _count, _hasNeurons, _ptrs;
        private readonly double _lambda, _weight;
        private readonly MemoryBuffer1D<double, Stride1D.Dense>? _table;
        private readonly MemoryBuffer1D<int, Stride1D.Dense>? _neurons;
        private readonly uint _k0, _k1, _c3;

        public PoissonIn(DeviceSimulator sim, int index, Pop target, int receptor, double lambdaPerStep, double weight, int[]? neurons)
        {
            _target = target; _receptor = receptor; _lambda = lambdaPerStep; _weight = weight;
            _count = neurons?.Length ?? target.Size;
            _hasNeurons = neurons is null ? 0 : 1;
            if (neurons is not null) _neurons = sim.Upload<int>(neurons);
            // Below 30 the table the CPU inverts against; from 30 on the CPU draws by PTRS, and so does the kernel.
            _ptrs = lambdaPerStep >= 30 ? 1 : 0;
            if (lambdaPerStep > 0 && _ptrs == 0) _table = sim.Upload<double>(PhiloxStream.PoissonTable(lambdaPerStep));
            (_k0, _k1, _c3) = PhiloxStream.Key(sim._net.Spec.Simulation.DynamicsSeed, StreamKind.PoissonInput, index);
        }

        public Pop Target => _target;

        /// <summary>Whether the input draws for every neuron of its target (no neuron list).</summary>
        public bool Whole => _hasNeurons == 0;

        /// <summary>Whether the two inputs add into the same buffer (the same population and receptor), so must not share a launch.</summary>
        public bool SameTarget(PoissonIn other) => other._target == _target && other._receptor == _receptor;

        /// <summary>Step n's draws, to launch in a batch; false when there is nothing to draw.</summary>
        public bool Launch(DeviceSimulator sim, long n, out PoissonLaunch launch)
        {
            launch = default;
            if (_lambda <= 0 || _count == 0) return false;
            launch = new PoissonLaunch
            {
                Into = _target.InputFor(_receptor, n),
                Neurons = _neurons?.View ?? sim._dummyInt.View,
                Table = _table?.View ?? sim._dummy.View,
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

    /// <summary>A noise input: the same stream keys and block as the CPU's, one draw per neuron and step (<see cref="NoiseMath"/>).</summary>
    private sealed class NoiseIn
    {
        private readonly Pop _target;
        private readonly int _count, _hasNeurons;
        private readonly double _mean, _sd;
        private readonly MemoryBuffer1D<int, Stride1D.Dense>? _neurons;
        private readonly uint _k0, _k1, _c3;

        public NoiseIn(DeviceSimulator sim, int index, Pop target, double mean, double sd, int[]? neurons)
        {
            _target = target; _mean = mean; _sd = sd;
            _count = neurons?.Length ?? target.Size;
            _hasNeurons = neurons is null ? 0 : 1;
            if (neurons is not null) _neurons = sim.Upload<int>(neurons);
            (_k0, _k1, _c3) = PhiloxStream.Key(sim._net.Spec.Simulation.DynamicsSeed, StreamKind.NoiseInput, index);
        }

        public void Enqueue(DeviceSimulator sim, long n)
        {
            if (_count == 0) return;
            sim._noiseKernel(_count, new NoiseLaunch
            {
                Into = _target.Iext.View,
                Neurons = _neurons?.View ?? sim._dummyInt.View,
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

    /// <summary>Spike-time input events sorted by (step, neuron), on the device; the host keeps the cursor.</summary>
    private sealed class TimesIn(DeviceSimulator sim, Pop target, int receptor, double weight, long[] steps, int[] neurons)
    {
        private readonly MemoryBuffer1D<int, Stride1D.Dense> _neurons = sim.Upload<int>(neurons);
        private int _next;

        public Pop Target => target;

        public void Enqueue(DeviceSimulator s, long n)
        {
            while (_next < steps.Length && steps[_next] < n) _next++;
            int first = _next;
            while (_next < steps.Length && steps[_next] == n) _next++;
            if (_next > first) s._spikeTimesKernel(_next - first, _neurons.View, first, _next - first, target.InputFor(receptor, n), weight);
        }
    }

    /// <summary>
    /// A spike-time input onto a population with precise spike times: the CPU's table (times to steps and
    /// offsets, sorted by step, offset and neuron), whose entries of step n go into that step's timed lists,
    /// after every event queued in earlier steps, in table order (the CPU's order).
    /// </summary>
    private sealed class TimedTimesIn(DeviceSimulator sim, int index, Pop target, SpikeTimesRuntime table)
    {
        private readonly MemoryBuffer1D<int, Stride1D.Dense> _neurons = sim.Upload<int>(table.Neurons);
        private readonly MemoryBuffer1D<double, Stride1D.Dense> _offsets = sim.Upload<double>(table.Offsets);
        private readonly Action<Index1D, TimedTimesLaunch> _kernel = sim.Kernel("timed-times", () => sim._acc.AutoKernel<TimedTimesLaunch>(DeviceKernels.TimedTimes));
        private int _next;

        public Pop Target => target;
        public SpikeTimesRuntime Table => table;

        public void Enqueue(DeviceSimulator s, long n)
        {
            var steps = table.Steps;
            while (_next < steps.Length && steps[_next] < n) _next++;
            int first = _next;
            while (_next < steps.Length && steps[_next] == n) _next++;
            if (_next == first) return;
            _kernel(_next - first, new TimedTimesLaunch
            {
                Neurons = _neurons.View,
                Offsets = _offsets.View,
                Lists = target.Lists,
                Start = first,
                Slot = (int)(n % target.RingLength),
                RingLength = target.RingLength,
                Input = index,
                Receptor = table.Receptor,
                Weight = table.Weight,
            });
        }
    }

    /// <summary>A piecewise-constant current (the CPU's CurrentRuntime).</summary>
    private sealed class CurrentIn(Pop target, long[] steps, double[] amplitudes, int[]? neurons)
    {
        private int _next;
        public Pop Target { get; } = target;
        public int[]? Neurons { get; } = neurons;
        public double Current => _next == 0 ? 0 : amplitudes[_next - 1];

        public bool Advance(long n)
        {
            bool changed = false;
            while (_next < steps.Length && steps[_next] <= n) { _next++; changed = true; }
            return changed;
        }
    }

    private sealed class SpikeMon(int index, Pop population, bool[]? mask)
    {
        public int Index { get; } = index;
        public Pop Population { get; } = population;
        public bool[]? Mask { get; } = mask;
        public double[] Times { get; } = new double[population.Size];
        public int[] Ids { get; } = new int[population.Size];
    }

    private sealed class RateMon(int index, Pop population, bool[]? mask, int monitored, long binSteps)
    {
        public int Index { get; } = index;
        public Pop Population { get; } = population;
        public bool[]? Mask { get; } = mask;
        public int Monitored { get; } = monitored;
        public long BinSteps { get; } = binSteps;
        public long Count { get; set; }
        public long BinStart { get; set; }
    }

    private sealed class WeightMon(int index, ProjectionState projection, long[] steps, Rule? plastic)
    {
        public int Index { get; } = index;
        public ProjectionState Projection { get; } = projection;
        public long[] Steps { get; } = steps;
        public int Next { get; set; }
        public double[] Buffer { get; } = new double[projection.Synapses.Weight.Length];
        /// <summary>The device rule of a plastic projection (null when static).</summary>
        public Rule? Plastic { get; } = plastic;

        /// <summary>The first snapshot step at or after <paramref name="n"/> not yet recorded, or −1.</summary>
        public long NextDue(long n)
        {
            for (int k = Next; k < Steps.Length; k++)
                if (Steps[k] >= n) return Steps[k];
            return -1;
        }
    }

    /// <summary>
    /// A spiking learning rule of one projection on the device (the CPU runtime's time-stepped step):
    /// the rule's double weights and the float table, the column view for post spikes, up to two traces
    /// per pre and per post neuron, and homeostatic normalisation when the rule has it.
    /// </summary>
    private abstract class Rule
    {
        private readonly PlasticityRuntime _host;
        private readonly MemoryBuffer1D<double, Stride1D.Dense> _w;
        private readonly MemoryBuffer1D<double, Stride1D.Dense>? _normalizeTarget;
        private readonly (double[] Host, MemoryBuffer1D<double, Stride1D.Dense> Device, double Factor, bool Pre)[] _traces;
        protected readonly MemoryBuffer1D<int, Stride1D.Dense> ColumnStart, ColumnPre, ColumnSynapse;
        /// <summary>The float weights in row order the rule writes: the table propagation reads, or, from rate units, a row copy whose column copy is refreshed after each step.</summary>
        protected readonly MemoryBuffer1D<float, Stride1D.Dense> Wf;
        private readonly RefreshLaunch? _refresh;

        protected Rule(DeviceSimulator sim, Proj proj, PlasticityRuntime host, (double[] Host, double Factor, bool Pre)[] traces)
        {
            Proj = proj;
            _host = host;
            W = _w = sim.Upload<double>(host.Weights);
            Wf = proj.Graded ? sim.Upload<float>(proj.Host.Synapses.Weight) : proj.Weight;
            if (proj.Graded)
                _refresh = new RefreshLaunch { Column = proj.Weight.View, Synapse = proj.ColumnSynapse.View, Row = Wf.View, Size = Wf.IntExtent };
            _traces = traces.Select(t => (t.Host, sim.Upload<double>(t.Host), t.Factor, t.Pre)).ToArray();
            var cols = host.Columns;
            ColumnStart = sim.Upload<int>(cols.Start);
            ColumnPre = sim.Upload<int>(cols.Pre);
            ColumnSynapse = sim.Upload<int>(cols.Synapse);
            if (host.NormalizeTarget is { } target) _normalizeTarget = sim.Upload<double>(target);
            _changes = host.Changes;
            Launch = CreateLaunch(sim);
        }

        public Proj Proj { get; }
        protected PlasticityRuntime Host => _host;
        protected MemoryBuffer1D<double, Stride1D.Dense> W { get; }

        /// <summary>The launch parameters of every step (the views do not change): traces in the order given, bounds, spike lists.</summary>
        protected StdpLaunch Launch { get; }

        private StdpLaunch CreateLaunch(DeviceSimulator sim)
        {
            var dummy = sim._dummy.View;
            ArrayView<double> Trace(bool pre, int k)
            {
                foreach (var t in _traces)
                    if (t.Pre == pre && k-- == 0) return t.Device.View;
                return dummy;
            }
            return new StdpLaunch
            {
                RowStart = Proj.RowStart.View,
                Target = Proj.Target.View,
                ColumnStart = ColumnStart.View,
                ColumnPre = ColumnPre.View,
                ColumnSynapse = ColumnSynapse.View,
                W = _w.View,
                Pre0 = Trace(true, 0),
                Pre1 = Trace(true, 1),
                Post0 = Trace(false, 0),
                Post1 = Trace(false, 1),
                Wf = Wf.View,
                Counters = sim._counters.View,
                PreRecords = Proj.Pre.Records.View,
                PostRecords = Proj.Post.Records.View,
                PrePopulation = Proj.Pre.Index,
                PostPopulation = Proj.Post.Index,
                WMin = _host.WMin,
                WMax = _host.WMax,
            };
        }

        /// <summary>Adds this step's decay of each of the rule's traces to the batch (launched when full), before <see cref="Enqueue"/>.</summary>
        public void QueueDecays(Batcher<TraceDecayLaunch> decays)
        {
            foreach (var t in _traces)
            {
                int size = t.Pre ? Proj.Pre.Size : Proj.Post.Size;
                if (size > 0) decays.Add(new TraceDecayLaunch { Trace = t.Device.View, Factor = t.Factor, Size = size }, size);
            }
        }

        /// <summary>
        /// Queues the rule's kernels of the step, after propagation and after its traces decayed
        /// (<see cref="QueueDecays"/>, launched by the simulator after <see cref="BeginStep"/>); a spiking
        /// rule's go into its kernels' batches, which the simulator launches before <see cref="Finish"/>.
        /// </summary>
        public void Enqueue(DeviceSimulator sim)
        {
            if (Proj.Host.Synapses.Count > 0) EnqueueRule(sim);
        }

        /// <summary>After the rule's kernels of step n: normalisation when due (as PlasticityRuntime.Step), and the column copy of graded weights.</summary>
        public void Finish(DeviceSimulator sim, long n)
        {
            if (Proj.Host.Synapses.Count == 0) return;
            if (_normalizeTarget is not null && (n + 1) % _host.NormalizeSteps == 0 && Proj.Post.Size > 0)
                sim._normalizeBatch.Add(new NormalizeLaunch
                {
                    ColumnStart = ColumnStart.View,
                    ColumnSynapse = ColumnSynapse.View,
                    W = _w.View,
                    Target = _normalizeTarget.View,
                    Wf = Wf.View,
                    WMin = _host.WMin,
                    WMax = _host.WMax,
                    Size = Proj.Post.Size,
                }, Proj.Post.Size);
            // Batched; the simulator launches the batch after every rule's Finish, normalisations first.
            if ((_normalizeTarget is not null || RefreshAfterRule) && _refresh is { } r) sim._refreshBatch.Add(r, r.Size);
        }

        /// <summary>From rate units: launches the copy of the row weights into the column copy propagation reads, now.</summary>
        protected void RefreshColumns(DeviceSimulator sim)
        {
            if (_refresh is not { } r) return;
            sim._refreshBatch.Add(r, r.Size);
            sim._refreshBatch.Flush();
        }

        /// <summary>Whether the rule's kernels after propagation change weights, so that the column copy must be refreshed after them (as the CPU kernel does for every rule).</summary>
        protected virtual bool RefreshAfterRule => true;

        /// <summary>Host work at the start of the rule's step, done even where the projection has no synapses (reward_stdp's dopamine).</summary>
        public virtual void BeginStep()
        {
        }

        /// <summary>Queues depression by pre spikes, potentiation by post spikes and the trace jumps.</summary>
        protected abstract void EnqueueRule(DeviceSimulator sim);

        /// <summary>Queues the rule's work of step n after the neuron update, before propagation (short-term plasticity).</summary>
        public virtual void EnqueueBefore(DeviceSimulator sim, long n)
        {
        }

        public void DownloadWeights(double[] into) => Part(_w, 0, into.Length).CopyToCPU(into);

        private int _changes;

        /// <summary>
        /// At a run's start: weights the program set on the host rule since (<see cref="PlasticityRuntime.SetWeights"/>,
        /// <see cref="PlasticityRuntime.Normalize"/>) go to the device, both copies, and the column copy of graded weights.
        /// </summary>
        public void UploadChanges(DeviceSimulator sim)
        {
            if (_host.Changes == _changes) return;
            _changes = _host.Changes;
            int n = _host.Weights.Length;
            if (n == 0) return;
            Part(_w, 0, n).CopyFromCPU(_host.Weights);
            Part(Wf, 0, n).CopyFromCPU(Proj.Host.Synapses.Weight);
            RefreshColumns(sim);
        }

        /// <summary>Writes the device's weights (both copies) and traces back into the host rule.</summary>
        public void Download()
        {
            int n = _host.Weights.Length;
            if (n > 0)
            {
                DownloadWeights(_host.Weights);
                Part(Wf, 0, n).CopyToCPU(Proj.Host.Synapses.Weight.AsSpan());
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
        public static Rule? Create(DeviceSimulator sim, Proj proj) => proj.Host.Plasticity switch
        {
            PairStdpRuntime r when !r.RateMode => new SpikeRule<PairStdpDevice>(sim, proj, r, new PairStdpDevice(r.Constants),
                [(r.PreTraceArray, r.Constants.FPre, true), (r.PostTraceArray, r.Constants.FPost, false)]),
            PairStdpRuntime r => new RateRule<PairStdpRateDevice>(sim, proj, r, new PairStdpRateDevice(r.Constants, r.Taus.TauPlus, r.Taus.TauMinus, r.Dt), null, 0),
            TripletStdpRuntime r => new SpikeRule<TripletStdpDevice>(sim, proj, r, new TripletStdpDevice(r.Constants),
                [(r.R1, r.Constants.FR1, true), (r.R2, r.Constants.FR2, true), (r.O1, r.Constants.FO1, false), (r.O2, r.Constants.FO2, false)]),
            InhibitoryStdpRuntime r => new SpikeRule<InhibitoryStdpDevice>(sim, proj, r, new InhibitoryStdpDevice(r.Constants),
                [(r.PreTraceArray, r.Constants.F, true), (r.PostTraceArray, r.Constants.F, false)]),
            HebbianRule.Runtime r => new RateRule<HebbianDevice>(sim, proj, r, new HebbianDevice(r.Eta), null, 0),
            OjaRule.Runtime r => new RateRule<OjaDevice>(sim, proj, r, new OjaDevice(r.Eta), null, 0),
            BcmRuntime r => new RateRule<BcmDevice>(sim, proj, r, new BcmDevice(r.Eta), r.ThetaArray, r.Gain),
            ShortTermPlasticityRuntime r => new StpRule(sim, proj, r),
            RewardModulatedStdpRuntime r => new RewardRule(sim, proj, r),
            BgRnnRuntime r => new GradientRule(sim, proj, r),
            _ => null,
        };
    }

    /// <summary>The three kernels of one rule struct, compiled once per simulator.</summary>
    /// <summary>
    /// The spiking rule kernels of one rule struct, shared by the projections with that rule: each step
    /// their projections' depressions, potentiations and trace jumps go in batches of up to eight
    /// (launched when full and at <see cref="Flush"/>), a projection's depression before its
    /// potentiation before its jumps.
    /// </summary>
    private sealed class RuleKernels<TRule>(DeviceSimulator sim) : Batcher where TRule : struct, IDeviceSpikeRule
    {
        private readonly Action<KernelConfig, Batch<StdpItem<TRule>>> _depress = sim._acc.GroupedKernel<Batch<StdpItem<TRule>>>(DeviceKernels.StdpDepress);
        private readonly Action<KernelConfig, Batch<StdpItem<TRule>>> _potentiate = sim._acc.GroupedKernel<Batch<StdpItem<TRule>>>(DeviceKernels.StdpPotentiate);
        private readonly Action<KernelConfig, Batch<StdpItem<TRule>>> _bump = sim._acc.GroupedKernel<Batch<StdpItem<TRule>>>(DeviceKernels.StdpBump);
        private Batch<StdpItem<TRule>> _batch;
        private int _pre, _post;

        public void Add(in StdpLaunch launch, in TRule rule, int pre, int post)
        {
            _batch.Add(new StdpItem<TRule> { Launch = launch, Rule = rule });
            _pre += pre;
            _post += post;
            if (_batch.Count == Batch<StdpItem<TRule>>.Capacity) Flush();
        }

        public override void Flush()
        {
            if (_batch.Count == 0) return;
            int groups = sim._pushGroups, group = sim._pushGroup;
            _depress(new KernelConfig(Math.Max(1, Math.Min(_pre, groups)), group), _batch);
            _potentiate(new KernelConfig(Math.Max(1, Math.Min(_post, groups)), group), _batch);
            _bump(new KernelConfig(Math.Max(1, Math.Min(Math.Max(_pre, _post), groups)), group), _batch);
            _batch = default;
            _pre = _post = 0;
        }
    }

    /// <summary>
    /// The rate rule kernels of one rule struct, shared by its projections: each step their rows go in
    /// batches of up to eight, and for BCM then their thresholds (a projection's weights before its
    /// thresholds; the projections' weights and thresholds are their own).
    /// </summary>
    private sealed class RateKernels<TRule> : Batcher where TRule : struct, IDeviceRateRule
    {
        private readonly Action<Index1D, Batch<RateRuleItem<TRule>>> _rows;
        private readonly Action<Index1D, Batch<RateRuleItem<TRule>>>? _thresholds;
        private Batch<RateRuleItem<TRule>> _batch;
        private int _pre, _post;

        public RateKernels(DeviceSimulator sim)
        {
            _rows = sim._acc.AutoKernel<Batch<RateRuleItem<TRule>>>(DeviceKernels.RateRule);
            if (typeof(TRule) == typeof(BcmDevice))
                _thresholds = (Action<Index1D, Batch<RateRuleItem<TRule>>>)(object)sim._acc.AutoKernel<Batch<RateRuleItem<BcmDevice>>>(DeviceKernels.BcmThreshold);
        }

        public void Add(in RateRuleItem<TRule> item)
        {
            _batch.Add(item);
            _pre += item.Pre;
            _post += item.Post;
            if (_batch.Count == Batch<RateRuleItem<TRule>>.Capacity) Flush();
        }

        public override void Flush()
        {
            if (_batch.Count == 0) return;
            if (_pre > 0) _rows(_pre, _batch);
            if (_thresholds is not null && _post > 0) _thresholds(_post, _batch);
            _batch = default;
            _pre = _post = 0;
        }
    }

    /// <summary>A rate rule (hebbian, oja, bcm) of one projection between rate units: a thread per presynaptic row, then BCM's thresholds.</summary>
    private sealed class RateRule<TRule> : Rule where TRule : struct, IDeviceRateRule
    {
        private readonly TRule _rule;
        private readonly RateRuleLaunch _launch;
        private readonly double[]? _hostTheta;
        private readonly MemoryBuffer1D<double, Stride1D.Dense>? _theta;
        private readonly RateKernels<TRule> _kernels;

        public RateRule(DeviceSimulator sim, Proj proj, PlasticityRuntime host, TRule rule, double[]? theta, double gain) : base(sim, proj, host, [])
        {
            _rule = rule;
            _hostTheta = theta;
            if (theta is not null) _theta = sim.Upload<double>(theta);
            _kernels = sim.Kernel(typeof(RateKernels<TRule>), () =>
            {
                var k = new RateKernels<TRule>(sim);
                sim._ruleBatches.Add(k);
                return k;
            });
            // From rate units the device propagates by column only: the rule gets the row table.
            var table = proj.Host.Synapses;
            _launch = new RateRuleLaunch
            {
                RowStart = sim.Upload<long>(table.RowStart).View,
                Target = sim.Upload<int>(table.Target).View,
                W = W.View,
                PreOut = proj.Pre.Vars[proj.Pre.OutputVar].View,
                PostOut = proj.Post.Vars[proj.Post.OutputVar].View,
                Theta = _theta?.View ?? sim._dummy.View,
                Wf = Wf.View,
                WMin = host.WMin,
                WMax = host.WMax,
                Gain = gain,
            };
        }

        protected override void EnqueueRule(DeviceSimulator sim)
            => _kernels.Add(new RateRuleItem<TRule> { Launch = _launch, Rule = _rule, Pre = Proj.Pre.Size, Post = Proj.Post.Size });

        protected override void DownloadState()
        {
            if (_hostTheta is { Length: > 0 } t) Part(_theta!, 0, t.Length).CopyToCPU(t.AsSpan());
        }
    }

    /// <summary>tsodyks_markram: the release at each presynaptic spike sets the row's effective weights before propagation; nothing after.</summary>
    private sealed class StpRule : Rule
    {
        private readonly ShortTermPlasticityRuntime _stp;
        private readonly MemoryBuffer1D<double, Stride1D.Dense> _u, _x, _last, _release;
        private readonly Batcher<StpLaunch> _batch;
        private StpLaunch _launch;

        public StpRule(DeviceSimulator sim, Proj proj, ShortTermPlasticityRuntime rule) : base(sim, proj, rule, [])
        {
            _stp = rule;
            _u = sim.Upload<double>(rule.UArray);
            _x = sim.Upload<double>(rule.XArray);
            _last = sim.Upload<double>(rule.LastArray);
            _release = sim.Upload<double>(rule.ReleaseArray);
            // One batcher for every tsodyks_markram projection, flushed before propagation (a group per spiking row).
            _batch = sim.Kernel("stp", () =>
            {
                var kernel = sim._acc.GroupedKernel<Batch<StpLaunch>>(DeviceKernels.StpRelease);
                var b = new Batcher<StpLaunch>((rows, batch) => kernel(new KernelConfig(Math.Max(1, Math.Min(rows, sim._pushGroups)), sim._pushGroup), batch));
                sim._beforeBatches.Add(b);
                return b;
            });
            var c = rule.Constants;
            _launch = new StpLaunch
            {
                RowStart = proj.RowStart.View,
                W = W.View,
                U = _u.View,
                X = _x.View,
                Last = _last.View,
                Release = _release.View,
                Wf = Wf.View,
                Counters = sim._counters.View,
                PreRecords = proj.Pre.Records.View,
                PrePopulation = proj.Pre.Index,
                PerSynapse = c.PerSynapse ? 1 : 0,
                BigU = c.BigU,
                TauRec = c.TauRec,
                TauFac = c.TauFac,
            };
        }

        public override void EnqueueBefore(DeviceSimulator sim, long n)
        {
            if (Proj.Host.Synapses.Count == 0 || Proj.Pre.Size == 0) return;
            _launch.T = (n + 1) * sim._net.Dt;
            _batch.Add(_launch, Proj.Pre.Size);
        }

        protected override void EnqueueRule(DeviceSimulator sim)
        {
        }

        protected override void DownloadState()
        {
            foreach (var (buffer, host) in new[] { (_u, _stp.UArray), (_x, _stp.XArray), (_last, _stp.LastArray), (_release, _stp.ReleaseArray) })
                if (host.Length > 0) Part(buffer, 0, host.Length).CopyToCPU(host.AsSpan());
        }
    }

    /// <summary>
    /// bgrnn onto binary units, before propagation as on the CPU (after the update and any inference
    /// hook): the presynaptic outputs of the last D + 1 steps in a ring on the device, slot n mod (D + 1)
    /// holding those that drove step n's logits; the rows' kernel changes the weights (online) or adds to
    /// the pending sums (batched, applied at a batch's last step); then the column copy is refreshed so
    /// that this step's output travels with the new weights, and the step's presynaptic output goes into
    /// the slot. The weights change nowhere else, so the refresh after the step is left out (the CPU's
    /// is redundant there too).
    /// </summary>
    private sealed class GradientRule : Rule
    {
        private readonly BgRnnRuntime _r;
        private readonly MemoryBuffer1D<double, Stride1D.Dense> _history, _pending;
        private readonly int _slots, _batch;
        private readonly Action<Index1D, BgRnnLaunch> _rows, _apply;
        private BgRnnLaunch _launch;

        public GradientRule(DeviceSimulator sim, Proj proj, BgRnnRuntime r) : base(sim, proj, r, [])
        {
            _r = r;
            var (eta, decay, l1, batch) = r.Settings;
            _batch = batch;
            int pre = proj.Pre.Size;
            _slots = r.History.Length;
            var all = new double[(long)_slots * pre];
            for (int k = 0; k < _slots; k++) r.History[k].CopyTo(all, (long)k * pre);
            _history = sim.Upload<double>(all);
            _pending = sim.Upload<double>(r.Pending);
            _rows = sim.Kernel("bgrnn-rows", () => sim._acc.AutoKernel<BgRnnLaunch>(DeviceKernels.BgRnnRows));
            _apply = sim.Kernel("bgrnn-apply", () => sim._acc.AutoKernel<BgRnnLaunch>(DeviceKernels.BgRnnApply));
            var post = proj.Post;
            var table = proj.Host.Synapses;
            _launch = new BgRnnLaunch
            {
                RowStart = sim.Upload<long>(table.RowStart).View,
                Target = sim.Upload<int>(table.Target).View,
                W = W.View,
                Wf = Wf.View,
                H = post.Vars[Array.IndexOf(post.VarNames, "h")].View,
                P = post.Vars[Array.IndexOf(post.VarNames, "p")].View,
                Pending = _pending.View,
                Eta = eta,
                Decay = decay,
                L1 = l1,
                WMin = r.WMin,
                WMax = r.WMax,
                Penalised = decay > 0 || l1 > 0 ? 1 : 0,
                Batched = batch > 1 ? 1 : 0,
            };
        }

        protected override bool RefreshAfterRule => false;

        public override void EnqueueBefore(DeviceSimulator sim, long n)
        {
            int pre = Proj.Pre.Size;
            if (pre == 0) return;
            var prev = Part(_history, n % _slots * pre, pre);
            int synapses = (int)Proj.Host.Synapses.Count;
            if (synapses > 0)
            {
                _launch.Prev = prev;
                _rows(pre, _launch);
                if (_batch > 1 && (n + 1) % _batch == 0) _apply(synapses, _launch);
                RefreshColumns(sim);
            }
            Part(Proj.Pre.Vars[Proj.Pre.OutputVar], 0, pre).CopyTo(prev);
        }

        protected override void EnqueueRule(DeviceSimulator sim)
        {
        }

        protected override void DownloadState()
        {
            int pre = Proj.Pre.Size;
            for (int k = 0; k < _slots && pre > 0; k++) Part(_history, (long)k * pre, pre).CopyToCPU(_r.History[k].AsSpan());
            if (_r.Pending.Length > 0) Part(_pending, 0, _r.Pending.Length).CopyToCPU(_r.Pending.AsSpan());
        }
    }

    /// <summary>
    /// reward_stdp: the eligibility per synapse on the device, the dopamine d on the host rule (a scalar
    /// that only decays, so the host advances it per step exactly as the CPU does, and a reward added
    /// with <see cref="RewardModulatedStdpRuntime.AddReward"/> between runs is in force from the next
    /// run's first step, as on the CPU). Per step: weights by c·d·k and eligibility decay, trace decay,
    /// eligibility changes at pre then post spikes, trace jumps.
    /// </summary>
    private sealed class RewardRule : Rule
    {
        private readonly RewardModulatedStdpRuntime _r;
        private readonly RewardStdpDevice _rule;
        private readonly MemoryBuffer1D<double, Stride1D.Dense> _c;
        private readonly double _fc;
        private readonly Action<Index1D, StdpLaunch, ArrayView<double>, double, int, double> _weights;
        private readonly Action<KernelConfig, StdpLaunch, ArrayView<double>, RewardStdpDevice> _depress, _potentiate;
        private readonly Action<KernelConfig, Batch<StdpItem<RewardStdpDevice>>> _bump;
        private bool _rewarded;
        private double _gain;

        public RewardRule(DeviceSimulator sim, Proj proj, RewardModulatedStdpRuntime r)
            : base(sim, proj, r, [(r.PreTraceArray, r.Constants.FPre, true), (r.PostTraceArray, r.Constants.FPost, false)])
        {
            _r = r;
            var k = r.Constants;
            _rule = new RewardStdpDevice(k.APlus, k.AMinus);
            _fc = k.Fc;
            _c = sim.Upload<double>(r.EligibilityArray);
            var acc = sim._acc;
            _weights = sim.Kernel("reward-weights", () => acc.AutoKernel<StdpLaunch, ArrayView<double>, double, int, double>(DeviceKernels.RewardWeights));
            _depress = sim.Kernel("reward-depress", () => acc.GroupedKernel<StdpLaunch, ArrayView<double>, RewardStdpDevice>(DeviceKernels.RewardDepress));
            _potentiate = sim.Kernel("reward-potentiate", () => acc.GroupedKernel<StdpLaunch, ArrayView<double>, RewardStdpDevice>(DeviceKernels.RewardPotentiate));
            _bump = sim.Kernel("reward-bump", () => acc.GroupedKernel<Batch<StdpItem<RewardStdpDevice>>>(DeviceKernels.StdpBump));
        }

        public override void BeginStep() => _rewarded = _r.AdvanceDopamine(out _gain);

        protected override void EnqueueRule(DeviceSimulator sim)
        {
            int pre = Proj.Pre.Size, post = Proj.Post.Size;
            var launch = Launch;
            _weights(_r.EligibilityArray.Length, launch, _c.View, _gain, _rewarded ? 1 : 0, _fc);
            _depress(new KernelConfig(Math.Max(1, Math.Min(pre, sim._pushGroups)), sim._pushGroup), launch, _c.View, _rule);
            _potentiate(new KernelConfig(Math.Max(1, Math.Min(post, sim._pushGroups)), sim._pushGroup), launch, _c.View, _rule);
            var bump = new Batch<StdpItem<RewardStdpDevice>>();
            bump.Add(new StdpItem<RewardStdpDevice> { Launch = launch, Rule = _rule });
            _bump(new KernelConfig(Math.Max(1, Math.Min(Math.Max(pre, post), sim._pushGroups)), sim._pushGroup), bump);
        }

        protected override void DownloadState()
        {
            var host = _r.EligibilityArray;
            if (host.Length > 0) Part(_c, 0, host.Length).CopyToCPU(host.AsSpan());
        }
    }

    /// <summary>A kernel loaded once per simulator under <paramref name="key"/>.</summary>
    private T Kernel<T>(object key, Func<T> load) where T : class
    {
        if (!_ruleKernels.TryGetValue(key, out var k)) _ruleKernels[key] = k = load();
        return (T)k;
    }

    private sealed class SpikeRule<TRule> : Rule where TRule : struct, IDeviceSpikeRule
    {
        private readonly TRule _rule;
        private readonly RuleKernels<TRule> _kernels;

        public SpikeRule(DeviceSimulator sim, Proj proj, PlasticityRuntime host, TRule rule, (double[] Host, double Factor, bool Pre)[] traces)
            : base(sim, proj, host, traces)
        {
            _rule = rule;
            _kernels = sim.Kernel(typeof(RuleKernels<TRule>), () =>
            {
                var k = new RuleKernels<TRule>(sim);
                sim._ruleBatches.Add(k);
                return k;
            });
        }

        protected override void EnqueueRule(DeviceSimulator sim)
        {
            _kernels.Add(Launch, _rule, Proj.Pre.Size, Proj.Post.Size);
        }
    }

    /// <summary>A state monitor: samples gathered on the device into a block buffer, [sample][variable][neuron].</summary>
    private sealed class StateMon
    {
        private readonly Pop _pop;
        private readonly int[] _vars;
        private readonly MemoryBuffer1D<int, Stride1D.Dense> _neurons;
        private readonly int _m;

        public StateMon(DeviceSimulator sim, int index, Pop pop, string[] variables, int[] neurons, long intervalSteps)
        {
            Index = index;
            _pop = pop;
            _vars = variables.Select(v => Array.IndexOf(pop.VarNames, v) is var k and >= 0
                ? k : throw new ArgumentException($"model '{pop.Host.Model.Name}' has no state variable '{v}'")).ToArray();
            _m = neurons.Length;
            _neurons = sim.Upload<int>(neurons);
            IntervalSteps = intervalSteps;
            SampleLength = _vars.Length * _m;
            long perBlock = sim._blockSteps / intervalSteps + 1;
            Samples = sim.Allocate<double>(Math.Max(1, perBlock * SampleLength));
            HostSamples = new double[Math.Max(1, perBlock * SampleLength)];
        }

        public int Index { get; }
        public long IntervalSteps { get; }
        public int SampleLength { get; }
        public MemoryBuffer1D<double, Stride1D.Dense> Samples { get; }
        public double[] HostSamples { get; }
        /// <summary>Samples queued in the current block.</summary>
        public int Taken { get; set; }

        public void Sample(DeviceSimulator sim)
        {
            if (_m > 0)
                for (int v = 0; v < _vars.Length; v++)
                    sim._gatherKernel(_m, _pop.Vars[_vars[v]].View, _neurons.View, Samples.View, Taken * SampleLength + v * _m);
            Taken++;
        }
    }
}
