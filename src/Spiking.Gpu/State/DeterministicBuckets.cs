using ILGPU;
using ILGPU.Runtime;
using static Spiking.Gpu.DeviceMemory;

namespace Spiking.Gpu;

/// <summary>A post population's staging buffers for deterministic sums (see <see cref="BucketViews"/>).</summary>
internal sealed class DeterministicBucket
{
    private readonly MemoryBuffer1D<long, Stride1D.Dense> _start, _key;
    private readonly MemoryBuffer1D<int, Stride1D.Dense> _count, _dest;
    private readonly MemoryBuffer1D<float, Stride1D.Dense> _weight;

    public DeterministicBucket(DeviceSession device, long[] start)
    {
        long total = start[^1];
        _start = device.Memory.Upload<long>(start);
        _count = device.Memory.Allocate<int>(Math.Max(1, start.Length - 1));
        _count.MemSetToZero();
        _key = device.Memory.Allocate<long>(Math.Max(1, total));
        _weight = device.Memory.Allocate<float>(Math.Max(1, total));
        _dest = device.Memory.Allocate<int>(Math.Max(1, total));
    }

    public BucketViews Views => new() { Start = _start.View, Count = _count.View, Key = _key.View, Weight = _weight.View, Dest = _dest.View };
}
