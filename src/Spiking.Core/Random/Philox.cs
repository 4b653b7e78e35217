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
}
