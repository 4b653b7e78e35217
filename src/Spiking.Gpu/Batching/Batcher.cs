namespace Spiking.Gpu;

/// <summary>
/// Collects one kind of launch for a step into a <see cref="Batch{T}"/> and launches it when it is full
/// and at <see cref="Flush"/>, with the number of threads (items) its launches take together: the one
/// mechanism behind the batched updates, pushes, Poisson inputs, ordered sums and trace decays. Made
/// once per simulator and kernel; nothing is allocated per step.
/// </summary>
internal abstract class Batcher
{
    /// <summary>Launches what is collected, if anything, and starts an empty batch.</summary>
    public abstract void Flush();
}

/// <inheritdoc cref="Batcher"/>
/// <param name="launch">Launches a batch with the threads its launches take together.</param>
/// <param name="first">A batcher whose collected launches must run before this one's (flushed first).</param>
internal sealed class Batcher<T>(Action<int, Batch<T>> launch, Batcher? first = null) : Batcher where T : struct
{
    private Batch<T> _batch;
    private int _items;

    /// <summary>Launches collected so far.</summary>
    public int Count => _batch.Count;

    /// <summary>Adds a launch of <paramref name="items"/> threads (neurons, targets, rows); launches the batch when full.</summary>
    public void Add(in T item, int items)
    {
        _batch.Add(item);
        _items += items;
        if (_batch.Count == Batch<T>.Capacity) Flush();
    }

    public override void Flush()
    {
        if (_batch.Count > 0) first?.Flush();
        if (_batch.Count > 0) launch(_items, _batch);
        _batch = default;
        _items = 0;
    }
}
