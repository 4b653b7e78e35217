using ILGPU;
using ILGPU.Runtime;
using ILGPU.Runtime.CPU;
using Spiking.Gpu;

namespace Spiking.Tests.Gpu;

/// <summary>
/// The ordered summation of deterministic mode on its own. On ILGPU's CPU accelerator the staged input
/// of a step happens to arrive in key order, so the network tests do not exercise the sort; here the
/// entries arrive shuffled, as atomics on a GPU may deliver them.
/// </summary>
public class DeviceKernelTests
{
    [Fact]
    public void Reduce_adds_staged_input_in_key_order_whatever_order_it_arrived_in()
    {
        using var context = Context.Create(b => b.Default());
        using var acc = context.CreateCPUAccelerator(0);
        var reduce = acc.LoadAutoGroupedStreamKernel<Index1D, Batch<ReduceLaunch>>(DeviceKernels.Reduce);

        // Weights in key order whose double sum depends on the order: 1 + 1e17 − 1e17 + 1 + 0.5.
        float[] byKey = [1f, 1e17f, -1e17f, 1f, 0.5f];
        int[] arrival = [4, 0, 3, 1, 2];
        const int ringLength = 3, size = 2;
        // Target 0: five entries onto receptor 0 (a state variable); target 1: the same onto receptor 1, ring slot 2.
        long[] start = [0, 5, 10];
        var keys = new long[10]; var weights = new float[10]; var dest = new int[10];
        for (int k = 0; k < 5; k++)
        {
            keys[k] = 100 + arrival[k]; weights[k] = byKey[arrival[k]]; dest[k] = 0 * ringLength + 0;
            keys[5 + k] = 100 + arrival[k]; weights[5 + k] = byKey[arrival[k]]; dest[5 + k] = 1 * ringLength + 2;
        }
        using var bStart = acc.Allocate1D(start); using var bCount = acc.Allocate1D(new[] { 5, 5 });
        using var bKey = acc.Allocate1D(keys); using var bWeight = acc.Allocate1D(weights); using var bDest = acc.Allocate1D(dest);
        using var state = acc.Allocate1D(new[] { 0.0, 0.0 });
        using var ring = acc.Allocate1D(new double[ringLength * size]);
        var batch = new Batch<ReduceLaunch>();
        batch.Add(new ReduceLaunch
        {
            Bucket = new BucketViews { Start = bStart.View, Count = bCount.View, Key = bKey.View, Weight = bWeight.View, Dest = bDest.View },
            Into0 = state.View,
            Into1 = ring.View,
            Direct0 = 1,
            Direct1 = 0,
            RingLength = ringLength,
            Size = size,
        });
        reduce(size, batch);
        acc.Synchronize();

        double inOrder = 0, asArrived = 0;
        foreach (var w in byKey) inOrder += w;
        foreach (var k in arrival) asArrived += byKey[k];
        Assert.NotEqual(inOrder, asArrived); // the order matters to these sums
        Assert.Equal(inOrder, state.GetAsArray1D()[0]);
        Assert.Equal(0.0, state.GetAsArray1D()[1]);
        var slots = ring.GetAsArray1D();
        Assert.Equal(inOrder, slots[2 * size + 1]);
        Assert.Equal(0.0, slots.Sum() - slots[2 * size + 1]);
        Assert.Equal(new[] { 0, 0 }, bCount.GetAsArray1D()); // counts are reset for the next step
    }
}
