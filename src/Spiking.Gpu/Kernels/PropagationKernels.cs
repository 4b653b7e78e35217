using ILGPU;

namespace Spiking.Gpu;

/// <summary>The propagation kernels: spikes pushed, rate outputs pulled, ordered sums, timed events (part of <see cref="DeviceKernels"/>, whose summary gives the launch order).</summary>
internal static partial class DeviceKernels
{
    /// <summary>
    /// Propagation of up to eight projections: thread group g takes spikes g, g + groups, g + 2·groups, ...
    /// of this step, counted over the projections of the batch in order (the counts are read on the
    /// device, so the host never waits for them), and its threads stride over each spiking
    /// neuron's row. Fast sums add each weight with an atomic addition; deterministic sums stage it in the
    /// target's bucket with its key, for <see cref="Reduce"/> to add in order.
    /// </summary>
    public static void Push(Batch<PushLaunch> batch)
    {
        // The step's spikes of every projection of the batch, one after another: a group per spiking row.
        int total = 0;
        for (int k = 0; k < batch.Count; k++) total += default(PushSpikes).Of(batch.Get(k));
        for (int g = Grid.IdxX; g < total; g += Grid.DimX)
        {
            int local = g;
            var p = batch.Find(ref local, default(PushSpikes));
            PushRow(p, p.Records[p.Counters[2 * p.PrePopulation + 1] + local]);
        }
    }

    /// <summary>One spiking neuron's row of one projection, spread over the threads of the group.</summary>
    private static void PushRow(in PushLaunch p, int i)
    {
        long a = p.RowStart[i], b = p.RowStart[i + 1];
        for (long s = a + Group.IdxX; s < b; s += Group.DimX)
        {
            int t = p.Target[s];
            int slot = p.ConstantSlot;
            if (p.HasDelays != 0)
            {
                slot = p.BaseSlot + p.Delay[s];
                if (slot >= p.RingLength) slot -= p.RingLength;
            }
            if (p.Ordered != 0)
            {
                long at = p.Bucket.Start[t] + Atomic.Add(ref p.Bucket.Count[t], 1);
                p.Bucket.Key[at] = p.KeyBase + s;
                p.Bucket.Weight[at] = p.Weight[s];
                p.Bucket.Dest[at] = p.Receptor * p.RingLength + slot;
            }
            else if (p.HasDelays == 0)
            {
                Atomic.Add(ref p.Into[t], p.Weight[s]);
            }
            else
            {
                Atomic.Add(ref p.Ring[(long)slot * p.Size + t], p.Weight[s]);
            }
        }
    }

    /// <summary>
    /// Propagation from rate units to target t, as the CPU does it. Without delays, GradedPull's scalar
    /// sum: four partial sums over the target's column (synapse k of the column into lane k mod 4), each
    /// a fused multiply-add of the float weight and the presynaptic output, the last (fewer than four)
    /// into lane 0, then (s0 + s1) + (s2 + s3), added to the slot (the CPU's AVX2 gather loop is held
    /// bit-equal to that scalar loop). With per-synapse delays, the CPU's row loop seen from the target:
    /// presynaptic units ascending, each nonzero output adding weight × output (a product, then a sum:
    /// no fused multiply-add there) into the slot of the synapse's delay.
    /// </summary>
    public static void Graded<TFma>(Index1D t, GradedLaunch p, TFma fma) where TFma : struct, IFusedMultiplyAdd
    {
        int a = p.ColumnStart[t], b = p.ColumnStart[t + 1];
        if (a == b) return;
        if (p.HasDelays == 0)
        {
            double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
            int k = a;
            for (; k + 4 <= b; k += 4)
            {
                s0 = fma.Fma(p.Weight[k], p.Output[p.Pre[k]], s0);
                s1 = fma.Fma(p.Weight[k + 1], p.Output[p.Pre[k + 1]], s1);
                s2 = fma.Fma(p.Weight[k + 2], p.Output[p.Pre[k + 2]], s2);
                s3 = fma.Fma(p.Weight[k + 3], p.Output[p.Pre[k + 3]], s3);
            }
            for (; k < b; k++) s0 = fma.Fma(p.Weight[k], p.Output[p.Pre[k]], s0);
            p.Into[t] += (s0 + s1) + (s2 + s3);
            return;
        }
        long events = 0;
        for (int k = a; k < b; k++)
        {
            double r = p.Output[p.Pre[k]];
            if (r == 0) continue;
            events++;
            int slot = p.BaseSlot + p.Delay[p.Synapse[k]];
            if (slot >= p.RingLength) slot -= p.RingLength;
            p.Into[(long)slot * p.Size + t] += p.Weight[k] * r;
        }
        if (events > 0) Atomic.Add(ref p.Events[0], events);
    }

    /// <summary>
    /// Deterministic sums, after every projection of the step was pushed: target t sorts its staged
    /// entries by key (insertion sort: a target gets a handful per step) and adds them one by one into
    /// their receptor's state variable or ring slot. By key means projection by projection, spiking neurons
    /// ascending, each row in table order: the order in which the CPU kernel adds them, so the same sums.
    /// </summary>
    public static void Reduce(Index1D index, Batch<ReduceLaunch> batch)
    {
        int t = index;
        var p = batch.Find(ref t, default(ReduceItems));
        int n = p.Bucket.Count[t];
        if (n == 0) return;
        long a = p.Bucket.Start[t], end = a + n;
        for (long i = a + 1; i < end; i++)
        {
            long key = p.Bucket.Key[i];
            float w = p.Bucket.Weight[i];
            int d = p.Bucket.Dest[i];
            long j = i - 1;
            while (j >= a && p.Bucket.Key[j] > key)
            {
                p.Bucket.Key[j + 1] = p.Bucket.Key[j];
                p.Bucket.Weight[j + 1] = p.Bucket.Weight[j];
                p.Bucket.Dest[j + 1] = p.Bucket.Dest[j];
                j--;
            }
            p.Bucket.Key[j + 1] = key;
            p.Bucket.Weight[j + 1] = w;
            p.Bucket.Dest[j + 1] = d;
        }
        for (long i = a; i < end; i++)
        {
            int d = p.Bucket.Dest[i];
            int receptor = d / p.RingLength, slot = d - receptor * p.RingLength;
            double w = p.Bucket.Weight[i];
            if (receptor == 0)
            {
                if (p.Direct0 != 0) p.Into0[t] += w;
                else p.Into0[(long)slot * p.Size + t] += w;
            }
            else
            {
                if (p.Direct1 != 0) p.Into1[t] += w;
                else p.Into1[(long)slot * p.Size + t] += w;
            }
        }
        p.Bucket.Count[t] = 0;
    }

    /// <summary>A timed projection's push (see <see cref="TimedPushLaunch"/>): a group per spiking row, its threads over the row.</summary>
    public static void PushTimed(TimedPushLaunch p)
    {
        int first = p.Counters[2 * p.PrePopulation + 1];
        int count = p.Counters[2 * p.PrePopulation] - first;
        for (int g = Grid.IdxX; g < count; g += Grid.DimX)
        {
            int record = first + g;
            int i = p.Records[record];
            double offset = p.Precise != 0 ? p.PreOffsets[record] : p.Dt;
            int slot = p.BaseSlot + p.Delay;
            if (slot >= p.RingLength) slot -= p.RingLength;
            long order = TimedLists.Order(p.RingLength, p.Shift + p.Delay, p.Projection, 0);
            for (long s = p.RowStart[i] + Group.IdxX; s < p.RowStart[i + 1]; s += Group.DimX)
                p.Lists.Add(slot, p.Target[s], offset, p.Weight[s], order | s, p.Receptor);
        }
    }
}
