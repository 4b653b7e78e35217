using System.Runtime.CompilerServices;

namespace Spiking.Random;

/// <summary>
/// The Philox4x32-10 counter-based generator (Salmon, Moraes, Dror &amp; Shaw 2011, "Parallel random
/// numbers: as easy as 1, 2, 3", SC'11). A block of four 32-bit words is a pure function of a
/// 64-bit key and a 128-bit counter, so any draw can be computed in any order, on any thread or
/// device, and gives the same bits.
/// </summary>
public static class Philox
{
    private const uint M0 = 0xD2511F53, M1 = 0xCD9E8D57;
    private const uint W0 = 0x9E3779B9, W1 = 0xBB67AE85;

    /// <summary>Computes one block: ten rounds of Philox4x32 over counter (c0..c3) with key (k0, k1).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Block(uint k0, uint k1, uint c0, uint c1, uint c2, uint c3,
        out uint r0, out uint r1, out uint r2, out uint r3)
    {
        for (int round = 0; round < 10; round++)
        {
            ulong p0 = (ulong)M0 * c0;
            ulong p1 = (ulong)M1 * c2;
            uint n0 = (uint)(p1 >> 32) ^ c1 ^ k0;
            uint n1 = (uint)p1;
            uint n2 = (uint)(p0 >> 32) ^ c3 ^ k1;
            uint n3 = (uint)p0;
            c0 = n0; c1 = n1; c2 = n2; c3 = n3;
            k0 += W0; k1 += W1;
        }
        r0 = c0; r1 = c1; r2 = c2; r3 = c3;
    }

    /// <summary>
    /// Four blocks at once, for counters that differ only in word c2 (four neurons' streams at the same
    /// position), returning the first two words of each. Four independent chains of multiplications
    /// let the processor overlap them: about a third of the time of four calls to <see cref="Block"/>.
    /// Same words as <see cref="Block"/>.
    /// </summary>
    public static void Block4(uint k0, uint k1, uint c0, uint c1, uint c2a, uint c2b, uint c2c, uint c2d, uint c3,
        out ulong a, out ulong b, out ulong c, out ulong d)
    {
        uint a0 = c0, a1 = c1, a2 = c2a, a3 = c3;
        uint b0 = c0, b1 = c1, b2 = c2b, b3 = c3;
        uint e0 = c0, e1 = c1, e2 = c2c, e3 = c3;
        uint f0 = c0, f1 = c1, f2 = c2d, f3 = c3;
        for (int round = 0; round < 10; round++)
        {
            Round(ref a0, ref a1, ref a2, ref a3, k0, k1);
            Round(ref b0, ref b1, ref b2, ref b3, k0, k1);
            Round(ref e0, ref e1, ref e2, ref e3, k0, k1);
            Round(ref f0, ref f1, ref f2, ref f3, k0, k1);
            k0 += W0; k1 += W1;
        }
        a = ((ulong)a1 << 32) | a0; b = ((ulong)b1 << 32) | b0; c = ((ulong)e1 << 32) | e0; d = ((ulong)f1 << 32) | f0;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Round(ref uint c0, ref uint c1, ref uint c2, ref uint c3, uint k0, uint k1)
    {
        ulong p0 = (ulong)M0 * c0;
        ulong p1 = (ulong)M1 * c2;
        uint n0 = (uint)(p1 >> 32) ^ c1 ^ k0;
        uint n2 = (uint)(p0 >> 32) ^ c3 ^ k1;
        c1 = (uint)p1; c3 = (uint)p0; c0 = n0; c2 = n2;
    }
}
