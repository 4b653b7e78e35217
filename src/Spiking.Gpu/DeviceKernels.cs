using ILGPU;
using ILGPU.Runtime.Cuda;
using Spiking.Models;
using Spiking.Plasticity;
using Spiking.Random;

namespace Spiking.Gpu;

/// <summary>Parameters of a Poisson input's kernel for one step.</summary>
internal struct PoissonLaunch
{
    public ArrayView<double> Into;
    public ArrayView<int> Neurons;
    public ArrayView<double> Table;
    public int HasNeurons;
    public uint K0, K1, C3;
    public ulong Block;
    public double Weight;
    /// <summary>λ per step of 30 or more: PTRS draws (<see cref="PhiloxStream.NextPoisson(double)"/>) instead of the table.</summary>
    public int Ptrs;
    public double Lambda;
    /// <summary>Neurons drawn for (the listed ones, or the whole target).</summary>
    public int Count;
}

/// <summary>Parameters of a noise input's kernel for one step.</summary>
internal struct NoiseLaunch
{
    public ArrayView<double> Into;
    public ArrayView<int> Neurons;
    public int HasNeurons;
    public uint K0, K1, C3;
    public ulong Step;
    public double Mean, Sd;
}

/// <summary>
/// Parameters of the propagation of one projection from rate units for one step: the column (by
/// target) view of its table (<see cref="Engine.GradedPull"/>: per target, its synapses ordered by
/// presynaptic unit, with their weights and row-table indices), the presynaptic outputs, and where
/// the sums go.
/// </summary>
internal struct GradedLaunch
{
    public ArrayView<int> ColumnStart, Pre, Synapse;
    public ArrayView<float> Weight;
    public ArrayView<ushort> Delay;
    public ArrayView<double> Output;
    /// <summary>Without delays: the slot (or state variable) of the constant delay; with delays: the whole ring [slot × size + target].</summary>
    public ArrayView<double> Into;
    /// <summary>With delays: [0] counts the synapses whose presynaptic output was nonzero (the CPU's events).</summary>
    public ArrayView<long> Events;
    public int HasDelays, BaseSlot, RingLength, Size;
}

/// <summary>
/// Parameters of one spiking plastic projection's kernels for one step: its row table and column view,
/// the weights (double, the rule's copy, and float, the table propagation reads), up to two traces per
/// presynaptic neuron (Pre0, Pre1) and per postsynaptic neuron (Post0, Post1), the hard bounds, and the
/// step's spike lists of the pre and post populations. The rule's own arithmetic is a struct
/// (<see cref="IDeviceSpikeRule"/>).
/// </summary>
internal struct StdpLaunch
{
    public ArrayView<long> RowStart;
    public ArrayView<int> Target, ColumnStart, ColumnPre, ColumnSynapse;
    public ArrayView<double> W, Pre0, Pre1, Post0, Post1;
    public ArrayView<float> Wf;
    public ArrayView<int> Counters, PreRecords, PostRecords;
    public int PrePopulation, PostPopulation;
    public double WMin, WMax;
}

/// <summary>
/// Parameters of one rate rule's step (RateRuleRuntime: hebbian, oja, bcm): the row table, the weights
/// (double and the row-ordered float copy), both populations' outputs, BCM's threshold and its averaging weight.
/// </summary>
internal struct RateRuleLaunch
{
    public ArrayView<long> RowStart;
    public ArrayView<int> Target;
    public ArrayView<double> W, PreOut, PostOut, Theta;
    public ArrayView<float> Wf;
    public double WMin, WMax, Gain;
}

/// <summary>
/// Parameters of one bgrnn projection's step (BgRnnRuntime.BeforePropagation): the row table, both
/// weight copies, the presynaptic outputs that drove this step's logits (Prev), the post units' gates H
/// and prior probabilities P, the batch's summed changes (Pending, when Batched), η, λ₂, λ₁, the bounds,
/// and whether a penalty is set.
/// </summary>
internal struct BgRnnLaunch
{
    public ArrayView<long> RowStart;
    public ArrayView<int> Target;
    public ArrayView<double> W, Prev, H, P, Pending;
    public ArrayView<float> Wf;
    public double Eta, Decay, L1, WMin, WMax;
    public int Penalised, Batched;
}

/// <summary>
/// Parameters of one tsodyks_markram projection's release at this step's presynaptic spikes: the row
/// table, the baseline weights W and the float table Wf the effective weights go to, the state u, x,
/// last spike time and last release (per presynaptic neuron, or per synapse when PerSynapse), the step's
/// stamp T and the constants.
/// </summary>
internal struct StpLaunch
{
    public ArrayView<long> RowStart;
    public ArrayView<double> W, U, X, Last, Release;
    public ArrayView<float> Wf;
    public ArrayView<int> Counters, PreRecords;
    public int PrePopulation, PerSynapse;
    public double T, BigU, TauRec, TauFac;
}

/// <summary>Parameters of homeostatic normalisation of one plastic projection (every post neuron's column scaled to its target sum).</summary>
internal struct NormalizeLaunch
{
    public ArrayView<int> ColumnStart, ColumnSynapse;
    public ArrayView<double> W, Target;
    public ArrayView<float> Wf;
    public double WMin, WMax;
    /// <summary>Post neurons (the launch's threads).</summary>
    public int Size;
}

/// <summary>A plastic projection from rate units: its column copy, refreshed from the row-ordered weights (a thread per synapse).</summary>
internal struct RefreshLaunch
{
    public ArrayView<float> Column, Row;
    public ArrayView<int> Synapse;
    public int Size;
}

/// <summary>One rate rule projection's step in a batch: its launch, the rule's constants, and its rows and post units (the threads of its two kernels).</summary>
internal struct RateRuleItem<TRule> where TRule : struct, IDeviceRateRule
{
    public RateRuleLaunch Launch;
    public TRule Rule;
    public int Pre, Post;
}

/// <summary>
/// A post population's staging area for deterministic sums: per target t, room for one entry per incoming
/// synapse at [Start[t], Start[t + 1]) (every presynaptic neuron firing at once), Count[t] entries used
/// this step. An entry is the synapse's place in the CPU's summation order (Key: projections in order,
/// each table's synapses in row order), its weight, and its destination (receptor × ring length + slot).
/// </summary>
internal struct BucketViews
{
    public ArrayView<long> Start;
    public ArrayView<int> Count;
    public ArrayView<long> Key;
    public ArrayView<float> Weight;
    public ArrayView<int> Dest;
}

/// <summary>Parameters of the step's summation of a post population's staged input, in order.</summary>
internal struct ReduceLaunch
{
    public BucketViews Bucket;
    /// <summary>Per receptor (two): the state variable input adds into when Direct, else the whole ring [slot × size + target].</summary>
    public ArrayView<double> Into0, Into1;
    public int Direct0, Direct1, RingLength, Size;
}

/// <summary>Parameters of the atomic (fast) propagation of one projection for one step.</summary>
internal struct PushLaunch
{
    public ArrayView<long> RowStart;
    public ArrayView<int> Target;
    public ArrayView<float> Weight;
    public ArrayView<ushort> Delay;
    public ArrayView<int> Records;
    public ArrayView<int> Counters;
    public ArrayView<double> Into;
    public ArrayView<double> Ring;
    public int PrePopulation, HasDelays, BaseSlot, RingLength, Size;
    /// <summary>Deterministic sums: stage entries into this bucket instead of adding (Ordered = 1).</summary>
    public BucketViews Bucket;
    public int Ordered, Receptor, ConstantSlot;
    /// <summary>The key of this table's first synapse: the synapses of the projections before it onto any population.</summary>
    public long KeyBase;
}

/// <summary>One spiking plastic projection's rule step: its launch parameters and its rule's constants.</summary>
internal struct StdpItem<TRule> where TRule : struct, IDeviceSpikeRule
{
    public StdpLaunch Launch;
    public TRule Rule;

    /// <summary>This step's presynaptic spikes (on the device, after MarkStep).</summary>
    public readonly int PreCount() => Launch.Counters[2 * Launch.PrePopulation] - Launch.Counters[2 * Launch.PrePopulation + 1];

    /// <summary>This step's postsynaptic spikes.</summary>
    public readonly int PostCount() => Launch.Counters[2 * Launch.PostPopulation] - Launch.Counters[2 * Launch.PostPopulation + 1];
}

/// <summary>One synaptic trace's decay over a step: x ← x·f for its <see cref="Size"/> neurons.</summary>
internal struct TraceDecayLaunch
{
    public ArrayView<double> Trace;
    public double Factor;
    public int Size;
}

/// <summary>
/// A precise population's timed input: per ring slot and neuron, a list of events (offset, weight, order
/// key, receptor) at entries [slot·Capacity + Start[j], ... + Count[slot·Size + j]), room for every timed
/// synapse onto the neuron and its largest step of spike-time input. A key orders events that share a
/// target and an offset as the CPU queues them: source step first (as arrival − source, the delay in
/// steps, larger first), then projection (or input) index, then synapse (or input entry) index.
/// </summary>
internal struct TimedLists
{
    public ArrayView<long> Start;
    public ArrayView<int> Count;
    public ArrayView<double> Offset, Weight;
    public ArrayView<long> Key;
    public ArrayView<int> Receptor;
    public long Capacity;
    public int Size;

    /// <summary>The first field of a key: events that arrive <paramref name="delay"/> steps after their source (0: spike-time input of the step itself), for a ring of <paramref name="ringLength"/> slots.</summary>
    public static long Order(int ringLength, int delay, int source, long index) => ((long)(ringLength + 1 - delay) << 43) | ((long)source << 32) | index;

    /// <summary>Appends an event for neuron <paramref name="j"/> to the list of <paramref name="slot"/>.</summary>
    public readonly void Add(int slot, int j, double offset, double weight, long key, int receptor)
    {
        int at = Atomic.Add(ref Count[slot * Size + j], 1);
        long e = slot * Capacity + Start[j] + at;
        Offset[e] = offset;
        Weight[e] = weight;
        Key[e] = key;
        Receptor[e] = receptor;
    }
}

/// <summary>One precise population's update of one step: as <see cref="UpdateLaunch{TModel}"/>, with the spike offsets' list and the timed input of the step's slot.</summary>
internal struct PreciseLaunch<TModel> where TModel : struct, IDevicePreciseModel
{
    public DeviceNeuronState State;
    public TModel Model;
    public SpikeOutput Output;
    public ArrayView<double> Offsets;
    public TimedLists Lists;
    public int Slot;
}

/// <summary>
/// The push of one timed projection's spikes of a step (the CPU's PropagateTimed): each synapse of a
/// spiking row adds an event with the spike's offset (dt for presynaptic neurons without precise times)
/// to the list of the arrival step's slot, (BaseSlot + Delay) mod RingLength, BaseSlot = (n + shift)
/// mod RingLength. A timed projection has one constant delay (in steps, as the table's).
/// </summary>
internal struct TimedPushLaunch
{
    public ArrayView<long> RowStart;
    public ArrayView<int> Target;
    public ArrayView<float> Weight;
    public ArrayView<int> Records, Counters;
    public ArrayView<double> PreOffsets;
    public TimedLists Lists;
    public int PrePopulation, Precise, Delay, Shift, BaseSlot, RingLength, Receptor, Projection;
    public double Dt;
}

/// <summary>A spike-time input onto a precise population in one step: entries [Start, Start + Count) of its table (sorted by step, offset, neuron) go to the step's slot.</summary>
internal struct TimedTimesLaunch
{
    public ArrayView<int> Neurons;
    public ArrayView<double> Offsets;
    public TimedLists Lists;
    public int Start, Slot, RingLength, Input, Receptor;
    public double Weight;
}

/// <summary>One population's update of one step: its state, its model's constants, where its spikes go.</summary>
internal struct UpdateLaunch<TModel> where TModel : struct, IDeviceNeuronModel
{
    public DeviceNeuronState State;
    public TModel Model;
    public SpikeOutput Output;
    public int Size;
    /// <summary>1 when the population's Poisson input is drawn by the update itself (<see cref="Poisson"/>, for every neuron).</summary>
    public int HasPoisson;
    public PoissonLaunch Poisson;
}

/// <summary>How many threads a launch of a batch takes (a struct, so a kernel calls it without a virtual call).</summary>
internal interface IBatchItems<T>
{
    int Of(in T launch);
}

internal readonly struct TraceItems : IBatchItems<TraceDecayLaunch>
{
    public int Of(in TraceDecayLaunch launch) => launch.Size;
}

/// <summary>A normalisation's items: its post neurons.</summary>
internal readonly struct NormalizeItems : IBatchItems<NormalizeLaunch>
{
    public int Of(in NormalizeLaunch launch) => launch.Size;
}

/// <summary>A refresh's items: its synapses.</summary>
internal readonly struct RefreshItems : IBatchItems<RefreshLaunch>
{
    public int Of(in RefreshLaunch launch) => launch.Size;
}

/// <summary>A rate rule's rows (its presynaptic units).</summary>
internal readonly struct RateRows<TRule> : IBatchItems<RateRuleItem<TRule>> where TRule : struct, IDeviceRateRule
{
    public int Of(in RateRuleItem<TRule> item) => item.Pre;
}

/// <summary>A rate rule's post units (BCM's thresholds).</summary>
internal readonly struct RatePosts<TRule> : IBatchItems<RateRuleItem<TRule>> where TRule : struct, IDeviceRateRule
{
    public int Of(in RateRuleItem<TRule> item) => item.Post;
}

/// <summary>A release's items: its presynaptic population's spikes of this step (read on the device).</summary>
internal readonly struct StpSpikes : IBatchItems<StpLaunch>
{
    public int Of(in StpLaunch p) => p.Counters[2 * p.PrePopulation] - p.Counters[2 * p.PrePopulation + 1];
}

/// <summary>A push's items: its presynaptic population's spikes of this step (read on the device).</summary>
internal readonly struct PushSpikes : IBatchItems<PushLaunch>
{
    public int Of(in PushLaunch p) => p.Counters[2 * p.PrePopulation] - p.Counters[2 * p.PrePopulation + 1];
}

internal readonly struct PreSpikes<TRule> : IBatchItems<StdpItem<TRule>> where TRule : struct, IDeviceSpikeRule
{
    public int Of(in StdpItem<TRule> item) => item.PreCount();
}

internal readonly struct PostSpikes<TRule> : IBatchItems<StdpItem<TRule>> where TRule : struct, IDeviceSpikeRule
{
    public int Of(in StdpItem<TRule> item) => item.PostCount();
}

internal readonly struct PoissonItems : IBatchItems<PoissonLaunch>
{
    public int Of(in PoissonLaunch launch) => launch.Count;
}

internal readonly struct ReduceItems : IBatchItems<ReduceLaunch>
{
    public int Of(in ReduceLaunch launch) => launch.Size;
}

internal readonly struct UpdateItems<TModel> : IBatchItems<UpdateLaunch<TModel>> where TModel : struct, IDeviceNeuronModel
{
    public int Of(in UpdateLaunch<TModel> launch) => launch.Size;
}

/// <summary>
/// Up to <see cref="Capacity"/> launches' parameters of one kind (pushes of several projections,
/// Poisson inputs onto different targets, ordered sums of several populations) run as one kernel: one
/// launch per step instead of one each. A kernel parameter, so a fixed set of fields (a batch of pushes
/// is about 2 KB, within CUDA's 4 KB of kernel parameters).
/// </summary>
internal struct Batch<T> where T : struct
{
    public const int Capacity = 8;
    public T P0, P1, P2, P3, P4, P5, P6, P7;
    public int Count;

    public readonly T Get(int k) => k switch { 0 => P0, 1 => P1, 2 => P2, 3 => P3, 4 => P4, 5 => P5, 6 => P6, _ => P7 };

    /// <summary>
    /// For a thread index over the items of all the batch's launches, one after another (<paramref name="items"/>
    /// of launch k: its neurons or targets): the launch it falls in, and in <paramref name="index"/> its index there.
    /// </summary>
    public readonly T Find<TItems>(ref int index, TItems items) where TItems : struct, IBatchItems<T>
    {
        int k = 0;
        var p = P0;
        while (index >= items.Of(p))
        {
            index -= items.Of(p);
            p = Get(++k);
        }
        return p;
    }

    public void Add(in T p)
    {
        switch (Count)
        {
            case 0: P0 = p; break;
            case 1: P1 = p; break;
            case 2: P2 = p; break;
            case 3: P3 = p; break;
            case 4: P4 = p; break;
            case 5: P5 = p; break;
            case 6: P6 = p; break;
            default: P7 = p; break;
        }
        Count++;
    }
}

/// <summary>
/// The device kernels of one time step, in launch order: <see cref="Gather"/> for state monitors due,
/// spike-time, Poisson and <see cref="Noise"/> input, <see cref="Update{TModel}"/>
/// (up to eight populations of one model a launch), <see cref="MarkStep"/>, then <see cref="Push"/> (spikes, up to eight projections a launch) or
/// <see cref="Graded"/> (rate units; in deterministic mode after a <see cref="Reduce"/> of the spikes
/// staged so far for its post population), per population <see cref="Reduce"/> (deterministic sums),
/// and <see cref="TraceDecay"/> for the traces of every plastic projection (up to eight a launch), then per spiking plastic projection <see cref="StdpDepress{TRule}"/>,
/// <see cref="StdpPotentiate{TRule}"/>, <see cref="StdpBump{TRule}"/>, then <see cref="Normalize"/> when due.
/// Launches on one stream run in that order.
/// </summary>
internal static class DeviceKernels
{
    /// <summary>
    /// After the updates of step k of the block: for each population, where this step's spikes start in
    /// its append list (where step k − 1's ended; 0 at the block's first step, the counts being cleared
    /// between blocks), which propagation and plasticity read, and where they end.
    /// </summary>
    public static void MarkStep(Index1D p, ArrayView<int> counters, ArrayView<int> stepEnds, int blockSteps, int k)
    {
        counters[2 * p + 1] = k == 0 ? 0 : stepEnds[p * blockSteps + k - 1];
        stepEnds[p * blockSteps + k] = counters[2 * p];
    }

    /// <summary>One neuron's update; a spike raises its flag and is appended to the population's list.</summary>
    public static void Update<TModel>(Index1D j, Batch<UpdateLaunch<TModel>> batch)
        where TModel : struct, IDeviceNeuronModel
    {
        int i = j;
        var p = batch.Find(ref i, default(UpdateItems<TModel>));
        var s = p.State;
        var o = p.Output;
        // The population's one Poisson input, drawn and added here instead of in a launch of its own
        // (nothing else adds into its input between the inputs and the update, so the sum is the same).
        if (p.HasPoisson != 0) PoissonAdd(p.Poisson, i);
        bool fired = p.Model.Step(i, s);
        if (fired)
        {
            int at = Atomic.Add(ref o.Counters[2 * o.Population], 1);
            o.Records[at] = i;
        }
    }

    /// <summary>
    /// The update of a precise population: each neuron sorts its events of the step's slot by (offset,
    /// key), which is the CPU's order (its list sorted by offset, stably in queued order), empties its
    /// list, and runs the model's precise step; a spike goes to the list with its offset.
    /// </summary>
    public static void UpdatePrecise<TModel>(Index1D index, PreciseLaunch<TModel> p) where TModel : struct, IDevicePreciseModel
    {
        int i = index;
        var l = p.Lists;
        long first = p.Slot * l.Capacity + l.Start[i];
        int at = p.Slot * l.Size + i;
        int count = l.Count[at];
        for (long k = first + 1; k < first + count; k++)
        {
            double o = l.Offset[k], w = l.Weight[k];
            long key = l.Key[k];
            int r = l.Receptor[k];
            long j = k - 1;
            while (j >= first && (l.Offset[j] > o || (l.Offset[j] == o && l.Key[j] > key)))
            {
                l.Offset[j + 1] = l.Offset[j]; l.Weight[j + 1] = l.Weight[j]; l.Key[j + 1] = l.Key[j]; l.Receptor[j + 1] = l.Receptor[j];
                j--;
            }
            l.Offset[j + 1] = o; l.Weight[j + 1] = w; l.Key[j + 1] = key; l.Receptor[j + 1] = r;
        }
        l.Count[at] = 0;
        var events = count > 0
            ? new DeviceTimedEvents(l.Offset.SubView(first, count), l.Weight.SubView(first, count), l.Receptor.SubView(first, count))
            : new DeviceTimedEvents(l.Offset, l.Weight, l.Receptor);
        if (p.Model.Step(i, p.State, events, 0, count, out double offset))
        {
            var o = p.Output;
            int spike = Atomic.Add(ref o.Counters[2 * o.Population], 1);
            o.Records[spike] = i;
            p.Offsets[spike] = offset;
        }
    }

    /// <summary>A timed projection's push (see <see cref="TimedPushLaunch"/>): a group per spiking row, its threads over the row.</summary>
    public static void PushTimed(TimedPushLaunch p)
    {
        int first = p.Counters[2 * p.PrePopulation + 1];
        int count = p.Counters[2 * p.PrePopulation] - first;
        for (int g = Grid.IdxX; g < count; g += Grid.DimX)
        {
            int record = first + g;
            int i = p.Records[record];
            double offset = p.Precise != 0 ? p.PreOffsets[record] : p.Dt;
            int slot = p.BaseSlot + p.Delay;
            if (slot >= p.RingLength) slot -= p.RingLength;
            long order = TimedLists.Order(p.RingLength, p.Shift + p.Delay, p.Projection, 0);
            for (long s = p.RowStart[i] + Group.IdxX; s < p.RowStart[i + 1]; s += Group.DimX)
                p.Lists.Add(slot, p.Target[s], offset, p.Weight[s], order | s, p.Receptor);
        }
    }

    /// <summary>A spike-time input onto a precise population (see <see cref="TimedTimesLaunch"/>): a thread per event of the step.</summary>
    public static void TimedTimes(Index1D m, TimedTimesLaunch p)
    {
        int k = p.Start + m;
        p.Lists.Add(p.Slot, p.Neurons[k], p.Offsets[k], p.Weight, TimedLists.Order(p.RingLength, 0, p.Input, k), p.Receptor);
    }

    /// <summary>
    /// Spike-time input: events [start, start + count) of a list sorted by (step, neuron). The first
    /// event of each run of equal neurons adds the whole run, one weight after another, as the CPU does.
    /// </summary>
    public static void SpikeTimes(Index1D e, ArrayView<int> neurons, int start, int count, ArrayView<double> into, double weight)
    {
        int j = start + e;
        int n = neurons[j];
        if (e > 0 && neurons[j - 1] == n) return;
        for (int k = j; k < start + count && neurons[k] == n; k++) into[n] += weight;
    }

    /// <summary>
    /// One neuron of a Poisson input: the uniform of block (step &lt;&lt; 4) of stream (seed, PoissonInput,
    /// input, neuron), inverted against the cumulative table by sequential search, exactly as
    /// PhiloxStream.PoissonFromUniform does on the CPU (1000 when the table never reaches u).
    /// </summary>
    public static void Poisson(Index1D j, Batch<PoissonLaunch> batch)
    {
        int k = j;
        var p = batch.Find(ref k, default(PoissonItems));
        PoissonAdd(p, p.HasNeurons != 0 ? p.Neurons[k] : k);
    }

    /// <summary>Neuron i's draw of a Poisson input at this step, added into its input (also called by the update kernel, for an input fused into it).</summary>
    private static void PoissonAdd(in PoissonLaunch p, int i)
    {
        int spikes = 1000;
        if (p.Ptrs != 0)
        {
            // λ ≥ 30: the CPU's own PTRS draw on the neuron's stream at this step, the same words in the same order.
            var rng = PhiloxStream.FromKey(p.K0, p.K1, p.C3, (uint)i, p.Block);
            spikes = rng.NextPoisson(p.Lambda);
        }
        else
        {
            Philox.Block(p.K0, p.K1, (uint)p.Block, (uint)(p.Block >> 32), (uint)i, p.C3, out uint b0, out uint b1, out _, out _);
            double u = PhiloxStream.ToDouble(b0, b1);
            for (int t = 0; t < p.Table.IntLength; t++)
            {
                if (u <= p.Table[t])
                {
                    spikes = t;
                    break;
                }
            }
        }
        if (spikes > 0) p.Into[i] += spikes * p.Weight;
    }

    /// <summary>
    /// One neuron of a noise input: block (step) of stream (seed, NoiseInput, input, neuron), turned into
    /// mean + sd·z by <see cref="NoiseMath.Draw"/> as on the CPU, added to the neuron's current.
    /// </summary>
    public static void Noise(Index1D k, NoiseLaunch p)
    {
        int i = p.HasNeurons != 0 ? p.Neurons[k] : k;
        Philox.Block(p.K0, p.K1, (uint)p.Step, (uint)(p.Step >> 32), (uint)i, p.C3, out uint b0, out uint b1, out uint b2, out uint b3);
        p.Into[i] += NoiseMath.Draw(p.Mean, p.Sd, b0, b1, b2, b3);
    }

    /// <summary>
    /// Propagation from rate units to target t, as the CPU does it. Without delays, GradedPull's scalar
    /// sum: four partial sums over the target's column (synapse k of the column into lane k mod 4), each
    /// a fused multiply-add of the float weight and the presynaptic output, the last (fewer than four)
    /// into lane 0, then (s0 + s1) + (s2 + s3), added to the slot (the CPU's AVX2 gather loop is held
    /// bit-equal to that scalar loop). With per-synapse delays, the CPU's row loop seen from the target:
    /// presynaptic units ascending, each nonzero output adding weight × output (a product, then a sum:
    /// no fused multiply-add there) into the slot of the synapse's delay.
    /// </summary>
    public static void Graded<TFma>(Index1D t, GradedLaunch p, TFma fma) where TFma : struct, IFusedMultiplyAdd
    {
        int a = p.ColumnStart[t], b = p.ColumnStart[t + 1];
        if (a == b) return;
        if (p.HasDelays == 0)
        {
            double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
            int k = a;
            for (; k + 4 <= b; k += 4)
            {
                s0 = fma.Fma(p.Weight[k], p.Output[p.Pre[k]], s0);
                s1 = fma.Fma(p.Weight[k + 1], p.Output[p.Pre[k + 1]], s1);
                s2 = fma.Fma(p.Weight[k + 2], p.Output[p.Pre[k + 2]], s2);
                s3 = fma.Fma(p.Weight[k + 3], p.Output[p.Pre[k + 3]], s3);
            }
            for (; k < b; k++) s0 = fma.Fma(p.Weight[k], p.Output[p.Pre[k]], s0);
            p.Into[t] += (s0 + s1) + (s2 + s3);
            return;
        }
        long events = 0;
        for (int k = a; k < b; k++)
        {
            double r = p.Output[p.Pre[k]];
            if (r == 0) continue;
            events++;
            int slot = p.BaseSlot + p.Delay[p.Synapse[k]];
            if (slot >= p.RingLength) slot -= p.RingLength;
            p.Into[(long)slot * p.Size + t] += p.Weight[k] * r;
        }
        if (events > 0) Atomic.Add(ref p.Events[0], events);
    }

    /// <summary>
    /// Propagation of up to eight projections: thread group g takes spikes g, g + groups, g + 2·groups, ...
    /// of this step, counted over the projections of the batch in order (the counts are read on the
    /// device, so the host never waits for them), and its threads stride over each spiking
    /// neuron's row. Fast sums add each weight with an atomic addition; deterministic sums stage it in the
    /// target's bucket with its key, for <see cref="Reduce"/> to add in order.
    /// </summary>
    public static void Push(Batch<PushLaunch> batch)
    {
        // The step's spikes of every projection of the batch, one after another: a group per spiking row.
        int total = 0;
        for (int k = 0; k < batch.Count; k++) total += default(PushSpikes).Of(batch.Get(k));
        for (int g = Grid.IdxX; g < total; g += Grid.DimX)
        {
            int local = g;
            var p = batch.Find(ref local, default(PushSpikes));
            PushRow(p, p.Records[p.Counters[2 * p.PrePopulation + 1] + local]);
        }
    }

    /// <summary>One spiking neuron's row of one projection, spread over the threads of the group.</summary>
    private static void PushRow(in PushLaunch p, int i)
    {
        long a = p.RowStart[i], b = p.RowStart[i + 1];
        for (long s = a + Group.IdxX; s < b; s += Group.DimX)
        {
            int t = p.Target[s];
            int slot = p.ConstantSlot;
            if (p.HasDelays != 0)
            {
                slot = p.BaseSlot + p.Delay[s];
                if (slot >= p.RingLength) slot -= p.RingLength;
            }
            if (p.Ordered != 0)
            {
                long at = p.Bucket.Start[t] + Atomic.Add(ref p.Bucket.Count[t], 1);
                p.Bucket.Key[at] = p.KeyBase + s;
                p.Bucket.Weight[at] = p.Weight[s];
                p.Bucket.Dest[at] = p.Receptor * p.RingLength + slot;
            }
            else if (p.HasDelays == 0)
            {
                Atomic.Add(ref p.Into[t], p.Weight[s]);
            }
            else
            {
                Atomic.Add(ref p.Ring[(long)slot * p.Size + t], p.Weight[s]);
            }
        }
    }

    /// <summary>
    /// Deterministic sums, after every projection of the step was pushed: target t sorts its staged
    /// entries by key (insertion sort: a target gets a handful per step) and adds them one by one into
    /// their receptor's state variable or ring slot. By key means projection by projection, spiking neurons
    /// ascending, each row in table order: the order in which the CPU kernel adds them, so the same sums.
    /// </summary>
    public static void Reduce(Index1D index, Batch<ReduceLaunch> batch)
    {
        int t = index;
        var p = batch.Find(ref t, default(ReduceItems));
        int n = p.Bucket.Count[t];
        if (n == 0) return;
        long a = p.Bucket.Start[t], end = a + n;
        for (long i = a + 1; i < end; i++)
        {
            long key = p.Bucket.Key[i];
            float w = p.Bucket.Weight[i];
            int d = p.Bucket.Dest[i];
            long j = i - 1;
            while (j >= a && p.Bucket.Key[j] > key)
            {
                p.Bucket.Key[j + 1] = p.Bucket.Key[j];
                p.Bucket.Weight[j + 1] = p.Bucket.Weight[j];
                p.Bucket.Dest[j + 1] = p.Bucket.Dest[j];
                j--;
            }
            p.Bucket.Key[j + 1] = key;
            p.Bucket.Weight[j + 1] = w;
            p.Bucket.Dest[j + 1] = d;
        }
        for (long i = a; i < end; i++)
        {
            int d = p.Bucket.Dest[i];
            int receptor = d / p.RingLength, slot = d - receptor * p.RingLength;
            double w = p.Bucket.Weight[i];
            if (receptor == 0)
            {
                if (p.Direct0 != 0) p.Into0[t] += w;
                else p.Into0[(long)slot * p.Size + t] += w;
            }
            else
            {
                if (p.Direct1 != 0) p.Into1[t] += w;
                else p.Into1[(long)slot * p.Size + t] += w;
            }
        }
        p.Bucket.Count[t] = 0;
    }

    /// <summary>One step of decay of a trace: x ← x·f (the CPU's Trace.DecayAll, element by element).</summary>
    public static void TraceDecay(Index1D j, Batch<TraceDecayLaunch> batch)
    {
        int i = j;
        var p = batch.Find(ref i, default(TraceItems));
        p.Trace[i] *= p.Factor;
    }

    /// <summary>
    /// Spiking plasticity, depression (the pre-spike update): each spiking presynaptic neuron j of the
    /// step (one thread group each, as in <see cref="Push"/>) changes each synapse s of its row onto t as
    /// the rule says (<see cref="IDeviceSpikeRule.AtPre"/>, exactly the CPU rule's arithmetic); rows of
    /// different neurons are disjoint, so the order of the spikes does not matter.
    /// </summary>
    public static void StdpDepress<TRule>(Batch<StdpItem<TRule>> batch) where TRule : struct, IDeviceSpikeRule
    {
        int total = 0;
        for (int k = 0; k < batch.Count; k++) total += batch.Get(k).PreCount();
        for (int g = Grid.IdxX; g < total; g += Grid.DimX)
        {
            int local = g;
            var item = batch.Find(ref local, default(PreSpikes<TRule>));
            var p = item.Launch;
            int j = p.PreRecords[p.Counters[2 * p.PrePopulation + 1] + local];
            long a = p.RowStart[j], b = p.RowStart[j + 1];
            for (long s = a + Group.IdxX; s < b; s += Group.DimX)
            {
                double w = p.W[s];
                if (item.Rule.AtPre(p, j, p.Target[s], ref w)) Store(p, s, w);
            }
        }
    }

    /// <summary>
    /// Potentiation at this step's postsynaptic spikes: as <see cref="StdpDepress{TRule}"/>, a group per
    /// spiking column (the column view of the table), over the projections of the batch in order.
    /// </summary>
    public static void StdpPotentiate<TRule>(Batch<StdpItem<TRule>> batch) where TRule : struct, IDeviceSpikeRule
    {
        int total = 0;
        for (int k = 0; k < batch.Count; k++) total += batch.Get(k).PostCount();
        for (int g = Grid.IdxX; g < total; g += Grid.DimX)
        {
            int local = g;
            var item = batch.Find(ref local, default(PostSpikes<TRule>));
            var p = item.Launch;
            int i = p.PostRecords[p.Counters[2 * p.PostPopulation + 1] + local];
            int a = p.ColumnStart[i], b = p.ColumnStart[i + 1];
            for (int c = a + Group.IdxX; c < b; c += Group.DimX)
            {
                int s = p.ColumnSynapse[c];
                double w = p.W[s];
                if (item.Rule.AtPost(p, i, p.ColumnPre[c], ref w)) Store(p, s, w);
            }
        }
    }

    /// <summary>The trace jumps of this step's pre and post spikes, every thread striding over each projection of the batch.</summary>
    public static void StdpBump<TRule>(Batch<StdpItem<TRule>> batch) where TRule : struct, IDeviceSpikeRule
    {
        for (int k = 0; k < batch.Count; k++)
        {
            var item = batch.Get(k);
            var p = item.Launch;
            int preFirst = p.Counters[2 * p.PrePopulation + 1], preCount = item.PreCount();
            int postFirst = p.Counters[2 * p.PostPopulation + 1], postCount = item.PostCount();
            for (int g = Grid.GlobalIndex.X; g < preCount; g += Grid.DimX * Group.DimX) item.Rule.BumpPre(p, p.PreRecords[preFirst + g]);
            for (int g = Grid.GlobalIndex.X; g < postCount; g += Grid.DimX * Group.DimX) item.Rule.BumpPost(p, p.PostRecords[postFirst + g]);
        }
    }

    /// <summary>
    /// reward_stdp, first (RewardModulatedStdpRuntime's step): synapse s moves by its eligibility times
    /// the step's gain d·k when the dopamine d was nonzero (<paramref name="rewarded"/>) and the
    /// eligibility is nonzero (then stored clipped, as the CPU's Store), then the eligibility decays by
    /// one step. Each synapse is its own thread; the host decays d and hands the gain over.
    /// </summary>
    public static void RewardWeights(Index1D s, StdpLaunch p, ArrayView<double> c, double gain, int rewarded, double fc)
    {
        double e = c[s];
        if (rewarded != 0 && e != 0) Store(p, s, RewardModulatedStdp.Rewarded(p.W[s], e, gain));
        c[s] = e * fc;
    }

    /// <summary>reward_stdp, after <see cref="RewardWeights"/> and the trace decay: each spiking pre neuron's row lowers its eligibilities by A−·x_post (no weight changes).</summary>
    public static void RewardDepress(StdpLaunch p, ArrayView<double> c, RewardStdpDevice rule)
    {
        int first = p.Counters[2 * p.PrePopulation + 1];
        int count = p.Counters[2 * p.PrePopulation] - first;
        for (int g = Grid.IdxX; g < count; g += Grid.DimX)
        {
            int j = p.PreRecords[first + g];
            long a = p.RowStart[j], b = p.RowStart[j + 1];
            for (long s = a + Group.IdxX; s < b; s += Group.DimX) c[s] = rule.AtPreEligibility(p, c[s], p.Target[s]);
        }
    }

    /// <summary>reward_stdp, after <see cref="RewardDepress"/> (the CPU's order, which matters where a synapse gets both): each spiking post neuron's column raises its eligibilities by A+·x_pre.</summary>
    public static void RewardPotentiate(StdpLaunch p, ArrayView<double> c, RewardStdpDevice rule)
    {
        int first = p.Counters[2 * p.PostPopulation + 1];
        int count = p.Counters[2 * p.PostPopulation] - first;
        for (int g = Grid.IdxX; g < count; g += Grid.DimX)
        {
            int i = p.PostRecords[first + g];
            int a = p.ColumnStart[i], b = p.ColumnStart[i + 1];
            for (int k = a + Group.IdxX; k < b; k += Group.DimX)
            {
                int s = p.ColumnSynapse[k];
                c[s] = rule.AtPostEligibility(p, c[s], p.ColumnPre[k]);
            }
        }
    }

    /// <summary>The CPU's PlasticityRuntime.Store: the weight clipped to the bounds, in double and in the float table.</summary>
    private static void Store(StdpLaunch p, long s, double w)
    {
        w = PlasticityRuntime.Clip(w, p.WMin, p.WMax);
        p.W[s] = w;
        p.Wf[s] = (float)w;
    }

    /// <summary>
    /// Homeostatic normalisation of post neuron i, as the CPU's PlasticityRuntime.Normalize: the sum of
    /// its column's weights in column order; when nonzero, each weight times target/sum, clipped, in both copies.
    /// </summary>
    public static void Normalize(Index1D index, Batch<NormalizeLaunch> batch)
    {
        int i = index;
        var p = batch.Find(ref i, default(NormalizeItems));
        int a = p.ColumnStart[i], b = p.ColumnStart[i + 1];
        double sum = 0;
        for (int c = a; c < b; c++) sum += p.W[p.ColumnSynapse[c]];
        if (sum == 0) return;
        double f = p.Target[i] / sum;
        for (int c = a; c < b; c++)
        {
            int s = p.ColumnSynapse[c];
            double w = PlasticityRuntime.Clip(p.W[s] * f, p.WMin, p.WMax);
            p.W[s] = w;
            p.Wf[s] = (float)w;
        }
    }

    /// <summary>
    /// A rate rule, presynaptic unit j's row (rows are disjoint): skipped when its output is 0, else each
    /// synapse s onto i becomes w + Δw(pre, post_i, w) (<see cref="IDeviceRateRule"/>, the CPU rule's
    /// static math), clipped, in both copies, as RateRuleRuntime.AfterPropagation.
    /// </summary>
    public static void RateRule<TRule>(Index1D index, Batch<RateRuleItem<TRule>> batch) where TRule : struct, IDeviceRateRule
    {
        int j = index;
        var item = batch.Find(ref j, default(RateRows<TRule>));
        var p = item.Launch;
        var rule = item.Rule;
        double x = p.PreOut[j];
        if (x == 0) return;
        for (long s = p.RowStart[j], e = p.RowStart[j + 1]; s < e; s++)
        {
            int i = p.Target[s];
            double w = p.W[s];
            w = PlasticityRuntime.Clip(w + rule.Change(p, x, p.PostOut[i], w, i), p.WMin, p.WMax);
            p.W[s] = w;
            p.Wf[s] = (float)w;
        }
    }

    /// <summary>
    /// bgrnn, a thread per presynaptic row k with output x of the step that drove this step's logits:
    /// online, each synapse k → j becomes w + η·x·(h_j − p_j) with the penalties (BgRnnRule.Next),
    /// clipped, in both copies (skipped for x = 0 without a penalty); batched, η·x·(h_j − p_j) is added to
    /// the synapse's pending sum (skipped for x = 0), as BgRnnRuntime.BeforePropagation.
    /// </summary>
    public static void BgRnnRows(Index1D k, BgRnnLaunch p)
    {
        double x = p.Prev[k];
        if (x == 0 && (p.Batched != 0 || p.Penalised == 0)) return;
        for (long s = p.RowStart[k], e = p.RowStart[k + 1]; s < e; s++)
        {
            int j = p.Target[s];
            if (p.Batched != 0)
            {
                p.Pending[s] += BgRnnRule.Delta(x, p.H[j], p.P[j], p.Eta);
                continue;
            }
            double w = PlasticityRuntime.Clip(BgRnnRule.Next(p.W[s], x, p.H[j], p.P[j], p.Eta, p.Decay, p.L1), p.WMin, p.WMax);
            p.W[s] = w;
            p.Wf[s] = (float)w;
        }
    }

    /// <summary>bgrnn at a batch's last step, a thread per synapse: the pending sum applied with the penalties (BgRnnRule.Apply), clipped, in both copies, and cleared.</summary>
    public static void BgRnnApply(Index1D s, BgRnnLaunch p)
    {
        double d = p.Pending[s];
        if (d == 0 && p.Penalised == 0) return;
        double w = PlasticityRuntime.Clip(BgRnnRule.Apply(p.W[s], d, p.Eta, p.Decay, p.L1), p.WMin, p.WMax);
        p.W[s] = w;
        p.Wf[s] = (float)w;
        p.Pending[s] = 0;
    }

    /// <summary>BCM, after the weights: post unit i's threshold moves toward post² (BcmRule.Threshold).</summary>
    public static void BcmThreshold(Index1D index, Batch<RateRuleItem<BcmDevice>> batch)
    {
        int i = index;
        var p = batch.Find(ref i, default(RatePosts<BcmDevice>)).Launch;
        p.Theta[i] = BcmRule.Threshold(p.Theta[i], p.PostOut[i], p.Gain);
    }

    /// <summary>A plastic projection from rate units: the column copy graded propagation reads, again from the row weights (GradedPull.Refresh).</summary>
    public static void RefreshColumns(Index1D index, Batch<RefreshLaunch> batch)
    {
        int k = index;
        var p = batch.Find(ref k, default(RefreshItems));
        p.Column[k] = p.Row[p.Synapse[k]];
    }

    /// <summary>
    /// Short-term plasticity, after the update and before propagation (the CPU's BeforePropagation): each
    /// spiking presynaptic neuron j (one thread group each) releases (ShortTermPlasticity.Release) and its
    /// row's float weights become w·u·x. Per synapse, each thread of the group takes its synapses; per
    /// neuron, every thread computes the release from the same state, the group waits, thread 0 stores it.
    /// </summary>
    public static void StpRelease(Batch<StpLaunch> batch)
    {
        // The step's spikes of every projection of the batch, one after another: a group per spiking neuron.
        int total = 0;
        for (int k = 0; k < batch.Count; k++) total += default(StpSpikes).Of(batch.Get(k));
        for (int g = Grid.IdxX; g < total; g += Grid.DimX)
        {
            int local = g;
            var p = batch.Find(ref local, default(StpSpikes));
            int j = p.PreRecords[p.Counters[2 * p.PrePopulation + 1] + local];
            long a = p.RowStart[j], b = p.RowStart[j + 1];
            if (p.PerSynapse != 0)
            {
                for (long s = a + Group.IdxX; s < b; s += Group.DimX)
                {
                    double u = p.U[s], x = p.X[s];
                    double r = ShortTermPlasticity.Release(ref u, ref x, p.T - p.Last[s], p.BigU, p.TauRec, p.TauFac);
                    p.U[s] = u; p.X[s] = x; p.Last[s] = p.T; p.Release[s] = r;
                    p.Wf[s] = (float)(p.W[s] * r);
                }
            }
            else
            {
                double u = p.U[j], x = p.X[j];
                double r = ShortTermPlasticity.Release(ref u, ref x, p.T - p.Last[j], p.BigU, p.TauRec, p.TauFac);
                Group.Barrier();
                if (Group.IdxX == 0) { p.U[j] = u; p.X[j] = x; p.Last[j] = p.T; p.Release[j] = r; }
                for (long s = a + Group.IdxX; s < b; s += Group.DimX) p.Wf[s] = (float)(p.W[s] * r);
            }
        }
    }

    /// <summary>A state monitor's sample of one variable: dst[offset + k] = src[neurons[k]].</summary>
    public static void Gather(Index1D k, ArrayView<double> src, ArrayView<int> neurons, ArrayView<double> dst, int offset)
        => dst[offset + k] = src[neurons[k]];
}

/// <summary>
/// a·b + c rounded once, as a kernel's struct type parameter. ILGPU 1.5.3 has no device form of
/// Math.FusedMultiplyAdd: on CUDA it declares an undefined extern function, which the driver refuses,
/// and it does so even inside a branch on the accelerator type, so the choice is made by the host when
/// it loads the kernel (<see cref="PtxFma"/> on CUDA, <see cref="ManagedFma"/> elsewhere). Both are the
/// IEEE fused operation: the same bits.
/// </summary>
internal interface IFusedMultiplyAdd
{
    /// <summary>a·b + c with one rounding.</summary>
    double Fma(double a, double b, double c);
}

/// <summary>PTX's fma.rn.f64, written inline.</summary>
internal readonly struct PtxFma : IFusedMultiplyAdd
{
    /// <inheritdoc />
    public double Fma(double a, double b, double c)
    {
        CudaAsm.Emit("fma.rn.f64 %0, %1, %2, %3;", out double r, a, b, c);
        return r;
    }
}

/// <summary>.NET's Math.FusedMultiplyAdd: for the CPU accelerator, which runs kernels as .NET code.</summary>
internal readonly struct ManagedFma : IFusedMultiplyAdd
{
    /// <inheritdoc />
    public double Fma(double a, double b, double c) => Math.FusedMultiplyAdd(a, b, c);
}
