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
using Spiking.Runtime;

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
    // This file: the public API and the run loop. The other parts: DeviceSimulator.Upload.cs (the upload and
    // wiring), DeviceSimulator.StepSchedule.cs (a step's launches), DeviceSimulator.HostSync.cs (readouts and
    // hooks inside a step, the state back after a run), DeviceSimulator.BlockReplay.cs (a block copied back
    // and replayed to the recorder). What they share on the device is in DeviceSession.

    /// <summary>Spike ids the device may buffer per block, summed over populations (the block is shortened to fit the worst case).</summary>
    private const long RecordBudget = 1L << 25;
    /// <summary>Most steps per block: spikes are copied back at least this often.</summary>
    private const int MaxBlockSteps = 1000;

    private readonly Network _net;
    private readonly Context _context;
    private readonly Accelerator _acc;
    private readonly DeviceMemory _memory;
    private readonly DeviceSession _device; // what the populations, projections, inputs, rules and monitors share
    private readonly DeviceSums _sums;
    private readonly DevicePopulation[] _pops;
    private readonly DeviceProjection[] _projs;
    private readonly DevicePoissonInput[] _poisson;
    private readonly DeviceSpikeTimesInput[] _times;
    private readonly DeviceCurrentInput[] _currents;
    private readonly DeviceNoiseInput[] _noise;
    private readonly GridMonitors _monitors; // spike and rate monitors, shared with the CPU engine
    private readonly DeviceStateMonitor[] _stateMons;
    private readonly DeviceWeightMonitor[] _weightMons;
    private readonly DeviceRule[] _rules; // plastic projections, in projection order
    private readonly ReadoutRuntime[] _readouts;
    // Readouts without feedback learn from blocks copied back (rate units' outputs kept per step on the
    // device); with feedback the host runs them inside each step.
    private readonly bool _blockReadoutsPossible; // every readout without feedback: they can learn from blocks
    private bool _blockReadouts;                  // ... and this run has no AfterUpdate hooks, which run after the readouts in each step
    private Action<long>[] _afterUpdate = [];
    private readonly ReadoutOutput[] _readoutOutputs;
    private readonly DevicePopulation[] _readoutPops, _feedbackPops;
    private readonly DevicePopulation[] _readoutSources, _readoutSync; // distinct: the readouts' populations; those and the fed-back ones
    private readonly DeviceTimedSpikeTimesInput[] _timedTimes = []; // spike-time inputs onto precise populations
    private DevicePopulation[] _inferred = []; // binary populations with an inference hook (set at each run's start)
    private readonly int[] _hostStep = new int[2];
    private IRecorder? _recorder;
    private readonly int[] _hostCounters, _hostStepEnds;
    private readonly long[] _spikeTotals;
    private readonly DevicePoissonInput[] _poissonInBatch = new DevicePoissonInput[Batch<PoissonLaunch>.Capacity];
    private readonly long[] _hostGradedEvents = new long[1];
    private readonly long _gradedStepEvents; // synapses read per step by undelayed projections from rate units
    private readonly int[] _sampleAt = [];   // replay: per state monitor, the next sample of the block
    private long _step;
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

    /// <summary>The trained readouts of the spec, in order (their weights change while they learn), as <see cref="ISimulation.Readouts"/>.</summary>
    public IReadOnlyList<LinearReadout> Readouts => _readouts.Select(r => r.Readout).ToArray();

    /// <summary>
    /// Calls <paramref name="hook"/> in every step after the neuron update (and the readouts) and before
    /// propagation, with the step number, as <see cref="ISimulation.AfterUpdate"/>: the host populations hold
    /// the step's rate outputs and sorted spikes, and what the hook writes into rate outputs
    /// (<see cref="Models.NeuronGroup.Output"/>) is propagated in that same step. A wait for the device
    /// per step while any hook is set.
    /// </summary>
    public void AfterUpdate(Action<long> hook) => _afterUpdate = [.. _afterUpdate, hook];

    /// <summary>
    /// Runs the stochastic binary units of <paramref name="population"/> inferred from the next run on
    /// (null: free running again), as <see cref="ISimulation.SetInference"/>; the hook runs on the host.
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
    public long DeviceBytes => _memory.Bytes;

    /// <summary>Steps per block: spikes and samples are copied back from the device once per block.</summary>
    public int BlockSteps => _device.BlockSteps;

    /// <summary>The network being run. Its host state arrays are brought up to date after each run.</summary>
    public Network Network => _net;

    /// <summary>Steps done so far (runs continue where the last one stopped).</summary>
    public long CurrentStep => _step;

    /// <summary>
    /// The learning rule state of the projection named <paramref name="projection"/> (null when it is
    /// static), as the CPU's <see cref="ISimulation.Plasticity"/>: the host rule, whose weights and traces
    /// are copied back from the device after each run.
    /// </summary>
    public PlasticityRuntime? Plasticity(string projection)
        => _net.Projections.FirstOrDefault(p => p.Spec.Name == projection) is { } p
            ? (PlasticityRuntime?)p.Plasticity
            : throw new ArgumentException($"no projection named '{projection}'", nameof(projection));

    /// <summary>
    /// Why the device cannot run <paramref name="network"/>: one line per feature and where it is used;
    /// empty when it can.
    /// </summary>
    public static IReadOnlyList<string> Unsupported(Network network) => Unsupported(network, DeviceBackend.Cuda);

    /// <inheritdoc cref="DeviceCapabilities.Unsupported"/>
    internal static IReadOnlyList<string> Unsupported(Network network, DeviceBackend backend) => DeviceCapabilities.Unsupported(network, backend);

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
        _monitors.BeginRun(first);
        // What the program changed on the host between runs: weights set on plastic projections, currents injected.
        foreach (var x in _rules) x.UploadChanges(_device);
        foreach (var p in _pops) p.UploadInjected();
        // A hook set or removed between runs changes what the binary units' update does.
        foreach (var p in _pops) p.FollowInference(_device, _step);
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
        _monitors.EndRun(_step, recorder);
        _device.GradedEvents.View.CopyToCPU(_hostGradedEvents);
        _device.GradedEvents.MemSetToZero();
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

    private void DisposeDevice()
    {
        _acc?.Dispose();
        _context?.Dispose();
    }

    /// <summary>Frees the device and its memory.</summary>
    public void Dispose() => DisposeDevice();
}
