using Spiking.Models;

namespace Spiking.Engine;

/// <summary>One synaptic event with its arrival offset inside a step (ms, in (0, dt]).</summary>
internal readonly record struct TimedEvent(int Target, int Receptor, double Offset, double Weight);

/// <summary>
/// The events that arrive in one step at a population with precise spike times: one list per slot of
/// its delay ring, in the order they were queued. The summed ring cannot hold them, since each
/// event keeps its own offset. The arrays grow and are reused; nothing is allocated per step once the
/// busiest step has been seen.
/// </summary>
internal sealed class TimedEventList
{
    private TimedEvent[] _items = [];
    private int[] _cursor = [];

    public int Count { get; private set; }

    /// <summary>The events queued so far, in queued order (for other backends to take over and give back).</summary>
    public ReadOnlySpan<TimedEvent> Items => _items.AsSpan(0, Count);

    /// <summary>Empties the list.</summary>
    public void Clear() => Count = 0;

    public void Add(int target, int receptor, double offset, double weight)
    {
        if (Count == _items.Length) Array.Resize(ref _items, Math.Max(64, 2 * _items.Length));
        _items[Count++] = new TimedEvent(target, receptor, offset, weight);
    }

    /// <summary>A synapse row's events, all with the spike's offset: capacity is checked once per row.</summary>
    public void AddRow(ReadOnlySpan<int> targets, ReadOnlySpan<float> weights, int receptor, double offset)
    {
        int need = Count + targets.Length;
        if (need > _items.Length) Array.Resize(ref _items, Math.Max(need, Math.Max(64, 2 * _items.Length)));
        var into = _items.AsSpan(Count, targets.Length);
        for (int s = 0; s < into.Length; s++) into[s] = new TimedEvent(targets[s], receptor, offset, weights[s]);
        Count = need;
    }

    /// <summary>
    /// Moves the events into <paramref name="into"/> sorted by (target, offset), events that tie on
    /// both kept in queued order, then empties the list. Many events: a counting sort by target
    /// (O(size + events), stable) first; few (events² &lt; 16·size): only the insertion sort, so a quiet
    /// step does not pay O(size).
    /// </summary>
    public void MoveTo(TimedInputs into)
    {
        int count = Count;
        into.Count = count;
        Count = 0;
        if (count == 0) return;
        if (into.Target.Length < count)
        {
            into.Target = new int[_items.Length];
            into.Offset = new double[_items.Length];
            into.Weight = new double[_items.Length];
            into.Receptor = new int[_items.Length];
        }
        var target = into.Target; var offset = into.Offset; var weight = into.Weight; var receptor = into.Receptor;
        var items = _items.AsSpan(0, count);
        int size = into.Size;
        if ((long)count * count < 16L * size)
        {
            for (int k = 0; k < count; k++) { target[k] = items[k].Target; offset[k] = items[k].Offset; weight[k] = items[k].Weight; receptor[k] = items[k].Receptor; }
        }
        else
        {
            if (_cursor.Length < size + 1) _cursor = new int[size + 1];
            var cursor = _cursor.AsSpan(0, size + 1);
            cursor.Clear();
            foreach (ref readonly var e in items) cursor[e.Target + 1]++;
            for (int i = 0; i < size; i++) cursor[i + 1] += cursor[i];
            foreach (ref readonly var e in items)
            {
                int at = cursor[e.Target]++;
                target[at] = e.Target; offset[at] = e.Offset; weight[at] = e.Weight; receptor[at] = e.Receptor;
            }
        }
        // Stable insertion sort by (target, offset): after the counting sort it only moves events within a target.
        for (int k = 1; k < count; k++)
        {
            int tk = target[k];
            double o = offset[k], w = weight[k];
            int rk = receptor[k];
            int j = k - 1;
            while (j >= 0 && (target[j] > tk || (target[j] == tk && offset[j] > o)))
            {
                target[j + 1] = target[j]; offset[j + 1] = offset[j]; weight[j + 1] = weight[j]; receptor[j + 1] = receptor[j];
                j--;
            }
            target[j + 1] = tk; offset[j + 1] = o; weight[j + 1] = w; receptor[j + 1] = rk;
        }
    }
}
