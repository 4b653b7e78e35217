using Spiking.Connectors;
using Spiking.Description;

namespace Spiking.Engine;

/// <summary>A built projection: its spec, the populations and receptor it joins, and its synapses.</summary>
public sealed class ProjectionState
{
    internal ProjectionState(int index, ProjectionSpec spec, PopulationState pre, PopulationState post, int receptor, SynapseTable synapses, bool timed = false)
    {
        Index = index; Spec = spec; Pre = pre; Post = post; Receptor = receptor; Synapses = synapses; Timed = timed;
    }

    /// <summary>
    /// Whether spikes travel as timed events with their offsets (onto a population with timed input,
    /// see <see cref="PopulationState.TimedSlots"/>) rather than summed into the ring.
    /// </summary>
    internal bool Timed { get; }

    /// <summary>Position in <see cref="Network.Projections"/> (and in the spec's projection list).</summary>
    public int Index { get; }
    /// <summary>The projection's description.</summary>
    public ProjectionSpec Spec { get; }
    /// <summary>The presynaptic (source) population.</summary>
    public PopulationState Pre { get; }
    /// <summary>The postsynaptic (target) population.</summary>
    public PopulationState Post { get; }
    /// <summary>Index of the receptor in the post model's receptor list.</summary>
    public int Receptor { get; }
    /// <summary>The synapses, in rows by presynaptic neuron.</summary>
    public SynapseTable Synapses { get; }

    /// <summary>For projections from rate units with a constant delay: the column view used to propagate them as a gathered product.</summary>
    internal GradedPull? Pull { get; set; }
    /// <summary>The learning rule's state when the projection is plastic, else null.</summary>
    public ISynapticPlasticity? Plasticity { get; internal set; }

    /// <summary>
    /// Where each row divides between <paramref name="parts"/> propagation partitions (target ranges
    /// of equal size): entry i·(parts − 1) + s − 1 is the offset in row i of its first synapse onto
    /// partition s. Rows are sorted by target, so this is a binary search per row and boundary, done
    /// once instead of on the (cold) rows of every spike: those searches, a chain of
    /// dependent cache misses per row, cost 40 % of the propagation time at 10⁶ neurons (RESULTS.md).
    /// Empty when <paramref name="parts"/> is 1 or spikes travel as timed events.
    /// </summary>
    internal int[] ComputeSplits(int parts)
    {
        if (parts <= 1 || Timed) return [];
        if (_splits is { } done && done.Parts == parts) return done.Splits;
        var rowStart = Synapses.RowStart; var target = Synapses.Target;
        int size = Post.Size, stride = parts - 1, rows = Pre.Size;
        var splits = new int[(long)rows * stride];
        const int Block = 4096;
        Parallel.For(0, (rows + Block - 1) / Block, new ParallelOptions { MaxDegreeOfParallelism = parts }, b =>
        {
            for (int i = b * Block, end = Math.Min(rows, (b + 1) * Block); i < end; i++)
            {
                var row = target.AsSpan((int)rowStart[i], (int)(rowStart[i + 1] - rowStart[i]));
                for (int s = 1; s < parts; s++) splits[(long)i * stride + s - 1] = LowerBound(row, (int)((long)size * s / parts));
            }
        });
        _splits = new SplitCache(parts, splits);
        return splits;
    }

    // The last splits computed (the network's build computes them for its thread count); a reference,
    // so that simulators built at once on other threads see a whole pair.
    private SplitCache? _splits;

    private sealed record SplitCache(int Parts, int[] Splits);

    /// <summary>The first index of <paramref name="sorted"/> whose value is at least <paramref name="value"/>.</summary>
    private static int LowerBound(ReadOnlySpan<int> sorted, int value)
    {
        int l = 0, r = sorted.Length;
        while (l < r)
        {
            int m = (l + r) >>> 1;
            if (sorted[m] < value) l = m + 1; else r = m;
        }
        return l;
    }

    /// <summary>
    /// The synapses [a, b) of row <paramref name="i"/> onto partition <paramref name="part"/> of
    /// <paramref name="parts"/>, from <paramref name="splits"/> of <see cref="ComputeSplits"/> (parts 1: the whole row).
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    internal static (long, long) RowPart(long[] rowStart, int[] splits, int i, int part, int parts)
    {
        long a = rowStart[i], b = rowStart[i + 1];
        if (parts == 1) return (a, b);
        long at = (long)i * (parts - 1);
        return (part == 0 ? a : a + splits[at + part - 1], part == parts - 1 ? b : a + splits[at + part]);
    }

    /// <summary>Mean synapses per presynaptic neuron.</summary>
    public double MeanRowLength => Pre.Size > 0 ? (double)Synapses.Count / Pre.Size : 0;
}
