using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using Spiking.Connectors;

namespace Spiking.Engine;

/// <summary>
/// The column (by target) view of a projection from rate units, for propagation as a gathered
/// sparse matrix–vector product y = W·r: for each target, its synapses ordered by presynaptic unit,
/// as (presynaptic unit, weight), with the index of each synapse in the row table so that the weights
/// can be copied again after a learning rule changed them there (<see cref="Refresh"/>). Each target's sum uses four partial sums combined in a fixed
/// order, with fused multiply-adds, in the AVX2 loop and in the scalar loop alike: the same bits on
/// every machine and for any number of threads.
/// </summary>
internal sealed class GradedPull
{
    private GradedPull(int[] columnStart, int[] pre, int[] synapse, float[] weight)
    {
        ColumnStart = columnStart; Pre = pre; Synapse = synapse; Weight = weight;
    }

    public int[] ColumnStart { get; }
    public int[] Pre { get; }
    public int[] Synapse { get; }

    /// <summary>The weights in column order (a copy of the row table's).</summary>
    public float[] Weight { get; }

    /// <summary>Copies the row table's weights again (after plasticity changed them).</summary>
    public void Refresh(float[] rowWeights)
    {
        for (int k = 0; k < Synapse.Length; k++) Weight[k] = rowWeights[Synapse[k]];
    }

    /// <summary>The column view of <paramref name="table"/> (null when it has 2^31 synapses or more).</summary>
    public static GradedPull? Build(SynapseTable table, int preSize, int postSize)
    {
        if (table.Count >= int.MaxValue) return null;
        int count = (int)table.Count;
        var start = new int[postSize + 1];
        foreach (int t in table.Target) start[t + 1]++;
        for (int i = 0; i < postSize; i++) start[i + 1] += start[i];
        var fill = start[..^1].ToArray();
        var pre = new int[count];
        var synapse = new int[count];
        for (int i = 0; i < preSize; i++) // rows in order: each column comes out sorted by presynaptic unit
            for (long s = table.RowStart[i]; s < table.RowStart[i + 1]; s++)
            {
                int k = fill[table.Target[s]]++;
                pre[k] = i;
                synapse[k] = (int)s;
            }
        var pull = new GradedPull(start, pre, synapse, new float[count]);
        pull.Refresh(table.Weight);
        return pull;
    }

    /// <summary>Adds (W·output)[t] to <paramref name="into"/>[t] for targets t in [lo, hi); returns the synapses read.</summary>
    public unsafe long Apply(double[] output, double[] into, int lo, int hi)
    {
        bool gather = Models.VectorPath.Enabled && Avx2.IsSupported && Fma.IsSupported;
        fixed (float* w = Weight)
        fixed (double* x = output)
        fixed (int* pre = Pre)
        {
            for (int t = lo; t < hi; t++)
            {
                int a = ColumnStart[t], b = ColumnStart[t + 1];
                if (a == b) continue;
                into[t] += gather ? SumAvx2(w, x, pre, a, b) : SumScalar(w, x, pre, a, b);
            }
        }
        return ColumnStart[hi] - ColumnStart[lo];
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe double SumAvx2(float* w, double* x, int* pre, int a, int b)
    {
        var acc = Vector256<double>.Zero;
        int k = a;
        for (; k + 4 <= b; k += 4)
        {
            var xs = Avx2.GatherVector256(x, Sse2.LoadVector128(pre + k), 8);
            var ws = Avx.ConvertToVector256Double(Sse.LoadVector128(w + k));
            acc = Fma.MultiplyAdd(ws, xs, acc);
        }
        double s0 = acc.GetElement(0), s1 = acc.GetElement(1), s2 = acc.GetElement(2), s3 = acc.GetElement(3);
        return Tail(w, x, pre, k, b, s0, s1, s2, s3);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe double SumScalar(float* w, double* x, int* pre, int a, int b)
    {
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int k = a;
        for (; k + 4 <= b; k += 4)
        {
            s0 = Math.FusedMultiplyAdd(w[k], x[pre[k]], s0);
            s1 = Math.FusedMultiplyAdd(w[k + 1], x[pre[k + 1]], s1);
            s2 = Math.FusedMultiplyAdd(w[k + 2], x[pre[k + 2]], s2);
            s3 = Math.FusedMultiplyAdd(w[k + 3], x[pre[k + 3]], s3);
        }
        return Tail(w, x, pre, k, b, s0, s1, s2, s3);
    }

    /// <summary>The last (fewer than four) synapses into lane 0, then the lanes in a fixed order.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe double Tail(float* w, double* x, int* pre, int k, int b, double s0, double s1, double s2, double s3)
    {
        for (; k < b; k++) s0 = Math.FusedMultiplyAdd(w[k], x[pre[k]], s0);
        return (s0 + s1) + (s2 + s3);
    }
}
