using Spiking.Models;

namespace Spiking.Engine;

/// <summary>One synaptic event with its arrival offset inside a step (ms, in (0, dt]).</summary>
internal readonly record struct TimedEvent(int Target, double Offset, double Weight);

/// <summary>
/// The events that arrive in one step at a population with precise spike times: one list per slot of
/// its delay ring, in the order they were queued. The summed ring cannot hold them, since each
/// event keeps its own offset. The array grows and is reused; nothing is allocated per step once the
/// busiest step has been seen.
/// </summary>
internal sealed class TimedEventList
{
    private TimedEvent[] _items = [];

    public int Count { get; private set; }

    public void Add(int target, double offset, double weight)
    {
        if (Count == _items.Length) Array.Resize(ref _items, Math.Max(64, 2 * _items.Length));
        _items[Count++] = new TimedEvent(target, offset, weight);
    }

    /// <summary>
    /// Moves the events into <paramref name="into"/>, grouped by target (counting sort, which keeps the
    /// queued order) and sorted by offset within each target (insertion sort, stable: events at equal
    /// offsets stay in queued order), then empties the list. O(size + events).
    /// </summary>
    public void MoveTo(TimedInputs into)
    {
        var start = into.Start;
        int size = start.Length - 1;
        Array.Clear(start);
        var items = _items.AsSpan(0, Count);
        foreach (ref readonly var e in items) start[e.Target + 1]++;
        for (int i = 0; i < size; i++) start[i + 1] += start[i];
        if (into.Offset.Length < Count)
        {
            into.Offset = new double[_items.Length];
            into.Weight = new double[_items.Length];
        }
        var offset = into.Offset; var weight = into.Weight; var cursor = into.Cursor;
        Array.Copy(start, cursor, size);
        foreach (ref readonly var e in items)
        {
            int at = cursor[e.Target]++;
            offset[at] = e.Offset;
            weight[at] = e.Weight;
        }
        for (int i = 0; i < size; i++)
        {
            int a = start[i], b = start[i + 1];
            for (int k = a + 1; k < b; k++)
            {
                double o = offset[k], w = weight[k];
                int j = k - 1;
                while (j >= a && offset[j] > o)
                {
                    offset[j + 1] = offset[j];
                    weight[j + 1] = weight[j];
                    j--;
                }
                offset[j + 1] = o;
                weight[j + 1] = w;
            }
        }
        Count = 0;
    }
}
