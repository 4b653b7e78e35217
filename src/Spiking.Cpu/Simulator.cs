using System.Diagnostics;
using Spiking.Runtime;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;
using Spiking.Description;
using Spiking.Random;
using Spiking.Readouts;
using Spiking.Engine;

namespace Spiking.Cpu;

/// <summary>
/// The time-stepped CPU kernel. Each step: inputs fill the current slot of each population's delay
/// ring; neurons are updated in fixed chunks (in parallel, each chunk writing its spikes to its own
/// part of the spike buffer, then joined in order); each spiking neuron's synapse row is added into
/// the ring slot of its delay (only rows of neurons that fired are touched); monitors record.
/// Chunks do not depend on the thread count and propagation runs in spike order, so results are
/// bit-identical for any number of threads.
/// </summary>
public sealed partial class Simulator : Runtime.ISimulation
{
    /// <summary>Neurons per update chunk; fixed so that results never depend on threads.</summary>
    public const int ChunkSize = 4096;

    private readonly Network _net;
    private readonly PopulationState[] _pops;       // arrays, not IReadOnlyList: foreach over them allocates nothing
    private readonly ProjectionState[] _projs;
    private readonly WorkerPool _pool;
    private readonly int[] _workPop, _workStart, _workEnd, _workCount;
    private readonly int[][] _popChunks; // per population, its work items in order
    private readonly PoissonRuntime[] _poisson;
    private readonly SpikeTimesRuntime[] _spikeTimes;
    private readonly CurrentRuntime[] _currents;
    private readonly NoiseRuntime[] _noise;
    private readonly double[]?[] _baseCurrent; // per population with noise: the current of its current inputs, before noise
    private readonly Runtime.GridMonitors _monitors; // spike and rate monitors, shared with the device engine
    private readonly StateMonitorRuntime[] _stateMonitors;
    private readonly WeightMonitorRuntime[] _weightMonitors;
    private readonly Plasticity.PlasticityRuntime[] _plastic; // plastic projections in projection order
    private readonly Action<int> _updateJob, _poissonJob, _propagateJob;
    private readonly int _partitions;         // propagation may split each post population into this many target ranges
    private int _activePartitions;            // ... and does so this step
    /// <summary>
    /// Synaptic events in a step below which propagation runs on one thread. 20,000 while each partition
    /// binary-searched every spiking row; with the splits precomputed, splitting pays from about 1,000
    /// (CUBA, paired runs: 400,000 neurons, 18,000 events per step, propagation 1.19 → 0.92 s;
    /// 40,000 neurons, 1,800 per step, 0.070 → 0.059 s).
    /// </summary>
    private const double MinEventsToSplit = 1_000;

    /// <summary>Expected events per step from which propagation is split over threads (tests lower it to exercise that path on small networks).</summary>
    internal double SplitThreshold { get; set; } = MinEventsToSplit;
    private readonly long[] _partitionEvents;
    private PoissonRuntime? _currentPoisson;
    private long _step;
    private long _events;
    private long _tInputs, _tUpdate, _tPropagate, _tRecord, _tPlasticity; // Stopwatch ticks per phase, for RunResult.Profile
    private readonly long[] _spikeTotals;

    /// <summary>Prepares a network to run on <paramref name="threads"/> threads (0: the spec's setting, else automatic).</summary>
    public Simulator(Network network, int threads = 0)
    {
        _net = network;
        _pops = network.Populations.ToArray();
        _projs = network.Projections.ToArray();
        var spec = network.Spec;
        if (threads <= 0) threads = spec.Simulation.Threads > 0 ? spec.Simulation.Threads : Network.AutoThreads(network.NeuronCount, network.SynapseCount);
        _pool = new WorkerPool(threads);

        var wp = new List<int>(); var ws = new List<int>(); var we = new List<int>();
        _popChunks = new int[network.Populations.Count][];
        foreach (var p in network.Populations)
        {
            var mine = new List<int>();
            for (int s = 0; s < p.Size; s += ChunkSize)
            {
                mine.Add(wp.Count);
                wp.Add(p.Index); ws.Add(s); we.Add(Math.Min(p.Size, s + ChunkSize));
            }
            _popChunks[p.Index] = mine.ToArray();
        }
        _workPop = wp.ToArray(); _workStart = ws.ToArray(); _workEnd = we.ToArray();
        _workCount = new int[_workPop.Length];
        _spikeTotals = new long[network.Populations.Count];

        double dt = network.Dt;
        // Series for series inputs and readout targets: one value per step of the spec's duration.
        long seriesSteps = (long)Math.Round(spec.Simulation.Duration / dt) + 1;
        var series = new Dictionary<string, IReadOnlyDictionary<string, double[]>>(StringComparer.Ordinal);
        for (int k = 0; k < spec.Series.Count; k++)
            series[spec.Series[k].Name] = Tasks.SeriesGenerators.Generate(spec.Series[k], seriesSteps, dt, spec.Simulation.Seed, k);
        var inputs = Inputs.InputPlan.Create(network, series);
        var poisson = inputs.Poisson.Select(pi => new PoissonRuntime(pi.Index, _pops[pi.Population], pi.Receptor, pi.LambdaPerStep(dt), pi.Weight, pi.Neurons)).ToList();
        var times = inputs.SpikeTrains.Select(st => st.Runtime(_pops[st.Population], dt)).ToList();
        var currents = inputs.Currents.Select(c => new CurrentRuntime(_pops[c.Population], c.Steps, c.Amplitudes, c.Neurons)).ToList();
        var noise = inputs.Noise.Select(z => new NoiseRuntime(z.Index, _pops[z.Population], z.Mean, z.StandardDeviation, z.Neurons)).ToList();
        _poisson = poisson.ToArray(); _spikeTimes = times.ToArray(); _currents = currents.ToArray(); _noise = noise.ToArray();
        foreach (var c in _currents) c.Target.Group.HasExternalCurrent = true;
        _baseCurrent = new double[]?[_pops.Length];
        foreach (var z in _noise)
        {
            z.Target.Group.HasExternalCurrent = true;
            _baseCurrent[z.Target.Index] ??= new double[z.Target.Size];
        }

        _monitors = new Runtime.GridMonitors(network);
        _stateMonitors = _monitors.States.Select(m => new StateMonitorRuntime(m.Index, m.Variables.Select(v => m.Population.Group.Variable(v)).ToArray(),
            m.Neurons, m.IntervalSteps(dt))).ToArray();
        _weightMonitors = _monitors.Weights.Select(m => new WeightMonitorRuntime(m.Index, m.Projection, m.Steps(dt))).ToArray();
        _plastic = _projs.Where(p => p.Plasticity is not null).Select(p => (Plasticity.PlasticityRuntime)p.Plasticity!).ToArray();

        foreach (var proj in _projs)
            if (proj.Pre.Group.Output is not null && proj.Synapses.Delay.Length == 0)
                proj.Pull ??= GradedPull.Build(proj.Synapses, proj.Pre.Size, proj.Post.Size);

        _readouts = new ReadoutRuntime[spec.Readouts.Count];
        for (int k = 0; k < spec.Readouts.Count; k++)
        {
            var r = spec.Readouts[k];
            _readouts[k] = new ReadoutRuntime(r, k, network, series[r.Target][r.Channel]);
        }
        _readoutObjects = _readouts.Select(r => r.Readout).ToArray();

        _populationSteps = _pops.Select(p => p.Group).OfType<Models.IPopulationStep>().ToArray();
        _timedPops = _pops.Where(p => p.TimedSlots is not null).ToArray();
        _timedProjs = _projs.Where(p => p.Timed).ToArray();

        _updateJob = UpdateChunk;
        _poissonJob = PoissonChunk;
        _propagateJob = PropagatePartition;
        _partitions = _pool.Threads;
        _splits = _projs.Select(p => p.ComputeSplits(_partitions)).ToArray();
        _partitionEvents = new long[_partitions];
    }

    /// <summary>Steps whose propagation was split over threads (for tests of that path).</summary>
    internal long SplitSteps { get; private set; }

    private readonly int[][] _splits; // per projection, where its rows divide between the propagation partitions
    private readonly Models.IPopulationStep[] _populationSteps; // groups told of each step before and after their update (binary units)
    private readonly PopulationState[] _timedPops;   // precise populations taking timed input (events with offsets)
    private readonly ProjectionState[] _timedProjs;  // projections whose spikes travel as such events


    private Action<long>[] _afterUpdate = [];
    private readonly ReadoutRuntime[] _readouts;
    private readonly LinearReadout[] _readoutObjects;

    /// <summary>The trained readouts of the spec, in order (their weights change while they learn).</summary>
    public IReadOnlyList<LinearReadout> Readouts => _readoutObjects;

    /// <summary>
    /// Calls <paramref name="hook"/> in every step after the neuron update and before propagation,
    /// with the step number: what it writes into rate outputs (<see cref="Models.NeuronGroup.Output"/>)
    /// is propagated in that same step. A readout in the loop uses it (<see cref="FeedbackLoop"/>).
    /// </summary>
    public void AfterUpdate(Action<long> hook) => _afterUpdate = [.. _afterUpdate, hook];

    /// <summary>
    /// Runs the stochastic binary units of <paramref name="population"/> inferred: from the next step on,
    /// <paramref name="inference"/> sets their gates (and amplitudes) each step instead of sampling them
    /// (null: free running again). See <see cref="Network.SetInference"/>.
    /// </summary>
    public void SetInference(string population, Models.IGatedInference? inference) => _net.SetInference(population, inference);

    /// <summary>The learning rule state of the projection named <paramref name="projection"/> (null when it is static).</summary>
    public Plasticity.PlasticityRuntime? Plasticity(string projection)
        => (Plasticity.PlasticityRuntime?)_projs.FirstOrDefault(p => p.Spec.Name == projection)?.Plasticity
            ?? (_projs.Any(p => p.Spec.Name == projection) ? null : throw new ArgumentException($"no projection named '{projection}'", nameof(projection)));

    /// <summary>The network being run.</summary>
    public Network Network => _net;

    /// <summary>Steps done so far (runs continue where the last one stopped).</summary>
    public long CurrentStep => _step;

    /// <summary>Simulated time reached (ms).</summary>
    public double Time => _step * _net.Dt;

    /// <summary>Threads in use.</summary>
    public int Threads => _pool.Threads;

    /// <inheritdoc/>
    public string Backend => "cpu";

    /// <inheritdoc/>
    public string Mode => "step";

    /// <inheritdoc/>
    public string Describe()
        => $"; simulating {_net.Spec.Simulation.Duration} ms at dt {_net.Spec.Simulation.Dt} ms on {Threads} thread{(Threads == 1 ? "" : "s")}";

    /// <summary>
    /// Simulates <paramref name="duration"/> ms (the spec's duration when null), sending what the
    /// monitors record to <paramref name="recorder"/>.
    /// </summary>
    public RunResult Run(double? duration = null, IRecorder? recorder = null, IProgress<RunProgress>? progress = null, CancellationToken cancel = default)
    {
        double dt = _net.Dt;
        double total = duration ?? _net.Spec.Simulation.Duration;
        long steps = (long)Math.Round(total / dt);
        long first = _step;
        Array.Clear(_spikeTotals);
        _events = 0;
        _tInputs = _tUpdate = _tPropagate = _tRecord = _tPlasticity = 0;
        _monitors.BeginRun(first);
        recorder?.Begin(_net);
        var clock = Stopwatch.StartNew();
        double lastReport = 0;
        for (long k = 0; k < steps; k++)
        {
            StepOnce(recorder);
            if ((k & 63) == 63)
            {
                cancel.ThrowIfCancellationRequested();
                double now = clock.Elapsed.TotalSeconds;
                if (progress is not null && now - lastReport > 0.1)
                {
                    lastReport = now;
                    progress.Report(new RunProgress((k + 1) * dt, steps * dt, now));
                }
            }
        }
        // A snapshot due at the end of the run is taken after its last step.
        foreach (var w in _weightMonitors) RecordWeights(w, _step, recorder);
        // Close a partly filled rate bin so the whole run is covered.
        _monitors.EndRun(_step, recorder);
        double wall = clock.Elapsed.TotalSeconds;
        progress?.Report(new RunProgress(steps * dt, steps * dt, wall));
        double tick = 1.0 / Stopwatch.Frequency;
        bool complete = _step >= (long)Math.Round(_net.Spec.Simulation.Duration / dt);
        foreach (var r in _readouts) r.Finish(recorder, complete);
        var result = new RunResult(steps, first * dt, steps * dt, wall, _spikeTotals.ToArray(), _events, _pool.Threads)
        {
            Profile = new RunProfile(_tInputs * tick, _tUpdate * tick, _tPropagate * tick, _tRecord * tick) { PlasticitySeconds = _tPlasticity * tick },
            Readouts = _readouts.Select(r => r.Score()).ToArray(),
        };
        recorder?.End(result);
        return result;
    }

    private void StepOnce(IRecorder? recorder)
    {
        long n = _step;
        double dt = _net.Dt;
        double t = n * dt;

        long t0 = Stopwatch.GetTimestamp();
        foreach (var sm in _stateMonitors)
            if (n % sm.IntervalSteps == 0) SampleState(sm, t, recorder);
        foreach (var w in _weightMonitors) RecordWeights(w, n, recorder);
        long t1 = Stopwatch.GetTimestamp();
        _tRecord += t1 - t0;

        // Point every population's receptor inputs at this step's ring slot (null for direct receptors).
        foreach (var p in _pops)
        {
            int slot = (int)(n % p.DenseSlots);
            for (int r = 0; r < p.Ring.Length; r++) p.Group.ReceptorInput[r] = p.Direct[r] is null && p.GridInput ? p.Ring[r][slot] : null;
        }

        foreach (var st in _spikeTimes)
        {
            if (st.Offsets is { } offsets)
            {
                var list = st.Target.TimedSlots![(int)(n % st.Target.RingLength)];
                for (; st.Next < st.Steps.Length && st.Steps[st.Next] <= n; st.Next++)
                    if (st.Steps[st.Next] == n) list.Add(st.Neurons[st.Next], st.Receptor, offsets[st.Next], st.Weight);
                continue;
            }
            var into = st.Target.InputFor(st.Receptor, n);
            while (st.Next < st.Steps.Length && st.Steps[st.Next] <= n)
            {
                if (st.Steps[st.Next] == n) into[st.Neurons[st.Next]] += st.Weight;
                st.Next++;
            }
        }

        foreach (var pi in _poisson)
        {
            if (pi.LambdaPerStep <= 0) continue;
            _currentPoisson = pi;
            _pool.Run((pi.Count + ChunkSize - 1) / ChunkSize, _poissonJob);
        }

        if (_currents.Length > 0) ApplyCurrents(n);
        foreach (var p in _timedPops) p.TimedSlots![(int)(n % p.RingLength)].MoveTo(p.Group.TimedInput!);
        if (_noise.Length > 0) ApplyNoise(n);
        long t2 = Stopwatch.GetTimestamp();
        _tInputs += t2 - t1;

        foreach (var g in _populationSteps) g.BeforeUpdate(n);
        _pool.Run(_workPop.Length, _updateJob);

        // Join each population's chunk spikes in chunk order.
        foreach (var p in _pops)
        {
            int count = 0;
            foreach (var w in _popChunks[p.Index])
            {
                int c = _workCount[w], s = _workStart[w];
                if (c > 0 && s != count)
                {
                    p.SpikeBuffer.AsSpan(s, c).CopyTo(p.SpikeBuffer.AsSpan(count));
                    p.OffsetBuffer.AsSpan(s, c).CopyTo(p.OffsetBuffer.AsSpan(count));
                }
                count += c;
            }
            p.SpikeCount = count;
            _spikeTotals[p.Index] += count;
        }

        // Whole-population work after the chunks (an inference hook setting binary units' gates), on
        // one thread, before anything reads this step's outputs.
        foreach (var g in _populationSteps) g.AfterUpdate(n);
        foreach (var r in _readouts) r.AfterUpdate(n, recorder);
        foreach (var hook in _afterUpdate) hook(n);

        long t3 = Stopwatch.GetTimestamp();
        _tUpdate += t3 - t2;
        if (_plastic.Length > 0)
        {
            foreach (var rule in _plastic) rule.BeforePropagation(n);
            long tb = Stopwatch.GetTimestamp();
            _tPlasticity += tb - t3;
            t3 = tb;
        }
        // Split propagation over threads only when this step has enough events to repay the
        // synchronisation (and the cold rows that every partition must touch); results are the same either way.
        double expected = 0;
        foreach (var proj in _projs) expected += proj.Pre.Group.Output is null ? proj.Pre.SpikeCount * proj.MeanRowLength : proj.Synapses.Count;
        int parts = expected >= SplitThreshold ? _partitions : 1;
        _activePartitions = parts;
        if (parts > 1) SplitSteps++;
        _pool.Run(parts, _propagateJob);
        for (int part = 0; part < parts; part++) _events += _partitionEvents[part];
        foreach (var proj in _timedProjs) _events += PropagateTimed(proj, n);
        long t4 = Stopwatch.GetTimestamp();
        _tPropagate += t4 - t3;
        if (_plastic.Length > 0)
        {
            // One thread, projection order: weight changes never depend on the thread count.
            foreach (var rule in _plastic)
            {
                rule.Step(n);
                // A rate projection propagates from its column copy of the weights: copy them again.
                if (rule.ChangesWeightsEachStep) rule.Projection.Pull?.Refresh(rule.Projection.Synapses.Weight);
            }
            long ta = Stopwatch.GetTimestamp();
            _tPlasticity += ta - t4;
            t4 = ta;
        }

        _step = n + 1;
        _monitors.RecordStep(n, new StepSpikes(_pops), recorder);
        _tRecord += Stopwatch.GetTimestamp() - t4;
    }

    private void UpdateChunk(int w)
    {
        var p = _pops[_workPop[w]];
        int s = _workStart[w];
        _workCount[w] = p.Group.Update(s, _workEnd[w], p.SpikeBuffer.AsSpan(s), p.OffsetBuffer.AsSpan(s));
    }

    /// <inheritdoc/>
    public void Dispose() => _pool.Dispose();
}
