using System.Runtime.CompilerServices;

namespace Spiking.EventDriven;

/// <summary>
/// The predicted threshold crossing of every neuron in one indexed binary min-heap (at most one entry
/// per neuron; a new prediction moves the entry up or down instead of adding one). With lazy deletion
/// in the global queue every input to a neuron driven towards threshold left a stale entry behind
/// (62,515 queued at the peak on the 50 Hz benchmark network, 0.40 s per 300 ms); with this heap the
/// crossings take N entries at most (docs/event-driven.md has the measurements). Ties: by neuron id.
/// </summary>
internal sealed class CrossingQueue
{
    private readonly int[] _heap;      // neuron ids
    private readonly int[] _position;  // per id: index in _heap, or -1
    private readonly double[] _time;   // per id: predicted crossing
    private int _count;

    public CrossingQueue(int neurons)
    {
        _heap = new int[neurons];
        _position = new int[neurons];
        Array.Fill(_position, -1);
        _time = new double[neurons];
    }

    public int Count => _count;
    public double PeekTime => _time[_heap[0]];
    public int PeekId => _heap[0];

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool Before(int a, int b) => _time[a] < _time[b] || (_time[a] == _time[b] && a < b);

    /// <summary>Sets (or moves) the crossing of neuron <paramref name="id"/> to time t.</summary>
    public void Set(int id, double t)
    {
        int p = _position[id];
        if (p < 0)
        {
            _time[id] = t;
            p = _count++;
            _heap[p] = id;
            _position[id] = p;
            SiftUp(p);
            return;
        }
        double old = _time[id];
        _time[id] = t;
        if (t < old) SiftUp(p); else if (t > old) SiftDown(p);
    }

    /// <summary>Removes the crossing of neuron <paramref name="id"/>, if any.</summary>
    public void Remove(int id)
    {
        int p = _position[id];
        if (p < 0) return;
        _position[id] = -1;
        int last = _heap[--_count];
        if (p == _count) return;
        _heap[p] = last;
        _position[last] = p;
        SiftUp(p);
        SiftDown(_position[last]);
    }

    private void SiftUp(int p)
    {
        int id = _heap[p];
        while (p > 0)
        {
            int parent = (p - 1) >> 1;
            int pid = _heap[parent];
            if (!Before(id, pid)) break;
            _heap[p] = pid; _position[pid] = p;
            p = parent;
        }
        _heap[p] = id; _position[id] = p;
    }

    private void SiftDown(int p)
    {
        int id = _heap[p];
        while (true)
        {
            int child = 2 * p + 1;
            if (child >= _count) break;
            if (child + 1 < _count && Before(_heap[child + 1], _heap[child])) child++;
            int cid = _heap[child];
            if (!Before(cid, id)) break;
            _heap[p] = cid; _position[cid] = p;
            p = child;
        }
        _heap[p] = id; _position[id] = p;
    }
}
