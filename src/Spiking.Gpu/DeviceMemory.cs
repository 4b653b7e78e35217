using ILGPU;
using ILGPU.Runtime;

namespace Spiking.Gpu;

/// <summary>
/// One simulator's device memory: every allocation goes through <see cref="Allocate{T}"/>, which counts
/// it and refuses one that would take the total past the device's memory (or a test's limit); and the
/// one-element placeholders a launch passes where it has no buffer of that kind.
/// </summary>
internal sealed class DeviceMemory
{
    private readonly Accelerator _acc;
    private readonly long _memoryLimit;
    private long _deviceBytes;

    /// <summary>Counts allocations on <paramref name="acc"/> against <paramref name="memoryLimit"/> bytes; allocates the placeholders.</summary>
    public DeviceMemory(Accelerator acc, long memoryLimit)
    {
        _acc = acc;
        _memoryLimit = memoryLimit;
        Dummy = Allocate<double>(1);
        DummyInt = Allocate<int>(1);
        DummyDelay = Allocate<ushort>(1);
    }

    /// <summary>Device memory allocated so far (bytes).</summary>
    public long Bytes => _deviceBytes;

    /// <summary>Placeholders for a launch's unused views (one element each).</summary>
    public MemoryBuffer1D<double, Stride1D.Dense> Dummy { get; }
    public MemoryBuffer1D<int, Stride1D.Dense> DummyInt { get; }
    public MemoryBuffer1D<ushort, Stride1D.Dense> DummyDelay { get; }

    /// <summary>Elements [start, start + length) of a buffer, as a contiguous view.</summary>
    public static ArrayView<T> Part<T>(MemoryBuffer1D<T, Stride1D.Dense> buffer, long start, long length) where T : unmanaged
        => ((ArrayView<T>)buffer.View).SubView(start, length);

    /// <summary>
    /// Allocates device memory, counted in <see cref="Bytes"/>; refuses, naming the sizes, an
    /// allocation that would take the total past the device's memory (or the test's limit).
    /// </summary>
    public MemoryBuffer1D<T, Stride1D.Dense> Allocate<T>(long length) where T : unmanaged
    {
        long bytes = length * Interop.SizeOf<T>();
        if (_deviceBytes + bytes > _memoryLimit)
            throw new DeviceUnsupportedException(
                $"a network of this size on {_acc.Name}: {Size(_deviceBytes)} of device memory allocated so far and {Size(bytes)} more needed, of {Size(_memoryLimit)} (use a smaller network, e.g. --scale)");
        var buffer = _acc.Allocate1D<T>(length);
        _deviceBytes += bytes;
        return buffer;
    }

    /// <summary>A byte count in GiB, or MiB below one GiB.</summary>
    public static string Size(long bytes) => bytes >= 1L << 30
        ? (bytes / (double)(1L << 30)).ToString("F2", System.Globalization.CultureInfo.InvariantCulture) + " GiB"
        : (bytes / (double)(1L << 20)).ToString("F1", System.Globalization.CultureInfo.InvariantCulture) + " MiB";

    public MemoryBuffer1D<T, Stride1D.Dense> Upload<T>(ReadOnlySpan<T> values) where T : unmanaged
    {
        var buffer = Allocate<T>(Math.Max(1, values.Length));
        if (values.Length > 0) Part(buffer, 0, values.Length).CopyFromCPU(values);
        else buffer.MemSetToZero();
        return buffer;
    }
}
