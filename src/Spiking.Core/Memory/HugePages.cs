using System.Runtime.InteropServices;
using Spiking.Engine;

namespace Spiking.Memory;

/// <summary>
/// Asks Linux to back large arrays with 2 MiB pages (transparent huge pages). The synapse rows of a
/// spiking neuron and the targets they add into are scattered over hundreds of MiB; with 4 KiB pages
/// almost every such access also misses the TLB and waits for a page walk. Where the kernel's THP
/// mode is "madvise" (the default of many distributions), only memory advised with MADV_HUGEPAGE gets
/// huge pages; MADV_COLLAPSE (Linux 6.1) turns pages already written into huge pages at once. A hint
/// only: results never depend on it, and any failure (another OS, an old kernel, THP off) is ignored.
/// </summary>
internal static class HugePages
{
    private const int MadvHugePage = 14, MadvCollapse = 25;
    private const long MinBytes = 4L << 20; // smaller arrays span too few huge pages to matter
    private const long Page = 2L << 20;

    /// <summary>Whether to advise at all (environment SPIKING_HUGE_PAGES=0 turns it off, for measurements).</summary>
    public static bool Enabled { get; set; } = OperatingSystem.IsLinux() && Environment.GetEnvironmentVariable("SPIKING_HUGE_PAGES") != "0";

    [DllImport("libc", EntryPoint = "madvise", SetLastError = true)]
    private static extern int MAdvise(nint address, nuint length, int advice);

    /// <summary>
    /// Advises the whole 2 MiB pages inside <paramref name="array"/>'s data. Advised before it is
    /// written, an array gets huge pages as it is first touched; with <paramref name="collapse"/>, pages
    /// already written are also moved into huge pages now (a copy: 2–3 s per GiB on this project's machine).
    /// </summary>
    public static unsafe void Advise<T>(T[] array, bool collapse = true) where T : unmanaged
    {
        if (!Enabled) return;
        long bytes = (long)array.LongLength * sizeof(T);
        if (bytes < MinBytes) return;
        try
        {
            fixed (T* p = array)
            {
                long start = ((long)p + Page - 1) & ~(Page - 1), end = ((long)p + bytes) & ~(Page - 1);
                if (end <= start) return;
                MAdvise((nint)start, (nuint)(end - start), MadvHugePage);
                if (collapse) MAdvise((nint)start, (nuint)(end - start), MadvCollapse);
            }
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            Enabled = false;
        }
    }
}
