using Spiking.Numerics;
using System.Diagnostics;
using Spiking.Description;
using Spiking.Engine;
using Spiking.Random;

namespace Spiking.EventDriven;

/// <summary>
/// The event-driven CPU kernel: one global queue of events (<see cref="EventQueue"/>) processed in
/// time order; neurons are advanced analytically only when an event reaches them, spike times are
/// exact float64 and synaptic delays are the continuous values of the description. Single-threaded
/// and deterministic: the same network and seed give bit-identical results on every run.
/// A run covers [start, start + duration): events at exactly the end time belong to the next run.
/// </summary>
public sealed partial class EventSimulator : Runtime.ISimulation
{
    private readonly Network _net;
    private readonly EventQueue _queue = new();
    private readonly CrossingQueue _crossings;
    private readonly EventPopulation[] _pops;
    private readonly ProjectionState[] _projs;
    private readonly int[] _popOfId;             // per crossing-queue id, its population
    private readonly int[][] _outgoing;          // per population, indices of projections leaving it
    private readonly PoissonEvents[] _poisson;
    private readonly SpikeTimeEvents[] _spikeTimes;
    private readonly CurrentEvents[] _currents;
    private readonly SpikeMonitorBuffer[] _spikeMonitors;
    private readonly int[] _spikeMonitorOf;      // per population, index into _spikeMonitors or -1
    private readonly int[] _spikeBuffered;
    private readonly StateSampler[] _samplers;
    private readonly RateBins[] _rates;
    private readonly int[][] _ratesOf;           // per population, indices into _rates
    private readonly long[] _spikeTotals;
    private readonly Plasticity.PlasticityRuntime[][] _plasticFrom, _plasticInto; // per population: rules whose pre / post it is
    private readonly WeightSnapshots[] _weightSnapshots;
    private double _time;
    private bool _started;
    private long _events, _deliveries;
    private IRecorder? _recorder;

    /// <summary>Prepares <paramref name="network"/> (built with any mode; delays per synapse need a network built in event mode).</summary>
    public EventSimulator(Network network)
    {
        _net = network;
        var spec = network.Spec;
        foreach (var p in network.Populations)
            if (!p.Model.SupportsEventDriven)
                throw new SpecException([new ValidationError($"populations[{p.Index}].model",
                    $"model '{p.Model.Name}' of population '{p.Spec.Name}' cannot be advanced exactly between events, so it cannot run in event mode; run it time-stepped")], spec.SourceName);
        _crossings = new CrossingQueue(checked((int)network.NeuronCount));
        int baseId = 0;
        _pops = new EventPopulation[network.Populations.Count];
        _popOfId = new int[network.NeuronCount];
        foreach (var p in network.Populations)
        {
            _pops[p.Index] = EventPopulation.Create(p, _queue, _crossings, baseId);
            Array.Fill(_popOfId, p.Index, baseId, p.Size);
            baseId += p.Size;
        }
        _projs = network.Projections.ToArray();
        foreach (var pr in _projs)
            if (pr.Synapses.DelayMs.Length == 0 && pr.Synapses.Delay.Length > 0)
                throw new ArgumentException($"projection '{pr.Spec.Name}' has per-synapse delays but its table was built for the time-stepped kernel; build the network from a spec with Mode = Event", nameof(network));
        _outgoing = _pops.Select(p => _projs.Where(pr => pr.Pre.Index == p.Index && pr.Synapses.Count > 0).Select(pr => pr.Index).ToArray()).ToArray();
        _spikeTotals = new long[_pops.Length];

        // Event mode refuses series and noise inputs at validation: they are drawn per step.
        var inputs = Inputs.InputPlan.Create(network);
        int[] Driven(int[]? neurons, int population) => neurons ?? Enumerable.Range(0, _pops[population].Size).ToArray();
        var poisson = inputs.Poisson.Select(pi => new PoissonEvents(pi.Index, pi.Population, pi.Receptor, pi.RatePerMs, pi.Weight, Driven(pi.Neurons, pi.Population))).ToList();
        var times = inputs.SpikeTrains.Select(st =>
        {
            var (t, neurons) = st.ExactEvents();
            return new SpikeTimeEvents(st.Population, st.Receptor, st.Weight, t, neurons);
        }).ToList();
        var currents = inputs.Currents.Select(c => new CurrentEvents(c.Population, c.Times!, c.Amplitudes, Driven(c.Neurons, c.Population))).ToList();
        _poisson = poisson.ToArray(); _spikeTimes = times.ToArray(); _currents = currents.ToArray();

        _plasticFrom = _pops.Select(p => _projs.Where(pr => pr.Plasticity is not null && pr.Pre.Index == p.Index).Select(pr => (Plasticity.PlasticityRuntime)pr.Plasticity!).ToArray()).ToArray();
        _plasticInto = _pops.Select(p => _projs.Where(pr => pr.Plasticity is not null && pr.Post.Index == p.Index).Select(pr => (Plasticity.PlasticityRuntime)pr.Plasticity!).ToArray()).ToArray();

        // The monitors resolved as for every engine, sampled here at their exact times (ms).
        var monitors = new Runtime.MonitorPlan(network);
        _spikeMonitorOf = Enumerable.Repeat(-1, _pops.Length).ToArray();
        for (int m = 0; m < monitors.Spikes.Count; m++) _spikeMonitorOf[monitors.Spikes[m].Population.Index] = m;
        _spikeMonitors = monitors.Spikes.Select(m => new SpikeMonitorBuffer(m.Index, m.Population, m.Mask)).ToArray();
        _samplers = monitors.States.Select(m => new StateSampler(m.Index, _pops[m.Population.Index],
            m.Variables.Select(v => _pops[m.Population.Index].VariableIndex(v)).ToArray(), m.Neurons, m.Interval)).ToArray();
        _rates = monitors.Rates.Select(m => new RateBins(m.Index, m.Population.Index, m.Mask, m.Monitored, m.Bin)).ToArray();
        _weightSnapshots = monitors.Weights.Select(m => new WeightSnapshots(m.Index, m.Projection, m.Times.Order().ToArray())).ToArray();
        _spikeBuffered = new int[_spikeMonitors.Length];
        _ratesOf = _pops.Select(p => Enumerable.Range(0, _rates.Length).Where(r => _rates[r].Population == p.Index).ToArray()).ToArray();
    }

    /// <summary>The network being run.</summary>
    public Network Network => _net;

    /// <summary>Simulated time reached (ms).</summary>
    public double Time => _time;

    /// <inheritdoc/>
    public int Threads => 1;

    /// <inheritdoc/>
    public string Backend => "cpu";

    /// <inheritdoc/>
    public string Mode => "event";

    /// <inheritdoc/>
    public string Describe() => $"; simulating {_net.Spec.Simulation.Duration} ms event-driven (exact spike times) on 1 thread";

    /// <summary>None: readouts are sampled on the time grid, which event mode does not have (the validator refuses them there).</summary>
    public IReadOnlyList<Readouts.LinearReadout> Readouts => [];

    /// <inheritdoc/>
    public Plasticity.PlasticityRuntime? Plasticity(string projection)
        => _projs.FirstOrDefault(p => p.Spec.Name == projection) is { } p
            ? (Plasticity.PlasticityRuntime?)p.Plasticity
            : throw new ArgumentException($"no projection named '{projection}'", nameof(projection));

    /// <summary>Not in event mode: it has no steps to hook into.</summary>
    public void AfterUpdate(Action<long> hook)
        => throw new NotSupportedException("the event-driven engine has no steps, so no hook runs after each step's update; run the network time-stepped (--mode step)");

    /// <summary>Not in event mode: binary units do not run there (their models cannot be advanced between events).</summary>
    public void SetInference(string population, Models.IGatedInference? inference)
        => throw new NotSupportedException("the event-driven engine runs no stochastic binary units, so there is nothing to infer; run the network time-stepped (--mode step)");

    /// <summary>Nothing to release: the event engine holds managed memory only.</summary>
    public void Dispose()
    {
    }

    /// <summary>Events processed in the last run (stale crossing predictions included).</summary>
    public long EventsProcessed => _events;

    /// <summary>Largest number of events queued at once so far (predicted crossings, at most one per neuron, not included).</summary>
    public int PeakQueueLength => _queue.PeakCount;

    private void Start()
    {
        _started = true;
        foreach (var p in _pops) p.Start(0);
        for (int k = 0; k < _poisson.Length; k++)
        {
            var pi = _poisson[k];
            if (pi.RatePerMs <= 0) continue;
            for (int j = 0; j < pi.Neurons.Length; j++) PushPoisson(k, j, 0);
        }
        for (int k = 0; k < _spikeTimes.Length; k++)
            if (_spikeTimes[k].Times.Length > 0) _queue.Push(new Event(_spikeTimes[k].Times[0], EventKind.SpikeTimeInput, k, 0));
        for (int k = 0; k < _currents.Length; k++)
            _queue.Push(new Event(_currents[k].Times[0], EventKind.CurrentChange, k, 0));
    }

    /// <summary>
    /// The next arrival of Poisson input k at its j-th neuron after time t: exponential intervals of
    /// rate × count, draw m of a (input, neuron) stream taken from block m of its Philox stream, so the
    /// train depends on nothing but the seed, the input and the neuron.
    /// </summary>
    private void PushPoisson(int k, int j, double t)
    {
        var pi = _poisson[k];
        var rng = new PhiloxStream(_net.Spec.Simulation.DynamicsSeed, StreamKind.PoissonEventInput, pi.Index, (uint)pi.Neurons[j], pi.Draws[j]++);
        double next = t - PortableMath.Log(rng.NextDoubleNonZero()) / pi.RatePerMs;
        _queue.Push(new Event(next, EventKind.PoissonInput, k, j));
    }

    /// <summary>
    /// Simulates <paramref name="duration"/> ms (the spec's duration when null) from where the last
    /// run stopped, sending what the monitors record to <paramref name="recorder"/>. Returns the same
    /// <see cref="RunResult"/> as <c>Spiking.Cpu.Simulator.Run</c> (with <see cref="RunResult.Steps"/> 0).
    /// </summary>
    public RunResult Run(double? duration = null, IRecorder? recorder = null, IProgress<RunProgress>? progress = null, CancellationToken cancel = default)
    {
        double total = duration ?? _net.Spec.Simulation.Duration;
        double start = _time, end = start + total;
        _recorder = recorder;
        Array.Clear(_spikeTotals);
        _events = _deliveries = 0;
        recorder?.Begin(_net);
        var clock = Stopwatch.StartNew();
        if (!_started) Start();
        foreach (var r in _rates) r.Reset(start);
        double nextSample = NextSampleTime();
        double lastReport = 0;
        var queue = _queue;
        var crossings = _crossings;
        while (true)
        {
            // The next event: from the global queue, or the earliest predicted crossing; at equal
            // times the global queue goes first (inputs at t are applied before a crossing at t).
            double tq = queue.Count > 0 ? queue.PeekTime : double.PositiveInfinity;
            double tc = crossings.Count > 0 ? crossings.PeekTime : double.PositiveInfinity;
            double t = Math.Min(tq, tc);
            if (!(t < end)) break;
            // Samples at time τ see every event at τ (v just after them).
            while (nextSample < t) nextSample = Sample(nextSample);
            _events++;
            if (tq <= tc)
            {
                var e = queue.Pop();
                Process(in e);
            }
            else
            {
                int id = crossings.PeekId;
                crossings.Remove(id);
                var pop = _pops[_popOfId[id]];
                int i = id - pop.BaseId;
                if (pop.OnThreshold(i, t, predicted: true)) Spike(pop, i, t);
            }
            if ((_events & 4095) == 0)
            {
                // A stopped run says how far it got (the command line prints it).
                if (cancel.IsCancellationRequested) _time = t;
                cancel.ThrowIfCancellationRequested();
                double now = clock.Elapsed.TotalSeconds;
                if (progress is not null && now - lastReport > 0.1)
                {
                    lastReport = now;
                    progress.Report(new RunProgress(t - start, total, now));
                }
            }
        }
        while (nextSample < end) nextSample = Sample(nextSample);
        // A weight snapshot due at the end of the run is taken after its last event, as the time-stepped
        // engines take it after their last step (WeightMonitorSpec); state samples at the end belong to the next run.
        foreach (var w in _weightSnapshots)
            if (w.Next <= end) w.Take(w.Next, _recorder);
        _time = end;
        FlushSpikes();
        foreach (var r in _rates) r.FlushUntil(end, recorder, final: true);
        foreach (var p in _pops) p.WriteBack(end);
        double wall = clock.Elapsed.TotalSeconds;
        progress?.Report(new RunProgress(total, total, wall));
        var result = new RunResult(0, start, total, wall, _spikeTotals.ToArray(), _deliveries, 1);
        recorder?.End(result);
        _recorder = null;
        return result;
    }

    private void Process(in Event e)
    {
        double t = e.Time;
        switch (e.Kind)
        {
            case EventKind.RowDelivery:
            {
                var proj = _projs[e.A];
                var table = proj.Synapses;
                long a = table.RowStart[e.Index], b = table.RowStart[e.Index + 1];
                _deliveries += b - a;
                _pops[proj.Post.Index].ReceiveRow(t, proj.Receptor, table.Target.AsSpan((int)a, (int)(b - a)), table.Weight.AsSpan((int)a, (int)(b - a)));
                break;
            }
            case EventKind.SynapseDelivery:
            {
                var proj = _projs[e.A];
                var table = proj.Synapses;
                _deliveries++;
                _pops[proj.Post.Index].Receive(table.Target[e.Index], proj.Receptor, table.Weight[e.Index], t);
                break;
            }
            case EventKind.ThresholdCheck:
            {
                var pop = _pops[e.A];
                int i = (int)e.Index;
                if (pop.OnThreshold(i, t, predicted: false)) Spike(pop, i, t);
                break;
            }
            case EventKind.PoissonInput:
            {
                var pi = _poisson[e.A];
                int j = (int)e.Index;
                _pops[pi.Population].Receive(pi.Neurons[j], pi.Receptor, pi.Weight, t);
                PushPoisson(e.A, j, t);
                break;
            }
            case EventKind.SpikeTimeInput:
            {
                var st = _spikeTimes[e.A];
                int m = (int)e.Index;
                _pops[st.Population].Receive(st.Neurons[m], st.Receptor, st.Weight, t);
                if (m + 1 < st.Times.Length) _queue.Push(new Event(st.Times[m + 1], EventKind.SpikeTimeInput, e.A, m + 1));
                break;
            }
            case EventKind.CurrentChange:
            {
                var c = _currents[e.A];
                int m = (int)e.Index;
                double delta = c.Amplitudes[m] - (m > 0 ? c.Amplitudes[m - 1] : 0);
                var pop = _pops[c.Population];
                foreach (var i in c.Neurons) pop.ChangeCurrent(i, delta, t);
                if (m + 1 < c.Times.Length) _queue.Push(new Event(c.Times[m + 1], EventKind.CurrentChange, e.A, m + 1));
                break;
            }
        }
    }

    /// <summary>Neuron i of a population fired at t: record it and queue its deliveries.</summary>
    private void Spike(EventPopulation pop, int i, double t)
    {
        _spikeTotals[pop.Index]++;
        int m = _spikeMonitorOf[pop.Index];
        if (m >= 0)
        {
            var mon = _spikeMonitors[m];
            if (mon.Mask is null || mon.Mask[i])
            {
                int c = _spikeBuffered[m];
                mon.Times[c] = t;
                mon.Ids[c] = i;
                _spikeBuffered[m] = ++c;
                if (c == mon.Times.Length) FlushSpikes(m);
            }
        }
        foreach (var r in _ratesOf[pop.Index]) _rates[r].Add(i, t, _recorder);
        // Learning rules see the spike at its exact time before it is sent: its deliveries carry the
        // weight as it is when they arrive (after this spike's own depression).
        foreach (var rule in _plasticFrom[pop.Index]) rule.OnSpike(pre: true, i, t);
        foreach (var rule in _plasticInto[pop.Index]) rule.OnSpike(pre: false, i, t);
        foreach (var k in _outgoing[pop.Index])
        {
            var table = _projs[k].Synapses;
            if (table.DelayMs.Length == 0)
            {
                if (table.RowStart[i + 1] > table.RowStart[i]) _queue.Push(new Event(t + table.ConstantDelayMs, EventKind.RowDelivery, k, i));
            }
            else
            {
                var delay = table.DelayMs;
                for (long s = table.RowStart[i], b = table.RowStart[i + 1]; s < b; s++)
                    _queue.Push(new Event(t + delay[s], EventKind.SynapseDelivery, k, s));
            }
        }
    }

    private void FlushSpikes()
    {
        for (int m = 0; m < _spikeMonitors.Length; m++) FlushSpikes(m);
    }

    private void FlushSpikes(int m)
    {
        int c = _spikeBuffered[m];
        if (c > 0 && _recorder is not null)
            _recorder.RecordSpikes(_spikeMonitors[m].Index, _spikeMonitors[m].Times.AsSpan(0, c), _spikeMonitors[m].Ids.AsSpan(0, c));
        _spikeBuffered[m] = 0;
    }

    private double NextSampleTime()
    {
        double next = double.PositiveInfinity;
        foreach (var s in _samplers) next = Math.Min(next, s.Next);
        foreach (var w in _weightSnapshots) next = Math.Min(next, w.Next);
        return next;
    }

    /// <summary>Takes the samples and weight snapshots due at time t; returns the next sample time.</summary>
    private double Sample(double t)
    {
        foreach (var s in _samplers)
            if (s.Next == t) s.Take(t, _recorder);
        foreach (var w in _weightSnapshots)
            if (w.Next == t) w.Take(t, _recorder);
        return NextSampleTime();
    }
}
