using ILGPU;
using ILGPU.Runtime;
using static Spiking.Gpu.DeviceMemory;
using Spiking.Engine;

namespace Spiking.Gpu;

/// <summary>Spike-time input events sorted by (step, neuron), on the device; the host keeps the cursor.</summary>
internal sealed class DeviceSpikeTimesInput(DeviceSession device, DevicePopulation target, int receptor, double weight, long[] steps, int[] neurons)
{
    private readonly MemoryBuffer1D<int, Stride1D.Dense> _neurons = device.Memory.Upload<int>(neurons);
    private int _next;

    public DevicePopulation Target => target;

    public void Enqueue(DeviceSession s, long n)
    {
        while (_next < steps.Length && steps[_next] < n) _next++;
        int first = _next;
        while (_next < steps.Length && steps[_next] == n) _next++;
        if (_next > first) s.SpikeTimesKernel(_next - first, _neurons.View, first, _next - first, target.InputFor(receptor, n), weight);
    }
}

/// <summary>
/// A spike-time input onto a population with precise spike times: the CPU's table (times to steps and
/// offsets, sorted by step, offset and neuron), whose entries of step n go into that step's timed lists,
/// after every event queued in earlier steps, in table order (the CPU's order).
/// </summary>
internal sealed class DeviceTimedSpikeTimesInput(DeviceSession device, int index, DevicePopulation target, SpikeTimesRuntime table)
{
    private readonly MemoryBuffer1D<int, Stride1D.Dense> _neurons = device.Memory.Upload<int>(table.Neurons);
    private readonly MemoryBuffer1D<double, Stride1D.Dense> _offsets = device.Memory.Upload<double>(table.Offsets);
    private readonly Action<Index1D, TimedTimesLaunch> _kernel = device.Kernel("timed-times", () => device.Accelerator.AutoKernel<TimedTimesLaunch>(DeviceKernels.TimedTimes));
    private int _next;

    public DevicePopulation Target => target;
    public SpikeTimesRuntime Table => table;

    public void Enqueue(DeviceSession s, long n)
    {
        var steps = table.Steps;
        while (_next < steps.Length && steps[_next] < n) _next++;
        int first = _next;
        while (_next < steps.Length && steps[_next] == n) _next++;
        if (_next == first) return;
        _kernel(_next - first, new TimedTimesLaunch
        {
            Neurons = _neurons.View,
            Offsets = _offsets.View,
            Lists = target.Lists,
            Start = first,
            Slot = (int)(n % target.RingLength),
            RingLength = target.RingLength,
            Input = index,
            Receptor = table.Receptor,
            Weight = table.Weight,
        });
    }
}
