using ILGPU;

namespace Spiking.Gpu;

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
