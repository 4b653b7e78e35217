using ILGPU;

namespace Spiking.Gpu;

/// <summary>
/// The device kernels of one time step, in launch order: <see cref="Gather"/> for state monitors due,
/// spike-time, Poisson and <see cref="Noise"/> input, <see cref="Update{TModel}"/>
/// (up to eight populations of one model a launch), <see cref="MarkStep"/>, then <see cref="Push"/> (spikes, up to eight projections a launch) or
/// <see cref="Graded"/> (rate units; in deterministic mode after a <see cref="Reduce"/> of the spikes
/// staged so far for its post population), per population <see cref="Reduce"/> (deterministic sums),
/// and <see cref="TraceDecay"/> for the traces of every plastic projection (up to eight a launch), then per spiking plastic projection <see cref="StdpDepress{TRule}"/>,
/// <see cref="StdpPotentiate{TRule}"/>, <see cref="StdpBump{TRule}"/>, then <see cref="Normalize"/> when due.
/// Launches on one stream run in that order.
/// </summary>
internal static partial class DeviceKernels
{
    /// <summary>One neuron's update; a spike raises its flag and is appended to the population's list.</summary>
    public static void Update<TModel>(Index1D j, Batch<UpdateLaunch<TModel>> batch)
        where TModel : struct, IDeviceNeuronModel
    {
        int i = j;
        var p = batch.Find(ref i, default(UpdateItems<TModel>));
        var s = p.State;
        var o = p.Output;
        // The population's one Poisson input, drawn and added here instead of in a launch of its own
        // (nothing else adds into its input between the inputs and the update, so the sum is the same).
        if (p.HasPoisson != 0) PoissonAdd(p.Poisson, i);
        bool fired = p.Model.Step(i, s);
        if (fired)
        {
            int at = Atomic.Add(ref o.Counters[2 * o.Population], 1);
            o.Records[at] = i;
        }
    }

    /// <summary>
    /// The update of a precise population: each neuron sorts its events of the step's slot by (offset,
    /// key), which is the CPU's order (its list sorted by offset, stably in queued order), empties its
    /// list, and runs the model's precise step; a spike goes to the list with its offset.
    /// </summary>
    public static void UpdatePrecise<TModel>(Index1D index, PreciseLaunch<TModel> p) where TModel : struct, IDevicePreciseModel
    {
        int i = index;
        var l = p.Lists;
        long first = p.Slot * l.Capacity + l.Start[i];
        int at = p.Slot * l.Size + i;
        int count = l.Count[at];
        for (long k = first + 1; k < first + count; k++)
        {
            double o = l.Offset[k], w = l.Weight[k];
            long key = l.Key[k];
            int r = l.Receptor[k];
            long j = k - 1;
            while (j >= first && (l.Offset[j] > o || (l.Offset[j] == o && l.Key[j] > key)))
            {
                l.Offset[j + 1] = l.Offset[j]; l.Weight[j + 1] = l.Weight[j]; l.Key[j + 1] = l.Key[j]; l.Receptor[j + 1] = l.Receptor[j];
                j--;
            }
            l.Offset[j + 1] = o; l.Weight[j + 1] = w; l.Key[j + 1] = key; l.Receptor[j + 1] = r;
        }
        l.Count[at] = 0;
        var events = count > 0
            ? new DeviceTimedEvents(l.Offset.SubView(first, count), l.Weight.SubView(first, count), l.Receptor.SubView(first, count))
            : new DeviceTimedEvents(l.Offset, l.Weight, l.Receptor);
        if (p.Model.Step(i, p.State, events, 0, count, out double offset))
        {
            var o = p.Output;
            int spike = Atomic.Add(ref o.Counters[2 * o.Population], 1);
            o.Records[spike] = i;
            p.Offsets[spike] = offset;
        }
    }
}
