using ILGPU;

namespace Spiking.Gpu;

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
