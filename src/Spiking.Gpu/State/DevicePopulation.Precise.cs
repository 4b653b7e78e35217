using ILGPU;
using ILGPU.Runtime;
using static Spiking.Gpu.DeviceMemory;
using Spiking.Engine;

namespace Spiking.Gpu;

// Precise spike times: the model's refractory state and the timed input lists of a population fed timed events.
internal sealed partial class DevicePopulation
{
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
    public void CreateTimedLists(DeviceSession device, DeviceProjection[] projections, IEnumerable<SpikeTimesRuntime> times)
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
        _listStart = device.Memory.Upload<long>(start);
        _listCount = device.Memory.Allocate<int>(Math.Max(1, (long)Size * RingLength));
        _listCount.MemSetToZero();
        _listOffset = device.Memory.Allocate<double>(entries);
        _listWeight = device.Memory.Allocate<double>(entries);
        _listKey = device.Memory.Allocate<long>(entries);
        _listReceptor = device.Memory.Allocate<int>(entries);
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
}
