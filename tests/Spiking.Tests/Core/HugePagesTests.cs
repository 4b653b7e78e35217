using System.Globalization;
using Spiking.Memory;
using System.Runtime.InteropServices;
using Spiking.Engine;
using Xunit;

namespace Spiking.Tests.Core;

public class HugePagesTests
{
    /// <summary>The kernel's transparent-huge-page mode ("always", "madvise" or "never"), or null off Linux.</summary>
    private static string? ThpMode()
    {
        const string path = "/sys/kernel/mm/transparent_hugepage/enabled";
        if (!File.Exists(path)) return null;
        var text = File.ReadAllText(path);
        int a = text.IndexOf('['), b = text.IndexOf(']');
        return a >= 0 && b > a ? text[(a + 1)..b] : null;
    }

    /// <summary>AnonHugePages (kB) of the mapping of this process that holds <paramref name="address"/>.</summary>
    private static long HugeKilobytesAt(long address)
    {
        bool inside = false;
        foreach (var line in File.ReadLines("/proc/self/smaps"))
        {
            int dash = line.IndexOf('-');
            if (dash > 0 && line.IndexOf(' ') > dash && IsHex(line.AsSpan(0, dash)))
            {
                int space = line.IndexOf(' ');
                long lo = long.Parse(line.AsSpan(0, dash), NumberStyles.HexNumber), hi = long.Parse(line.AsSpan(dash + 1, space - dash - 1), NumberStyles.HexNumber);
                inside = address >= lo && address < hi;
            }
            else if (inside && line.StartsWith("AnonHugePages:", StringComparison.Ordinal))
                return long.Parse(line["AnonHugePages:".Length..].Replace("kB", "").Trim(), CultureInfo.InvariantCulture);
        }
        return -1;
    }

    private static bool IsHex(ReadOnlySpan<char> s)
    {
        foreach (var c in s) if (!char.IsAsciiHexDigit(c)) return false;
        return s.Length > 0;
    }

    [Fact]
    public unsafe void LargeArrayAdvisedBeforeWritingGetsHugePages()
    {
        var mode = ThpMode();
        if (mode is not ("madvise" or "always") || !HugePages.Enabled) return; // nothing to check on this machine
        var a = new int[16 << 20]; // 64 MiB
        HugePages.Advise(a, collapse: false);
        Array.Fill(a, 1);
        long address;
        fixed (int* p = a) address = (long)p + (32L << 20); // a page in the middle
        long huge = HugeKilobytesAt(address);
        Assert.True(huge >= 2048, $"THP mode '{mode}': the mapping of an advised 64 MiB array has {huge} kB in huge pages");
        GC.KeepAlive(a);
    }

    [Fact]
    public void SmallAndEmptyArraysAreLeftAlone()
    {
        HugePages.Advise(Array.Empty<ushort>());
        HugePages.Advise(new double[10]);
        HugePages.Advise(new float[1 << 20], collapse: true); // 4 MiB: at the limit
    }
}
