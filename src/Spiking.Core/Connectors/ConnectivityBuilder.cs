using Spiking.Description;
using Spiking.Random;

namespace Spiking.Connectors;

/// <summary>
/// Builds the <see cref="SynapseTable"/> of a projection. Row-wise connectors (all-to-all,
/// one-to-one, fixed probability, distance-dependent, fixed out-degree) draw row i from stream (seed, projection, i);
/// fixed in-degree draws column j from stream (seed, projection, j) and transposes; fixed total
/// number and explicit lists use one stream for the projection. Rows are generated in parallel
/// blocks and joined in order, so the table is identical for any thread count. Which of the three
/// ways a connector uses, and what it draws, is up to its <see cref="IConnectorKind"/> (one file per
/// kind in this folder, found through <see cref="ConnectorRegistry"/>).
/// </summary>
public static class ConnectivityBuilder
{
    private const int RowBlock = 2048;

    /// <summary>Everything needed to turn a drawn value into a stored weight and delay.</summary>
    public readonly record struct Context(
        ProjectionSpec Spec, int ProjectionIndex, int PreSize, int PostSize, bool SamePopulation,
        double Dt, bool ActsAtStepEnd, bool ConductanceReceptor, ulong Seed, int Threads)
    {
        /// <summary>Also keep each drawn delay in ms (<see cref="SynapseTable.DelayMs"/>), for the event-driven kernel.</summary>
        public bool KeepDelayMs { get; init; }

        /// <summary>Coordinates of the pre neurons (x, y, z per neuron; <see cref="NeuronPositions"/>), for distance-dependent connectors.</summary>
        public double[]? PrePositions { get; init; }

        /// <summary>Coordinates of the post neurons.</summary>
        public double[]? PostPositions { get; init; }

        /// <summary>Whether neuron i must not connect to itself: pre and post are one population and the connector forbids autapses.</summary>
        public bool SkipSelf => SamePopulation && !Spec.Connector.AllowAutapses;
    }

    /// <summary>Builds the synapse table described by <paramref name="c"/>.</summary>
    public static SynapseTable Build(in Context c)
    {
        var connector = c.Spec.Connector;
        if (!ConnectorRegistry.TryGet(connector, out var kind)) throw new NotSupportedException(connector.GetType().Name);
        return kind.Build(connector, c);
    }

    /// <summary>
    /// Row-wise generation in two passes over the same streams: the first counts each row's synapses,
    /// the second writes them straight into arrays of the exact final size, so building needs no more
    /// memory than the table itself (10 bytes per synapse at most) plus one row per thread.
    /// Row i is drawn from stream (seed, projection, i): <paramref name="rowTargets"/> draws pre neuron
    /// i's targets (any order, repeats allowed), then each synapse's weight and delay follow.
    /// </summary>
    public static SynapseTable ByRow(Context c, PartnerDraw rowTargets)
    {
        bool constantDelay = c.Spec.Delay is ConstantValue;
        int blocks = (c.PreSize + RowBlock - 1) / RowBlock;
        var options = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, c.Threads) };
        var rowStart = new long[c.PreSize + 1];
        Parallel.For(0, blocks, options, () => new List<int>(), (b, _, row) =>
        {
            for (int i = b * RowBlock, end = Math.Min(c.PreSize, (b + 1) * RowBlock); i < end; i++)
            {
                var rng = new PhiloxStream(c.Seed, StreamKind.Connectivity, c.ProjectionIndex, (uint)i);
                row.Clear();
                rowTargets(i, ref rng, row);
                rowStart[i + 1] = row.Count;
            }
            return row;
        }, _ => { });
        for (int i = 0; i < c.PreSize; i++) rowStart[i + 1] += rowStart[i];
        long total = rowStart[c.PreSize];
        var target = new int[total];
        var weight = new float[total];
        var delay = constantDelay ? [] : new ushort[total];
        Memory.HugePages.Advise(target, collapse: false); Memory.HugePages.Advise(weight, collapse: false); Memory.HugePages.Advise(delay, collapse: false);
        var delayMs = constantDelay || !c.KeepDelayMs ? [] : new float[total];
        Parallel.For(0, blocks, options, () => new List<int>(), (b, _, row) =>
        {
            for (int i = b * RowBlock, end = Math.Min(c.PreSize, (b + 1) * RowBlock); i < end; i++)
            {
                var rng = new PhiloxStream(c.Seed, StreamKind.Connectivity, c.ProjectionIndex, (uint)i);
                row.Clear();
                rowTargets(i, ref rng, row);
                long at = rowStart[i];
                foreach (var j in row)
                {
                    target[at] = j;
                    weight[at] = DrawWeight(c, ref rng);
                    if (!constantDelay) // a constant delay draws nothing
                    {
                        double d = DrawDelayMs(c, ref rng);
                        delay[at] = DelaySteps(c, d);
                        if (delayMs.Length > 0) delayMs[at] = (float)d;
                    }
                    at++;
                }
            }
            return row;
        }, _ => { });
        return new SynapseTable(rowStart, target, weight, delay, ConstantDelaySteps(c), delayMs, ConstantDelayMs(c));
    }

    /// <summary>K indices from [0, n) excluding <paramref name="exclude"/>, uniformly, distinct unless multapses are allowed; sorted when distinct.</summary>
    public static void DrawDistinct(int k, int n, int exclude, bool multapses, ref PhiloxStream rng, List<int> into)
    {
        int available = n - (exclude >= 0 ? 1 : 0);
        if (multapses)
        {
            for (int m = 0; m < k; m++)
            {
                int j = rng.NextInt(available);
                if (exclude >= 0 && j >= exclude) j++;
                into.Add(j);
            }
            return;
        }
        if (k > available) throw new InvalidOperationException($"cannot draw {k} distinct partners out of {available}");
        // Floyd's algorithm: k draws, each accepted once, uniform over k-subsets.
        var chosen = new HashSet<int>();
        for (int m = available - k; m < available; m++)
        {
            int t = rng.NextInt(m + 1);
            if (!chosen.Add(t)) chosen.Add(m);
        }
        int start = into.Count;
        foreach (var t in chosen) into.Add(exclude >= 0 && t >= exclude ? t + 1 : t);
        into.Sort(start, into.Count - start, Comparer<int>.Default);
    }

    /// <summary>
    /// Column-wise generation: column j (the sources of post neuron j) from stream (seed, projection, j),
    /// <paramref name="columnSources"/> drawing exactly <paramref name="perColumn"/> sources, each
    /// synapse's weight and delay after them; then sorted into rows by pre.
    /// </summary>
    public static SynapseTable ByColumn(Context c, int perColumn, PartnerDraw columnSources)
    {
        bool constantDelay = c.Spec.Delay is ConstantValue;
        var sources = new int[(long)c.PostSize * perColumn];
        var weights = new float[sources.Length];
        var delays = constantDelay ? [] : new ushort[sources.Length];
        var delaysMs = constantDelay || !c.KeepDelayMs ? [] : new float[sources.Length];
        var options = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, c.Threads) };
        Parallel.For(0, (c.PostSize + RowBlock - 1) / RowBlock, options, b =>
        {
            var col = new List<int>(perColumn);
            for (int j = b * RowBlock; j < Math.Min(c.PostSize, (b + 1) * RowBlock); j++)
            {
                var rng = new PhiloxStream(c.Seed, StreamKind.Connectivity, c.ProjectionIndex, (uint)j);
                col.Clear();
                columnSources(j, ref rng, col);
                // The arrays hold exactly perColumn sources per column; a short column would leave zeros behind.
                if (col.Count != perColumn) throw new InvalidOperationException($"column {j} drew {col.Count} sources, not {perColumn}");
                long o = (long)j * perColumn;
                for (int m = 0; m < col.Count; m++)
                {
                    sources[o + m] = col[m];
                    weights[o + m] = DrawWeight(c, ref rng);
                    if (!constantDelay)
                    {
                        double d = DrawDelayMs(c, ref rng);
                        delays[o + m] = DelaySteps(c, d);
                        if (delaysMs.Length > 0) delaysMs[o + m] = (float)d;
                    }
                }
            }
        });
        var posts = new int[sources.Length];
        for (long m = 0; m < posts.Length; m++) posts[m] = (int)(m / perColumn);
        // Columns were visited in ascending order, so each row's targets come out ascending.
        return SortByPre(c, sources, posts, weights, delays, delaysMs, constantDelay);
    }

    /// <summary>
    /// Stable counting sort of synapses given as (pre, post, weight, delay) lists into rows by pre:
    /// within a row the synapses keep their listed order.
    /// </summary>
    private static SynapseTable SortByPre(in Context c, int[] pre, int[] post, float[] w, ushort[] d, float[] dms, bool constantDelay)
    {
        var rowStart = new long[c.PreSize + 1];
        foreach (var i in pre) rowStart[i + 1]++;
        for (int i = 0; i < c.PreSize; i++) rowStart[i + 1] += rowStart[i];
        var fill = (long[])rowStart.Clone();
        var target = new int[pre.Length];
        var weight = new float[pre.Length];
        var delay = constantDelay ? [] : new ushort[pre.Length];
        Memory.HugePages.Advise(target, collapse: false); Memory.HugePages.Advise(weight, collapse: false); Memory.HugePages.Advise(delay, collapse: false);
        var delayMs = dms.Length == 0 ? [] : new float[pre.Length];
        for (long m = 0; m < pre.Length; m++)
        {
            long at = fill[pre[m]]++;
            target[at] = post[m];
            weight[at] = w[m];
            if (!constantDelay) delay[at] = d[m];
            if (delayMs.Length > 0) delayMs[at] = dms[m];
        }
        SortRowsByTarget(rowStart, target, weight, delay, delayMs, c.Threads);
        return new SynapseTable(rowStart, target, weight, delay, ConstantDelaySteps(c), delayMs, ConstantDelayMs(c));
    }

    /// <summary>
    /// Sorts each row by target, keeping the listed order among synapses to the same target (so the
    /// result is the same on every machine). The kernel finds a target range inside a row by binary search.
    /// Rows are independent, so blocks of rows sort in parallel; each row sorts the unique keys
    /// (target, position in the row) and permutes its columns by them.
    /// </summary>
    private static void SortRowsByTarget(long[] rowStart, int[] target, float[] weight, ushort[] delay, float[] delayMs, int threads)
    {
        int rows = rowStart.Length - 1;
        var options = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, threads) };
        Parallel.For(0, (rows + RowBlock - 1) / RowBlock, options, () => new RowSortScratch(), (b, _, scratch) =>
        {
            for (int i = b * RowBlock, last = Math.Min(rows, (b + 1) * RowBlock); i < last; i++)
            {
                int a = (int)rowStart[i], len = (int)(rowStart[i + 1] - rowStart[i]);
                var row = target.AsSpan(a, len);
                bool sorted = true;
                for (int k = 1; k < len && sorted; k++) sorted = row[k - 1] <= row[k];
                if (sorted) continue;
                var keys = scratch.Keys(len);
                for (int k = 0; k < len; k++) keys[k] = ((long)row[k] << 32) | (uint)k;
                keys.Sort();
                Permute(keys, target.AsSpan(a, len), scratch.Ints(len));
                Permute(keys, weight.AsSpan(a, len), scratch.Floats(len));
                if (delay.Length > 0) Permute(keys, delay.AsSpan(a, len), scratch.Shorts(len));
                if (delayMs.Length > 0) Permute(keys, delayMs.AsSpan(a, len), scratch.Floats(len));
            }
            return scratch;
        }, _ => { });
    }

    /// <summary>Reorders <paramref name="column"/> so that entry k is the old entry at the position in the low half of keys[k].</summary>
    private static void Permute<T>(ReadOnlySpan<long> keys, Span<T> column, Span<T> scratch)
    {
        for (int k = 0; k < keys.Length; k++) scratch[k] = column[(int)(uint)keys[k]];
        scratch.CopyTo(column);
    }

    /// <summary>Per-thread buffers of <see cref="SortRowsByTarget"/>, grown to the longest row seen.</summary>
    private sealed class RowSortScratch
    {
        private long[] _keys = [];
        private int[] _ints = [];
        private float[] _floats = [];
        private ushort[] _shorts = [];

        public Span<long> Keys(int n) => Grow(ref _keys, n);
        public Span<int> Ints(int n) => Grow(ref _ints, n);
        public Span<float> Floats(int n) => Grow(ref _floats, n);
        public Span<ushort> Shorts(int n) => Grow(ref _shorts, n);

        private static Span<T> Grow<T>(ref T[] a, int n)
        {
            if (a.Length < n) a = new T[Math.Max(n, 2 * a.Length)];
            return a.AsSpan(0, n);
        }
    }

    /// <summary>
    /// Synapses given as (pre, post) pairs: weights and delays from stream (seed, projection-global, 1)
    /// in the listed order, then a stable sort into rows by pre.
    /// </summary>
    public static SynapseTable FromPairs(Context c, (int Pre, int Post)[] pairs)
    {
        bool constantDelay = c.Spec.Delay is ConstantValue;
        // One stream for the whole projection, consumed in the listed order; then a stable counting sort by pre.
        var rng = new PhiloxStream(c.Seed, StreamKind.ProjectionGlobal, c.ProjectionIndex, 1);
        var w = new float[pairs.Length];
        var d = constantDelay ? [] : new ushort[pairs.Length];
        var dms = constantDelay || !c.KeepDelayMs ? [] : new float[pairs.Length];
        for (int m = 0; m < pairs.Length; m++)
        {
            w[m] = DrawWeight(c, ref rng);
            if (!constantDelay)
            {
                double dm = DrawDelayMs(c, ref rng);
                d[m] = DelaySteps(c, dm);
                if (dms.Length > 0) dms[m] = (float)dm;
            }
        }
        return SortByPre(c, pairs.Select(p => p.Pre).ToArray(), pairs.Select(p => p.Post).ToArray(), w, d, dms, constantDelay);
    }

    private static float DrawWeight(in Context c, ref PhiloxStream rng)
    {
        double w = SynapseValues.Draw(c.Spec.Weight, ref rng);
        // Drawn weights that would break the declared sign (or a conductance's positivity) are clipped at 0, as NEST and Brian2 users do by hand.
        if (c.ConductanceReceptor || c.Spec.Sign == SynapseSign.Excitatory) w = Math.Max(0, w);
        else if (c.Spec.Sign == SynapseSign.Inhibitory) w = Math.Min(0, w);
        return (float)w;
    }

    /// <summary>A drawn delay in ms, negative draws (normal distributions) clipped at 0.</summary>
    private static double DrawDelayMs(in Context c, ref PhiloxStream rng) => Math.Max(0, SynapseValues.Draw(c.Spec.Delay, ref rng));

    private static double ConstantDelayMs(in Context c) => c.Spec.Delay is ConstantValue cv ? Math.Max(0, cv.Value) : 0;

    private static ushort ConstantDelaySteps(in Context c)
        => c.Spec.Delay is ConstantValue cv ? DelaySteps(c, cv.Value) : (ushort)0;

    /// <summary>
    /// Delay in ms to ring-buffer steps: a spike stamped at the end of step n with delay d acts at
    /// the start of step n + 1 + round(d/dt); for receptors applied at step end one step less.
    /// </summary>
    public static ushort DelaySteps(in Context c, double delayMs)
    {
        long steps = (long)Math.Round(Math.Max(0, delayMs) / c.Dt) - (c.ActsAtStepEnd ? 1 : 0);
        return (ushort)Math.Clamp(steps, 0, ushort.MaxValue);
    }
}
