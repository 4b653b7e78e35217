using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Spiking.Models;

/// <summary>
/// The refractory and spike bookkeeping of four neurons at once, shared by the AVX2 LIF loops:
/// refractory counters become a lane mask, and the lanes that fire get their counter set and their
/// index appended to the spike list, in ascending order.
/// </summary>
internal static class RefractoryLanes
{
    /// <summary>Loads four counters at k; returns the lanes still refractory, as a double mask.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Load(ref int refr0, nuint k, out Vector128<int> counters, out Vector128<int> refractory)
    {
        counters = Vector128.LoadUnsafe(ref refr0, k);
        refractory = Vector128.GreaterThan(counters, Vector128<int>.Zero);
        return Vector256.WidenLower(refractory.ToVector256Unsafe()).AsDouble();
    }

    /// <summary>
    /// Counts down refractory lanes, sets <paramref name="refSteps"/> in firing lanes, appends the
    /// firing neurons (i … i + 3) to <paramref name="spikes"/> and returns the new spike count.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Commit(Vector256<double> fire, Vector128<int> refractory, Vector128<int> counters, Vector128<int> refSteps,
        ref int refr0, nuint k, int i, Span<int> spikes, int count)
    {
        uint bits = fire.ExtractMostSignificantBits();
        if ((refractory.ExtractMostSignificantBits() | bits) == 0) return count;
        var fire128 = Vector128.Narrow(fire.AsInt64().GetLower(), fire.AsInt64().GetUpper());
        counters = Vector128.ConditionalSelect(refractory, counters - Vector128<int>.One, counters);
        Vector128.ConditionalSelect(fire128, refSteps, counters).StoreUnsafe(ref refr0, k);
        while (bits != 0)
        {
            spikes[count++] = i + BitOperations.TrailingZeroCount(bits);
            bits &= bits - 1;
        }
        return count;
    }

    /// <summary>Eight-lane form of <see cref="Load"/>: counters at k as a Vector512 double mask.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Load8(ref int refr0, nuint k, out Vector256<int> counters, out Vector256<int> refractory)
    {
        counters = Vector256.LoadUnsafe(ref refr0, k);
        refractory = Vector256.GreaterThan(counters, Vector256<int>.Zero);
        return Vector512.WidenLower(refractory.ToVector512Unsafe()).AsDouble();
    }

    /// <summary>
    /// Eight-lane form of <see cref="Commit"/> (neurons i … i + 7), without its branch on whether any lane
    /// is refractory or fires: the counters are always stored. That branch went whichever way at random
    /// (lif_coba at 20 Hz: about half of all eight-lane blocks hold a refractory neuron; lif_cuba at 6 Hz,
    /// one in five) and its mispredictions cost more than the store, even at 10⁶ neurons where the
    /// update streams from memory (paired runs, RESULTS.md: update 0.97 → 0.73 s for COBA at 40,000,
    /// 2.44 → 1.84 s for CUBA at 400,000, unchanged at 10⁶).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Commit8(Vector512<double> fire, Vector256<int> refractory, Vector256<int> counters, Vector256<int> refSteps,
        ref int refr0, nuint k, int i, Span<int> spikes, int count)
    {
        var fire256 = Vector256.Narrow(fire.AsInt64().GetLower(), fire.AsInt64().GetUpper());
        counters = Vector256.ConditionalSelect(refractory, counters - Vector256<int>.One, counters);
        Vector256.ConditionalSelect(fire256, refSteps, counters).StoreUnsafe(ref refr0, k);
        ulong bits = fire.ExtractMostSignificantBits();
        while (bits != 0)
        {
            spikes[count++] = i + BitOperations.TrailingZeroCount(bits);
            bits &= bits - 1;
        }
        return count;
    }

}
