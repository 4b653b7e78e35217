using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;
using Spiking.Description;
using Spiking.Random;
using Spiking.Readouts;

namespace Spiking.Engine;

/// <summary>
/// The time-stepped CPU kernel. Each step: inputs fill the current slot of each population's delay
/// ring; neurons are updated in fixed chunks (in parallel, each chunk writing its spikes to its own
/// part of the spike buffer, then joined in order); each spiking neuron's synapse row is added into
/// the ring slot of its delay (only rows of neurons that fired are touched); monitors record.
/// Chunks do not depend on the thread count and propagation runs in spike order, so results are
/// bit-identical for any number of threads.
/// </summary>
public sealed class Simulator : Runtime.ISimulation
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
    private readonly SpikeMonitorRuntime[] _spikeMonitors;
    private readonly StateMonitorRuntime[] _stateMonitors;
    private readonly RateMonitorRuntime[] _rateMonitors;
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
        if (threads <= 0) threads = spec.Simulation.Threads > 0 ? spec.Simulation.Threads : Network.AutoThreads(spec);
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
        var poisson = new List<PoissonRuntime>(); var times = new List<SpikeTimesRuntime>(); var currents = new List<CurrentRuntime>();
        var noise = new List<NoiseRuntime>();
        for (int k = 0; k < spec.Inputs.Count; k++)
        {
            var input = spec.Inputs[k];
            var target = network.Population(input.Target);
            int? Receptor(string name) => Enumerable.Range(0, target.Model.Receptors.Count).First(r => target.Model.Receptors[r].Name == name);
            int[]? neurons = input.Neurons?.ToArray();
            switch (input)
            {
                case PoissonInputSpec pi:
                    poisson.Add(new PoissonRuntime(k, target, Receptor(pi.Receptor)!.Value, pi.Rate * pi.Count * dt * 1e-3, pi.Weight, neurons));
                    break;
                case SpikeTimesInputSpec st:
                {
                    int r = Receptor(st.Receptor)!.Value;
                    if (target.TimedSlots is not null)
                    {
                        times.Add(TimedSpikeTimes(target, r, st, dt));
                        break;
                    }
                    int shift = target.Model.Receptors[r].ActsAtStepEnd ? 1 : 0;
                    var order = Enumerable.Range(0, st.SpikeTimes.Count)
                        .Select(m => (Step: (long)Math.Round(st.SpikeTimes[m] / dt) - shift, Neuron: st.SpikeNeurons[m]))
                        .OrderBy(e => e.Step).ThenBy(e => e.Neuron).ToArray();
                    times.Add(new SpikeTimesRuntime(target, r, st.Weight, order.Select(e => e.Step).ToArray(), order.Select(e => e.Neuron).ToArray()));
                    break;
                }
                case CurrentInputSpec ci:
                    currents.Add(new CurrentRuntime(target, ci.Times.Select(t => (long)Math.Round(t / dt)).ToArray(), ci.Amplitudes.ToArray(), neurons));
                    break;
                case NoiseInputSpec ni:
                    noise.Add(new NoiseRuntime(k, target, ni.Mean, ni.StandardDeviation, neurons));
                    break;
                case SeriesInputSpec si:
                {
                    var values = series[si.Series][si.Channel];
                    currents.Add(new CurrentRuntime(target, Enumerable.Range(0, values.Length).Select(s => (long)s).ToArray(), values, neurons));
                    break;
                }
            }
        }
        _poisson = poisson.ToArray(); _spikeTimes = times.ToArray(); _currents = currents.ToArray(); _noise = noise.ToArray();
        foreach (var c in _currents) c.Target.Group.HasExternalCurrent = true;
        _baseCurrent = new double[]?[_pops.Length];
        foreach (var z in _noise)
        {
            z.Target.Group.HasExternalCurrent = true;
            _baseCurrent[z.Target.Index] ??= new double[z.Target.Size];
        }

        var sm = new List<SpikeMonitorRuntime>(); var stm = new List<StateMonitorRuntime>(); var rm = new List<RateMonitorRuntime>();
        var wm = new List<WeightMonitorRuntime>();
        for (int k = 0; k < spec.Monitors.Count; k++)
        {
            var m = spec.Monitors[k];
            if (m is WeightMonitorSpec w)
            {
                var proj = _projs.First(p => p.Spec.Name == w.Projection);
                wm.Add(new WeightMonitorRuntime(k, proj, w.Times.Select(t => (long)Math.Round(t / dt)).ToArray()));
                continue;
            }
            var pop = network.Population(m.Population);
            var mask = MonitorMask.Of(m, pop.Size);
            switch (m)
            {
                case SpikeMonitorSpec:
                    sm.Add(new SpikeMonitorRuntime(k, pop, mask));
                    break;
                case StateMonitorSpec s:
                    stm.Add(new StateMonitorRuntime(k, s.Variables.Select(v => pop.Group.Variable(v)).ToArray(),
                        (m.Neurons ?? Enumerable.Range(0, pop.Size).ToArray()).ToArray(), Math.Max(1, (long)Math.Round(s.Interval / dt))));
                    break;
                case RateMonitorSpec r:
                    rm.Add(new RateMonitorRuntime(k, pop, mask, m.Neurons?.Distinct().Count() ?? pop.Size, Math.Max(1, (long)Math.Round(r.Bin / dt))));
                    break;
            }
        }
        _spikeMonitors = sm.ToArray(); _stateMonitors = stm.ToArray(); _rateMonitors = rm.ToArray();
        _weightMonitors = wm.ToArray();
        _plastic = _projs.Where(p => p.Plasticity is not null).Select(p => p.Plasticity!).ToArray();

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

    /// <summary>
    /// Spike-time input onto a population with timed input: a time t lands in the step n with
    /// t ∈ (n·dt, (n + 1)·dt] at offset t − n·dt. A time within 10⁻⁹ steps of the grid is taken as on
    /// it (offset exactly dt), so that inputs meant to coincide do, whatever the rounding of t/dt.
    /// </summary>
    internal static SpikeTimesRuntime TimedSpikeTimes(PopulationState target, int receptor, SpikeTimesInputSpec st, double dt)
    {
        var events = new (long Step, double Offset, int Neuron, double Time)[st.SpikeTimes.Count];
        for (int m = 0; m < events.Length; m++)
        {
            double t = st.SpikeTimes[m], x = t / dt;
            long k = (long)Math.Round(x);
            (long step, double offset) = Math.Abs(x - k) <= 1e-9 * Math.Max(1, Math.Abs(x))
                ? (k - 1, dt)
                : ((long)Math.Floor(x), t - Math.Floor(x) * dt);
            if (step < 0) (step, offset) = (0, 0); // t = 0 onto lif_cuba: at the first step's start, as on the grid
            events[m] = (step, offset, st.SpikeNeurons[m], t);
        }
        var order = events.OrderBy(e => e.Step).ThenBy(e => e.Offset).ThenBy(e => e.Neuron).ToArray();
        return new SpikeTimesRuntime(target, receptor, st.Weight, order.Select(e => e.Step).ToArray(), order.Select(e => e.Neuron).ToArray(),
            order.Select(e => e.Offset).ToArray());
    }

    private Action<long>[] _afterUpdate = [];
    private readonly ReadoutRuntime[] _readouts;
    private readonly LinearReadout[] _readoutObjects;

    /// <summary>The trained readouts of the spec, in order (their weights change while they learn).</summary>
    public IReadOnlyList<LinearReadout> Readouts => _readoutObjects;

    /// <summary>
    /// Calls <paramref name="hook"/> in every step after the neuron update and before propagation,
    /// with the step number: what it writes into rate outputs (<see cref="Models.NeuronGroup.Output"/>)
    /// is propagated in that same step. A readout in the loop uses it (<see cref="Readouts.FeedbackLoop"/>).
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
        => _projs.FirstOrDefault(p => p.Spec.Name == projection)?.Plasticity
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
        foreach (var r in _rateMonitors) { r.Count = 0; r.BinStart = first; }
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
        foreach (var r in _rateMonitors)
            if (_step > r.BinStart) FlushRate(r, recorder);
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
                rule.Projection.Pull?.Refresh(rule.Projection.Synapses.Weight);
            }
            long ta = Stopwatch.GetTimestamp();
            _tPlasticity += ta - t4;
            t4 = ta;
        }

        _step = n + 1;
        if (recorder is not null)
            foreach (var m in _spikeMonitors) RecordSpikes(m, n, recorder);
        foreach (var r in _rateMonitors)
        {
            var p = r.Population;
            if (r.Mask is null) r.Count += p.SpikeCount;
            else for (int k = 0; k < p.SpikeCount; k++) if (r.Mask[p.SpikeBuffer[k]]) r.Count++;
            if (_step - r.BinStart >= r.BinSteps) FlushRate(r, recorder);
        }
        _tRecord += Stopwatch.GetTimestamp() - t4;
    }

    private void UpdateChunk(int w)
    {
        var p = _pops[_workPop[w]];
        int s = _workStart[w];
        _workCount[w] = p.Group.Update(s, _workEnd[w], p.SpikeBuffer.AsSpan(s), p.OffsetBuffer.AsSpan(s));
    }

    private void PoissonChunk(int c)
    {
        var pi = _currentPoisson!;
        var into = pi.Target.InputFor(pi.Receptor, _step);
        int start = c * ChunkSize, end = Math.Min(pi.Count, start + ChunkSize);
        double lambda = pi.LambdaPerStep, w = pi.Weight;
        var table = pi.Table;
        ulong seed = _net.Spec.Simulation.DynamicsSeed;
        // Stream per (input, neuron), 16 blocks reserved per step: draws depend on nothing else.
        ulong block = (ulong)_step << 4;
        int k = start;
        if (table is not null)
        {
            // One uniform per neuron from the first block of its stream at this step, four neurons'
            // blocks at a time: the draws of PhiloxStream.NextPoisson(table), faster.
            var (k0, k1, c3) = PhiloxStream.Key(seed, StreamKind.PoissonInput, pi.Index);
            uint c0 = (uint)block, c1 = (uint)(block >> 32);
            for (; k + 4 <= end; k += 4)
            {
                int i0 = Neuron(pi, k), i1 = Neuron(pi, k + 1), i2 = Neuron(pi, k + 2), i3 = Neuron(pi, k + 3);
                Philox.Block4(k0, k1, c0, c1, (uint)i0, (uint)i1, (uint)i2, (uint)i3, c3, out var b0, out var b1, out var b2, out var b3);
                AddSpikes(into, i0, PhiloxStream.PoissonFromUniform(PhiloxStream.ToDouble((uint)b0, (uint)(b0 >> 32)), table), w);
                AddSpikes(into, i1, PhiloxStream.PoissonFromUniform(PhiloxStream.ToDouble((uint)b1, (uint)(b1 >> 32)), table), w);
                AddSpikes(into, i2, PhiloxStream.PoissonFromUniform(PhiloxStream.ToDouble((uint)b2, (uint)(b2 >> 32)), table), w);
                AddSpikes(into, i3, PhiloxStream.PoissonFromUniform(PhiloxStream.ToDouble((uint)b3, (uint)(b3 >> 32)), table), w);
            }
        }
        for (; k < end; k++)
        {
            int i = Neuron(pi, k);
            var rng = new PhiloxStream(seed, StreamKind.PoissonInput, pi.Index, (uint)i, block);
            AddSpikes(into, i, table is null ? rng.NextPoisson(lambda) : rng.NextPoisson(table), w);
        }
    }

    private static int Neuron(PoissonRuntime pi, int k) => pi.Neurons is null ? k : pi.Neurons[k];

    private static void AddSpikes(double[] into, int i, int spikes, double w)
    {
        if (spikes > 0) into[i] += spikes * w;
    }

    private void ApplyCurrents(long n)
    {
        foreach (var p in _pops)
        {
            bool changed = false;
            foreach (var c in _currents)
                if (c.Target == p) changed |= c.Advance(n);
            if (!changed) continue;
            var current = _baseCurrent[p.Index] ?? p.Group.ExternalCurrent;
            Array.Clear(current);
            foreach (var c in _currents)
            {
                if (c.Target != p) continue;
                double a = c.Current;
                if (c.Neurons is null) for (int i = 0; i < current.Length; i++) current[i] += a;
                else foreach (var i in c.Neurons) current[i] += a;
            }
        }
    }

    /// <summary>
    /// Noise currents of step n: each population with noise gets the current of its current inputs
    /// plus, per neuron, a draw from N(mean, sd²) of each noise input, from stream
    /// (seed, NoiseInput, input, neuron) at block n (one block gives the two uniforms of one draw).
    /// </summary>
    private void ApplyNoise(long n)
    {
        ulong seed = _net.Spec.Simulation.DynamicsSeed;
        foreach (var p in _pops)
        {
            if (_baseCurrent[p.Index] is not { } baseCurrent) continue;
            var current = p.Group.ExternalCurrent;
            baseCurrent.CopyTo(current, 0);
            foreach (var z in _noise)
            {
                if (z.Target != p) continue;
                int count = z.Neurons?.Length ?? p.Size;
                var (k0, k1, c3) = PhiloxStream.Key(seed, StreamKind.NoiseInput, z.Index);
                for (int k = 0; k < count; k++)
                {
                    int i = z.Neurons is null ? k : z.Neurons[k];
                    // The first block of stream (seed, NoiseInput, input, i) at block n: NextNormal of that stream.
                    Philox.Block(k0, k1, (uint)n, (uint)((ulong)n >> 32), (uint)i, c3, out uint b0, out uint b1, out uint b2, out uint b3);
                    current[i] += Models.NoiseMath.Draw(z.Mean, z.StandardDeviation, b0, b1, b2, b3);
                }
            }
        }
    }

    /// <summary>
    /// Propagation job p of <see cref="_partitions"/>: every spiking row's synapses whose targets lie in
    /// partition p of the post population (rows are sorted by target, so a binary search finds them).
    /// Each target receives its inputs in the same order (spike order, then row order) whatever the
    /// number of partitions, so sums, and results, do not depend on the thread count.
    /// </summary>
    private void PropagatePartition(int part)
    {
        long n = _step, events = 0;
        foreach (var proj in _projs)
        {
            var pre = proj.Pre;
            var output = pre.Group.Output;
            if (pre.SpikeCount == 0 && output is null) continue;
            if (proj.Timed) continue; // PropagateTimed, after the partitions
            int size = proj.Post.Size;
            int lo = (int)((long)size * part / _activePartitions), hi = (int)((long)size * (part + 1) / _activePartitions);
            events += output is null ? PropagateRange(proj, _splits[proj.Index], n, part, _activePartitions) : PropagateGraded(proj, _splits[proj.Index], n, part, _activePartitions, lo, hi, output);
        }
        _partitionEvents[part] = events;
    }

    private static unsafe long PropagateRange(ProjectionState proj, int[] splits, long n, int part, int parts)
    {
        var rowStart = proj.Synapses.RowStart;
        var pre = proj.Pre;
        var table = proj.Synapses;
        var target = table.Target;
        var weight = table.Weight;
        long events = 0;
        var direct = proj.Post.Direct[proj.Receptor];
        if (table.Delay.Length == 0)
        {
            // Undelayed input to a direct receptor lands in the state variable itself, which the update
            // of step n has already advanced: the same as adding it at the start of step n + 1.
            var slot = direct ?? proj.Post.Ring[proj.Receptor][(int)((n + 1 + table.ConstantDelay) % proj.Post.RingLength)];
            ref double slot0 = ref MemoryMarshal.GetArrayDataReference(slot);
            ref int target0 = ref MemoryMarshal.GetArrayDataReference(target);
            ref float weight0 = ref MemoryMarshal.GetArrayDataReference(weight);
            // Rows of the few neurons that fire in a step are cold: fetching them dominates. While one
            // row is added, the next row's synapse data is requested (software pipelining), so the
            // misses overlap instead of queueing one by one.
            long a = 0, b = 0;
            if (pre.SpikeCount > 0) (a, b) = ProjectionState.RowPart(rowStart, splits, pre.SpikeBuffer[0], part, parts);
            for (int k = 0; k < pre.SpikeCount; k++)
            {
                long na = 0, nb = 0;
                if (k + 1 < pre.SpikeCount)
                {
                    (na, nb) = ProjectionState.RowPart(rowStart, splits, pre.SpikeBuffer[k + 1], part, parts);
                    if (Sse.IsSupported)
                        for (long s = na; s < nb; s += 16) // 16 four-byte entries per 64-byte line
                        {
                            Sse.Prefetch0(Unsafe.AsPointer(ref Unsafe.Add(ref target0, (nint)s)));
                            Sse.Prefetch0(Unsafe.AsPointer(ref Unsafe.Add(ref weight0, (nint)s)));
                        }
                }
                events += b - a;
                ref int t0 = ref Unsafe.Add(ref target0, (nint)a);
                ref float w0 = ref Unsafe.Add(ref weight0, (nint)a);
                for (nint s = 0, len = (nint)(b - a); s < len; s++)
                    Unsafe.Add(ref slot0, Unsafe.Add(ref t0, s)) += Unsafe.Add(ref w0, s);
                (a, b) = (na, nb);
            }
        }
        else
        {
            var ring = proj.Post.Ring[proj.Receptor];
            int length = proj.Post.RingLength;
            int baseSlot = (int)((n + 1) % length);
            var delay = table.Delay;
            for (int k = 0; k < pre.SpikeCount; k++)
            {
                var (a, b) = ProjectionState.RowPart(rowStart, splits, pre.SpikeBuffer[k], part, parts);
                events += b - a;
                for (long s = a; s < b; s++)
                {
                    int slot = baseSlot + delay[s];
                    if (slot >= length) slot -= length;
                    ring[slot][target[s]] += weight[s];
                }
            }
        }
        return events;
    }

    /// <summary>
    /// Spikes onto a population with timed input: each synapse queues an event in the list of its
    /// arrival step with the spike's own offset (a spike at n·dt + o with delay D·dt arrives at
    /// (n + D)·dt + o, in step n + D; D ≥ 1 is required). Spikes without precise times count as
    /// stamped at the step's end (offset dt). Runs on one thread, in projection, spike and row order,
    /// so each list's order, and results, do not depend on the thread count.
    /// </summary>
    private long PropagateTimed(ProjectionState proj, long n)
    {
        var pre = proj.Pre;
        if (pre.SpikeCount == 0) return 0;
        var table = proj.Synapses;
        var rowStart = table.RowStart; var target = table.Target; var weight = table.Weight; var delay = table.Delay;
        var slots = proj.Post.TimedSlots!;
        int length = proj.Post.RingLength;
        // The table's delay in steps is D − 1 for receptors acting at the step's end, D otherwise.
        int shift = proj.Post.Model.Receptors[proj.Receptor].ActsAtStepEnd ? 1 : 0;
        int receptor = proj.Receptor;
        bool precise = pre.Spec.PreciseSpikeTimes;
        double dt = _net.Dt;
        long events = 0;
        for (int k = 0; k < pre.SpikeCount; k++)
        {
            int i = pre.SpikeBuffer[k];
            double offset = precise ? pre.OffsetBuffer[k] : dt;
            long a = rowStart[i], b = rowStart[i + 1];
            events += b - a;
            if (delay.Length == 0)
            {
                slots[(int)((n + shift + table.ConstantDelay) % length)].AddRow(target.AsSpan((int)a, (int)(b - a)), weight.AsSpan((int)a, (int)(b - a)), receptor, offset);
            }
            else
            {
                for (long s = a; s < b; s++) slots[(int)((n + shift + delay[s]) % length)].Add(target[s], receptor, offset, weight[s]);
            }
        }
        return events;
    }

    /// <summary>
    /// Propagation from rate units: every unit's output r goes out as weight × r along the same
    /// tables, delays and partitions as spikes (a spike is the case r = 1 for the units that fired).
    /// With a constant delay this is a gathered sparse product by target (<see cref="GradedPull"/>);
    /// with per-synapse delays, every unit with a nonzero output adds weight × r along its row. Per
    /// target the order of the sum does not depend on the number of partitions.
    /// </summary>
    private static long PropagateGraded(ProjectionState proj, int[] splits, long n, int part, int parts, int lo, int hi, double[] output)
    {
        var rowStart = proj.Synapses.RowStart;
        var table = proj.Synapses;
        var target = table.Target;
        var weight = table.Weight;
        var ring = proj.Post.Ring[proj.Receptor];
        int length = proj.Post.RingLength;
        int baseSlot = (int)((n + 1) % length);
        var constantSlot = table.Delay.Length == 0
            ? proj.Post.Direct[proj.Receptor] ?? ring[(baseSlot + table.ConstantDelay) % length]
            : null;
        var delay = table.Delay;
        if (proj.Pull is { } pull && constantSlot is not null) return pull.Apply(output, constantSlot, lo, hi);
        long events = 0;
        for (int i = 0; i < output.Length; i++)
        {
            double r = output[i];
            if (r == 0) continue;
            var (a, b) = ProjectionState.RowPart(rowStart, splits, i, part, parts);
            events += b - a;
            if (constantSlot is not null)
            {
                for (long s = a; s < b; s++) constantSlot[target[s]] += weight[s] * r;
            }
            else
            {
                for (long s = a; s < b; s++)
                {
                    int slot = baseSlot + delay[s];
                    if (slot >= length) slot -= length;
                    ring[slot][target[s]] += weight[s] * r;
                }
            }
        }
        return events;
    }

    private void RecordSpikes(SpikeMonitorRuntime m, long n, IRecorder recorder)
    {
        var p = m.Population;
        if (p.SpikeCount == 0) return;
        double dt = _net.Dt;
        bool precise = p.Spec.PreciseSpikeTimes;
        double stepStart = n * dt, stepEnd = (n + 1) * dt;
        int c = 0;
        for (int k = 0; k < p.SpikeCount; k++)
        {
            int i = p.SpikeBuffer[k];
            if (m.Mask is not null && !m.Mask[i]) continue;
            m.Ids[c] = i;
            m.Times[c] = precise ? stepStart + p.OffsetBuffer[k] : stepEnd;
            c++;
        }
        if (c > 0) recorder.RecordSpikes(m.Index, m.Times.AsSpan(0, c), m.Ids.AsSpan(0, c));
    }

    /// <summary>Takes the snapshots of <paramref name="m"/> due at step <paramref name="n"/> (time n·dt), once each.</summary>
    private void RecordWeights(WeightMonitorRuntime m, long n, IRecorder? recorder)
    {
        while (m.Next < m.Steps.Length && m.Steps[m.Next] < n) m.Next++; // times before this run's start
        if (m.Next >= m.Steps.Length || m.Steps[m.Next] != n) return;
        m.Next++;
        if (recorder is null) return;
        var proj = m.Projection;
        if (proj.Plasticity is { } rule) recorder.RecordWeights(m.Index, n * _net.Dt, rule.SnapshotWeights);
        else
        {
            var w = proj.Synapses.Weight;
            for (int s = 0; s < w.Length; s++) m.Buffer[s] = w[s];
            recorder.RecordWeights(m.Index, n * _net.Dt, m.Buffer);
        }
    }

    private static void SampleState(StateMonitorRuntime sm, double t, IRecorder? recorder)
    {
        if (recorder is null) return;
        int n = sm.Neurons.Length;
        for (int v = 0; v < sm.Variables.Length; v++)
        {
            var src = sm.Variables[v];
            for (int k = 0; k < n; k++) sm.Buffer[v * n + k] = src[sm.Neurons[k]];
        }
        recorder.RecordState(sm.Index, t, sm.Buffer);
    }

    private void FlushRate(RateMonitorRuntime r, IRecorder? recorder)
    {
        double binMs = (_step - r.BinStart) * _net.Dt;
        double rate = r.Monitored > 0 ? r.Count / (r.Monitored * binMs * 1e-3) : 0;
        recorder?.RecordRate(r.Index, r.BinStart * _net.Dt, rate);
        r.Count = 0;
        r.BinStart = _step;
    }

    public void Dispose() => _pool.Dispose();
}
