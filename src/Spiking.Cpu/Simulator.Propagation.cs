using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;
using Spiking.Engine;

namespace Spiking.Cpu;

// The time-stepped engine's propagation: spiking rows by target partition, timed events, graded output of rate units.
public sealed partial class Simulator
{
    /// <summary>
    /// Propagation job p of <see cref="_partitions"/>: every spiking row's synapses whose targets lie in
    /// partition p of the post population (rows are sorted by target, so a binary search finds them).
    /// Each target receives its inputs in the same order (spike order, then row order) whatever the
    /// number of partitions, so sums, and results, do not depend on the thread count.
    /// </summary>
    private void PropagatePartition(int part)
    {
        long n = _step, events = 0;
        foreach (var proj in _projs)
        {
            var pre = proj.Pre;
            var output = pre.Group.Output;
            if (pre.SpikeCount == 0 && output is null) continue;
            if (proj.Timed) continue; // PropagateTimed, after the partitions
            int size = proj.Post.Size;
            int lo = (int)((long)size * part / _activePartitions), hi = (int)((long)size * (part + 1) / _activePartitions);
            events += output is null ? PropagateRange(proj, _splits[proj.Index], n, part, _activePartitions) : PropagateGraded(proj, _splits[proj.Index], n, part, _activePartitions, lo, hi, output);
        }
        _partitionEvents[part] = events;
    }

    private static unsafe long PropagateRange(ProjectionState proj, int[] splits, long n, int part, int parts)
    {
        var rowStart = proj.Synapses.RowStart;
        var pre = proj.Pre;
        var table = proj.Synapses;
        var target = table.Target;
        var weight = table.Weight;
        long events = 0;
        var direct = proj.Post.Direct[proj.Receptor];
        if (table.Delay.Length == 0)
        {
            // Undelayed input to a direct receptor lands in the state variable itself, which the update
            // of step n has already advanced: the same as adding it at the start of step n + 1.
            var slot = direct ?? proj.Post.Ring[proj.Receptor][(int)((n + 1 + table.ConstantDelay) % proj.Post.RingLength)];
            ref double slot0 = ref MemoryMarshal.GetArrayDataReference(slot);
            ref int target0 = ref MemoryMarshal.GetArrayDataReference(target);
            ref float weight0 = ref MemoryMarshal.GetArrayDataReference(weight);
            // Rows of the few neurons that fire in a step are cold: fetching them dominates. While one
            // row is added, the next row's synapse data is requested (software pipelining), so the
            // misses overlap instead of queueing one by one.
            long a = 0, b = 0;
            if (pre.SpikeCount > 0) (a, b) = ProjectionState.RowPart(rowStart, splits, pre.SpikeBuffer[0], part, parts);
            for (int k = 0; k < pre.SpikeCount; k++)
            {
                long na = 0, nb = 0;
                if (k + 1 < pre.SpikeCount)
                {
                    (na, nb) = ProjectionState.RowPart(rowStart, splits, pre.SpikeBuffer[k + 1], part, parts);
                    if (Sse.IsSupported)
                        for (long s = na; s < nb; s += 16) // 16 four-byte entries per 64-byte line
                        {
                            Sse.Prefetch0(Unsafe.AsPointer(ref Unsafe.Add(ref target0, (nint)s)));
                            Sse.Prefetch0(Unsafe.AsPointer(ref Unsafe.Add(ref weight0, (nint)s)));
                        }
                }
                events += b - a;
                ref int t0 = ref Unsafe.Add(ref target0, (nint)a);
                ref float w0 = ref Unsafe.Add(ref weight0, (nint)a);
                for (nint s = 0, len = (nint)(b - a); s < len; s++)
                    Unsafe.Add(ref slot0, Unsafe.Add(ref t0, s)) += Unsafe.Add(ref w0, s);
                (a, b) = (na, nb);
            }
        }
        else
        {
            var ring = proj.Post.Ring[proj.Receptor];
            int length = proj.Post.RingLength;
            int baseSlot = (int)((n + 1) % length);
            var delay = table.Delay;
            for (int k = 0; k < pre.SpikeCount; k++)
            {
                var (a, b) = ProjectionState.RowPart(rowStart, splits, pre.SpikeBuffer[k], part, parts);
                events += b - a;
                for (long s = a; s < b; s++)
                {
                    int slot = baseSlot + delay[s];
                    if (slot >= length) slot -= length;
                    ring[slot][target[s]] += weight[s];
                }
            }
        }
        return events;
    }

    /// <summary>
    /// Spikes onto a population with timed input: each synapse queues an event in the list of its
    /// arrival step with the spike's own offset (a spike at n·dt + o with delay D·dt arrives at
    /// (n + D)·dt + o, in step n + D; D ≥ 1 is required). Spikes without precise times count as
    /// stamped at the step's end (offset dt). Runs on one thread, in projection, spike and row order,
    /// so each list's order, and results, do not depend on the thread count.
    /// </summary>
    private long PropagateTimed(ProjectionState proj, long n)
    {
        var pre = proj.Pre;
        if (pre.SpikeCount == 0) return 0;
        var table = proj.Synapses;
        var rowStart = table.RowStart; var target = table.Target; var weight = table.Weight; var delay = table.Delay;
        var slots = proj.Post.TimedSlots!;
        int length = proj.Post.RingLength;
        // The table's delay in steps is D − 1 for receptors acting at the step's end, D otherwise.
        int shift = proj.Post.Model.Receptors[proj.Receptor].ActsAtStepEnd ? 1 : 0;
        int receptor = proj.Receptor;
        bool precise = pre.Spec.PreciseSpikeTimes;
        double dt = _net.Dt;
        long events = 0;
        for (int k = 0; k < pre.SpikeCount; k++)
        {
            int i = pre.SpikeBuffer[k];
            double offset = precise ? pre.OffsetBuffer[k] : dt;
            long a = rowStart[i], b = rowStart[i + 1];
            events += b - a;
            if (delay.Length == 0)
            {
                slots[(int)((n + shift + table.ConstantDelay) % length)].AddRow(target.AsSpan((int)a, (int)(b - a)), weight.AsSpan((int)a, (int)(b - a)), receptor, offset);
            }
            else
            {
                for (long s = a; s < b; s++) slots[(int)((n + shift + delay[s]) % length)].Add(target[s], receptor, offset, weight[s]);
            }
        }
        return events;
    }

    /// <summary>
    /// Propagation from rate units: every unit's output r goes out as weight × r along the same
    /// tables, delays and partitions as spikes (a spike is the case r = 1 for the units that fired).
    /// With a constant delay this is a gathered sparse product by target (<see cref="GradedPull"/>);
    /// with per-synapse delays, every unit with a nonzero output adds weight × r along its row. Per
    /// target the order of the sum does not depend on the number of partitions.
    /// </summary>
    private static long PropagateGraded(ProjectionState proj, int[] splits, long n, int part, int parts, int lo, int hi, double[] output)
    {
        var rowStart = proj.Synapses.RowStart;
        var table = proj.Synapses;
        var target = table.Target;
        var weight = table.Weight;
        var ring = proj.Post.Ring[proj.Receptor];
        int length = proj.Post.RingLength;
        int baseSlot = (int)((n + 1) % length);
        var constantSlot = table.Delay.Length == 0
            ? proj.Post.Direct[proj.Receptor] ?? ring[(baseSlot + table.ConstantDelay) % length]
            : null;
        var delay = table.Delay;
        if (proj.Pull is { } pull && constantSlot is not null) return pull.Apply(output, constantSlot, lo, hi);
        long events = 0;
        for (int i = 0; i < output.Length; i++)
        {
            double r = output[i];
            if (r == 0) continue;
            var (a, b) = ProjectionState.RowPart(rowStart, splits, i, part, parts);
            events += b - a;
            if (constantSlot is not null)
            {
                for (long s = a; s < b; s++) constantSlot[target[s]] += weight[s] * r;
            }
            else
            {
                for (long s = a; s < b; s++)
                {
                    int slot = baseSlot + delay[s];
                    if (slot >= length) slot -= length;
                    ring[slot][target[s]] += weight[s] * r;
                }
            }
        }
        return events;
    }
}
