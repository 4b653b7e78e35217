using System.Runtime.CompilerServices;

namespace Spiking.EventDriven;

/// <summary>
/// One entry of the event queue (24 bytes): ordered by <see cref="Time"/>, then by
/// <see cref="Order"/> (kind, then object index), then by <see cref="Index"/>; the order is total
/// for distinct events, so a run is deterministic whatever the heap's internal layout.
/// </summary>
internal readonly struct Event
{
    /// <summary>When it happens (ms).</summary>
    public readonly double Time;
    /// <summary>Kind in the top 8 bits, object index (projection, input, population) in the low 24.</summary>
    public readonly uint Order;
    /// <summary>Unused padding (the struct is 24 bytes either way).</summary>
    public readonly int Version;
    /// <summary>Neuron, synapse, presynaptic neuron or list position, by kind.</summary>
    public readonly long Index;

    public Event(double time, EventKind kind, int a, long index, int version = 0)
    {
        Time = time;
        Order = ((uint)kind << 24) | ((uint)a & 0xFFFFFF);
        Index = index;
        Version = version;
    }

    public EventKind Kind => (EventKind)(Order >> 24);
    public int A => (int)(Order & 0xFFFFFF);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Before(in Event x, in Event y)
        => x.Time < y.Time || (x.Time == y.Time && (x.Order < y.Order || (x.Order == y.Order && x.Index < y.Index)));
}
