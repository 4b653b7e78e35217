using System.Runtime.CompilerServices;

namespace Spiking.EventDriven;

/// <summary>
/// The global event queue: a binary min-heap of <see cref="Event"/> structs in one array, so pushing
/// and popping allocate nothing once the array has grown (docs/event-driven.md compares it with
/// per-projection FIFOs).
/// </summary>
internal sealed class EventQueue
{
    private Event[] _heap = new Event[1024];
    private int _count;

    public int Count => _count;

    /// <summary>Largest size reached (for the run summary and docs).</summary>
    public int PeakCount { get; private set; }

    public double PeekTime => _heap[0].Time;

    public ref readonly Event Peek => ref _heap[0];

    public void Push(in Event e)
    {
        if (_count == _heap.Length) Array.Resize(ref _heap, _heap.Length * 2);
        var heap = _heap;
        int i = _count++;
        if (_count > PeakCount) PeakCount = _count;
        while (i > 0)
        {
            int parent = (i - 1) >> 1;
            if (!Event.Before(e, heap[parent])) break;
            heap[i] = heap[parent];
            i = parent;
        }
        heap[i] = e;
    }

    public Event Pop()
    {
        var heap = _heap;
        var top = heap[0];
        int n = --_count;
        if (n > 0) SiftDown(heap, heap[n], n);
        return top;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void SiftDown(Event[] heap, Event last, int n)
    {
        int i = 0;
        while (true)
        {
            int child = 2 * i + 1;
            if (child >= n) break;
            if (child + 1 < n && Event.Before(heap[child + 1], heap[child])) child++;
            if (!Event.Before(heap[child], last)) break;
            heap[i] = heap[child];
            i = child;
        }
        heap[i] = last;
    }
}
