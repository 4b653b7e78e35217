using PureHDF.VOL.Native;

namespace Spiking.IO.Hdf5;

/// <summary>
/// A writing chunk cache of bounded size for datasets written in order: when full, the chunk
/// cached first is written out. (PureHDF 2.2.0's default cache keeps every chunk of a dataset in
/// memory until the writer is disposed.) Each chunk is written with the writer handed over when
/// it was allocated, because the writer PureHDF passes with a later request writes under that
/// request's chunk index.
/// </summary>
internal sealed class StreamingChunkCache(int capacity) : IWritingChunkCache
{
    private readonly Dictionary<ulong, (Memory<byte> Chunk, Action<ulong, Memory<byte>> Writer)> _chunks = [];
    private readonly Queue<ulong> _order = new();

    public Memory<byte> GetChunk(ulong chunkIndex, Func<Memory<byte>> chunkAllocator, Action<ulong, Memory<byte>> chunkWriter)
    {
        if (_chunks.TryGetValue(chunkIndex, out var cached)) return cached.Chunk;
        while (_chunks.Count >= Math.Max(1, capacity))
        {
            var oldest = _order.Dequeue();
            var (chunk, writer) = _chunks[oldest];
            _chunks.Remove(oldest);
            writer(oldest, chunk);
        }
        var fresh = chunkAllocator();
        _chunks[chunkIndex] = (fresh, chunkWriter);
        _order.Enqueue(chunkIndex);
        return fresh;
    }

    public void Flush(Action<ulong, Memory<byte>> chunkWriter)
    {
        while (_order.Count > 0)
        {
            var oldest = _order.Dequeue();
            var (chunk, _) = _chunks[oldest];
            _chunks.Remove(oldest);
            chunkWriter(oldest, chunk);
        }
    }
}
