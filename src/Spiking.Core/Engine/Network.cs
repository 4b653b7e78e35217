using Spiking.Build;
using Spiking.Memory;
using Spiking.Connectors;
using Spiking.Description;
using Spiking.Models;
using Spiking.Random;

namespace Spiking.Engine;

/// <summary>
/// A description made concrete: neuron state as structure of arrays, synapses in compressed sparse
/// rows, delay rings. Built from a <see cref="NetworkSpec"/> by <see cref="Build(NetworkSpec, int)"/>; run by a
/// <c>Spiking.Cpu.Simulator</c>.
/// </summary>
public sealed class Network
{
    private Network(NetworkSpec spec, PopulationState[] populations, ProjectionState[] projections, double buildSeconds)
    {
        Spec = spec; Populations = populations; Projections = projections; BuildSeconds = buildSeconds;
    }

    /// <summary>The description the network was built from.</summary>
    public NetworkSpec Spec { get; }
    /// <summary>The built populations, in the order of <see cref="NetworkSpec.Populations"/>.</summary>
    public IReadOnlyList<PopulationState> Populations { get; }
    /// <summary>The built projections, in the order of <see cref="NetworkSpec.Projections"/>.</summary>
    public IReadOnlyList<ProjectionState> Projections { get; }

    /// <summary>Wall-clock seconds spent building (connectivity generation included).</summary>
    public double BuildSeconds { get; }

    /// <summary>Time step (ms).</summary>
    public double Dt => Spec.Simulation.Dt;

    /// <summary>Total number of neurons.</summary>
    public long NeuronCount => Populations.Sum(p => (long)p.Size);

    /// <summary>Total number of synapses.</summary>
    public long SynapseCount => Projections.Sum(p => p.Synapses.Count);

    /// <summary>Looks a population up by name.</summary>
    public PopulationState Population(string name)
        => Populations.FirstOrDefault(p => p.Spec.Name == name) ?? throw new ArgumentException($"no population named '{name}'", nameof(name));

    /// <summary>
    /// Runs the stochastic binary units (<c>binary_gated</c>, <c>binary_sigmoid</c>) of
    /// <paramref name="population"/> inferred: each step, after their prior logits a = (I + b)/T are known,
    /// <paramref name="inference"/> sets their gates h and amplitudes x instead of sampling them (null:
    /// free running again). Throws when the population's units are not binary.
    /// </summary>
    public void SetInference(string population, IGatedInference? inference)
    {
        if (Population(population).Group is not BinaryUnitGroup group)
            throw new ArgumentException($"population '{population}' runs model '{Population(population).Model.Name}'; an inference hook needs stochastic binary units (binary_gated, binary_sigmoid)", nameof(population));
        group.Inference = inference;
    }

    /// <summary>Neurons from which a run uses every core when not told otherwise.</summary>
    public const long ThreadedNeurons = 20_000;

    /// <summary>
    /// Synapses from which a run uses every core when not told otherwise: a network with few neurons but many
    /// synapses (Brunel's 12,500 neurons and 15.6 M synapses) spends most of its time in propagation and
    /// Poisson input, which split across threads (benchmarks/RESULTS.md, "Where Brunel's time goes").
    /// </summary>
    public const long ThreadedSynapses = 4_000_000;

    /// <summary>
    /// Threads to run on when neither the caller nor the spec says: one for small networks (the barrier each
    /// step costs more than it saves), else one per core. Judged by the work per step, neurons and synapses,
    /// not by neurons alone.
    /// </summary>
    public static int AutoThreads(long neurons, long synapses)
        => neurons < ThreadedNeurons && synapses < ThreadedSynapses ? 1 : Environment.ProcessorCount;

    /// <summary>
    /// Validates and builds <paramref name="spec"/>. Throws <see cref="SpecException"/> listing every
    /// problem when it cannot run. <paramref name="threads"/> only changes speed, never results.
    /// </summary>
    public static Network Build(NetworkSpec spec, int threads = 0) => Build(spec, threads, null);

    /// <summary>
    /// Builds <paramref name="spec"/> with the weights of the named projections replaced by
    /// <paramref name="weights"/> (in synapse-table order, as a saved trained model holds them): the
    /// connectivity is drawn as always, from the seed, and must have as many synapses.
    /// </summary>
    /// <param name="spec">The network.</param>
    /// <param name="threads">Threads to build on and to prepare the run for (0: the spec's setting, else automatic).</param>
    /// <param name="weights">Weights that replace the drawn ones, by projection name, or null.</param>
    /// <param name="progress">Told after each projection's synapses are drawn (from the thread that drew them), or null.</param>
    public static Network Build(NetworkSpec spec, int threads, IReadOnlyDictionary<string, float[]>? weights, IProgress<BuildProgress>? progress = null)
    {
        NetworkValidator.ThrowIfInvalid(spec);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var sim = spec.Simulation;
        if (threads <= 0 && sim.Threads > 0) threads = sim.Threads;
        // Automatic: draw the synapses on every core (the tables do not depend on the thread count), and choose
        // the run's threads once the synapses are counted.
        bool automatic = threads <= 0;
        if (automatic) threads = Environment.ProcessorCount;
        int projectionsDone = 0;
        long synapsesDrawn = 0;
        var models = spec.Populations.Select(p => { ModelRegistry.TryGet(p.Model, out var m); return m; }).ToArray();

        var positions = NeuronPositions.Of(spec);
        var tables = new SynapseTable[spec.Projections.Count];
        var receptors = new int[spec.Projections.Count];
        void BuildProjection(int k)
        {
            var pr = spec.Projections[k];
            int pre = IndexOf(spec, pr.Pre), post = IndexOf(spec, pr.Post);
            var receptorList = models[post].Receptors;
            int r = Enumerable.Range(0, receptorList.Count).First(x => receptorList[x].Name == pr.Receptor);
            receptors[k] = r;
            var ctx = new ConnectivityBuilder.Context(pr, k, spec.Populations[pre].Size, spec.Populations[post].Size, pre == post,
                sim.Dt, receptorList[r].ActsAtStepEnd, receptorList[r].IsConductance, sim.Seed, threads)
            {
                KeepDelayMs = sim.Mode == SimulationMode.Event,
                PrePositions = positions[pre],
                PostPositions = positions[post],
            };
            tables[k] = ConnectivityBuilder.Build(ctx);
            if (weights is not null && weights.TryGetValue(pr.Name, out var given))
            {
                if (given.LongLength != tables[k].Count)
                    throw new ArgumentException($"projection '{pr.Name}' has {tables[k].Count} synapses but {given.LongLength} weights were given; they come from another network", nameof(weights));
                given.CopyTo(tables[k].Weight, 0);
            }
            else if (pr.SpectralRadius is { } rho) SpectralRadius.ScaleTo(tables[k], spec.Populations[pre].Size, rho);
            if (progress is not null)
            {
                long drawn = Interlocked.Add(ref synapsesDrawn, tables[k].Count);
                progress.Report(new BuildProgress(Interlocked.Increment(ref projectionsDone), spec.Projections.Count, drawn, pr.Name, clock.Elapsed.TotalSeconds));
            }
        }
        // Projections are independent (each draws from its own streams), so several build at once: the
        // 55 projections of the microcircuit, most of them drawn by one sequential stream each, build
        // about twice as fast on 2 cores. Results do not depend on the order.
        try
        {
            Parallel.For(0, spec.Projections.Count, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, threads) }, BuildProjection);
        }
        catch (AggregateException e) when (e.InnerExceptions.Count > 0)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw();
            throw;
        }

        // Which projections carry spike offsets: those from spiking units onto a population with timed input
        // whose delay is one constant whole number (≥ 1) of steps. The validator requires that onto
        // receptors acting at the step's end (lif_delta); onto lif_cuba, a projection with a drawn, zero
        // or off-grid delay is delivered on the grid instead, as without precise spike times.
        var timedProjection = new bool[tables.Length];
        for (int k = 0; k < tables.Length; k++)
        {
            var pr = spec.Projections[k];
            int pre = IndexOf(spec, pr.Pre), post = IndexOf(spec, pr.Post);
            if (!spec.Populations[post].PreciseSpikeTimes || !models[post].SupportsTimedInput || models[pre].IsRate) continue;
            bool onGrid = pr.Delay is ConstantValue d && Math.Abs(d.Value / sim.Dt - Math.Round(d.Value / sim.Dt)) <= 1e-9 * Math.Max(1, d.Value / sim.Dt)
                && Math.Round(d.Value / sim.Dt) >= 1;
            timedProjection[k] = onGrid || models[post].Receptors[receptors[k]].ActsAtStepEnd;
        }

        var populations = new PopulationState[spec.Populations.Count];
        for (int p = 0; p < populations.Length; p++)
        {
            var ps = spec.Populations[p];
            int ring = 1;
            var delayed = new bool[models[p].Receptors.Count];
            for (int k = 0; k < tables.Length; k++)
            {
                if (IndexOf(spec, spec.Projections[k].Post) != p) continue;
                ring = Math.Max(ring, tables[k].MaxDelay + 1);
                if (tables[k].MaxDelay > 0) delayed[receptors[k]] = true;
            }
            var group = models[p].Create(ps.Size, ps.Parameters, sim.Dt, ps.PreciseSpikeTimes);
            if (ps.SpikeTimes is { } trains) ((SpikeSourceGroup)group).Load(trains, sim.Dt);
            group.SetRandomStreams(sim.DynamicsSeed, p);
            Initialise(group, models[p], ps, p, sim.DynamicsSeed);
            bool timed = ps.PreciseSpikeTimes && models[p].SupportsTimedInput;
            var direct = new bool[delayed.Length];
            // (Direct delivery adds into the state at the step's end; a timed population reads its
            // currents once per step in its own update, so it keeps the ring.)
            for (int r = 0; r < direct.Length; r++)
                direct[r] = !timed && !delayed[r] && !models[p].Receptors[r].ActsAtStepEnd && group.DirectInput(r) is not null;
            // A population with timed input gets its spikes as events; its summed ring carries only Poisson
            // input (current step) and projections that are not timed (graded input from rate units,
            // off-grid delays onto lif_cuba: the whole ring).
            bool ringFed = Enumerable.Range(0, tables.Length).Any(k => IndexOf(spec, spec.Projections[k].Post) == p && !timedProjection[k]);
            bool poisson = spec.Inputs.Any(x => x is PoissonInputSpec && x.Target == ps.Name);
            populations[p] = new PopulationState(p, ps, models[p], group, ring, direct,
                denseSlots: timed && !ringFed ? 1 : ring, gridInput: !timed || ringFed || poisson)
            { Positions = positions[p] };
        }

        var projections = new ProjectionState[tables.Length];
        for (int k = 0; k < tables.Length; k++)
        {
            var pr = spec.Projections[k];
            projections[k] = new ProjectionState(k, pr, populations[IndexOf(spec, pr.Pre)], populations[IndexOf(spec, pr.Post)], receptors[k], tables[k], timedProjection[k]);
            if (pr.Plasticity is { } ps)
                projections[k].Plasticity = PlasticityBinding.Create(projections[k], ps, sim.Dt);
        }
        // Units updated one at a time (hopfield, boltzmann) read their own recurrent rows.
        foreach (var proj in projections)
            if (proj.Pre == proj.Post && proj.Post.Group is IRecurrentWeightsReader reader) reader.AttachRecurrent(proj.Spec.Name, proj.Receptor, proj.Synapses);
        AdviseHugePages(populations, projections);
        // Where rows divide between propagation threads, for a simulator with this many threads (it
        // computes its own for another count): part of building, so counted in the build time.
        if (automatic) threads = AutoThreads(spec.Populations.Sum(p => (long)Math.Max(0, p.Size)), tables.Sum(t => t.Count));
        foreach (var proj in projections) proj.ComputeSplits(threads);
        return new Network(spec, populations, projections, clock.Elapsed.TotalSeconds);
    }

    /// <summary>
    /// Asks for 2 MiB pages under every large array the step loop touches at random or sweeps each
    /// step: synapse tables (a spiking row anywhere in hundreds of MiB), neuron state and input rings
    /// (the targets of those rows). With 4 KiB pages, propagation at 10⁶ neurons waits on a page walk
    /// for most synapse rows and targets (benchmarks/RESULTS.md, change 1 of 2026-11-24). Counted in the build time.
    /// </summary>
    private static void AdviseHugePages(PopulationState[] populations, ProjectionState[] projections)
    {
        if (!HugePages.Enabled) return;
        foreach (var proj in projections)
        {
            var t = proj.Synapses;
            HugePages.Advise(t.RowStart); HugePages.Advise(t.Target); HugePages.Advise(t.Weight); HugePages.Advise(t.Delay);
        }
        foreach (var pop in populations)
        {
            foreach (var a in pop.Group.StateArrays) HugePages.Advise(a);
            HugePages.Advise(pop.Group.RefractoryLeft);
            foreach (var a in pop.Group.ReceptorInput) if (a is not null) HugePages.Advise(a);
            foreach (var slots in pop.Ring) foreach (var a in slots) HugePages.Advise(a);
        }
    }

    internal static int IndexOf(NetworkSpec spec, string population)
    {
        for (int p = 0; p < spec.Populations.Count; p++)
            if (spec.Populations[p].Name == population) return p;
        throw new ArgumentException($"no population named '{population}'");
    }

    /// <summary>
    /// Draws initial values: neuron i of population p uses stream (seed, InitialState, p, i), drawing
    /// the initialised variables in the model's variable order, so values do not depend on threads.
    /// </summary>
    private static void Initialise(NeuronGroup group, INeuronModel model, PopulationSpec spec, int index, ulong seed)
    {
        if (spec.Initial.Count == 0) return;
        var ordered = model.Variables.Where(v => spec.Initial.ContainsKey(v.Name)).Select(v => (Values: group.Variable(v.Name), Spec: spec.Initial[v.Name])).ToArray();
        for (int i = 0; i < spec.Size; i++)
        {
            var rng = new PhiloxStream(seed, StreamKind.InitialState, index, (uint)i);
            foreach (var (values, value) in ordered) values[i] = SynapseValues.Draw(value, ref rng);
        }
        group.OnInitialised(spec.Initial.Keys.ToHashSet());
    }
}
