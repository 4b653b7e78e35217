using System.Globalization;
using PureHDF;

namespace Spiking.Cli.Commands;

/// <summary>
/// Whether two outputs hold the same spikes, bit for bit: the same populations under <c>/spikes</c>,
/// and per population <c>timestamps</c> and <c>node_ids</c> of the same element type, length and bits.
/// </summary>
/// <param name="Identical">Whether every spike dataset matched.</param>
/// <param name="Lines">One line per population (and per population only one file has).</param>
internal sealed record SpikeComparison(bool Identical, IReadOnlyList<string> Lines)
{
    /// <summary>Compares the spike datasets of <paramref name="expected"/> and <paramref name="actual"/>.</summary>
    public static SpikeComparison Compare(string expected, string actual)
    {
        var inv = CultureInfo.InvariantCulture;
        using var a = H5File.OpenRead(expected);
        using var b = H5File.OpenRead(actual);
        var popsA = Populations(a);
        var popsB = Populations(b);
        var lines = new List<string>();
        bool same = true;
        foreach (var pop in popsA.Union(popsB))
        {
            if (!popsA.Contains(pop) || !popsB.Contains(pop))
            {
                lines.Add($"  {pop}: only in {(popsA.Contains(pop) ? expected : actual)}");
                same = false;
                continue;
            }
            var ga = a.Group("spikes").Group(pop);
            var gb = b.Group("spikes").Group(pop);
            string? why = Differs(ga.Dataset("timestamps"), gb.Dataset("timestamps")) is { } t ? "timestamps " + t
                : Differs(ga.Dataset("node_ids"), gb.Dataset("node_ids")) is { } n ? "node_ids " + n : null;
            long count = (long)ga.Dataset("timestamps").Space.Dimensions[0];
            lines.Add(why is null ? string.Format(inv, "  {0}: {1:N0} spikes, identical", pop, count) : $"  {pop}: {why}");
            same &= why is null;
        }
        if (popsA.Count == 0 && popsB.Count == 0) lines.Add("  no spike recordings in either file: nothing to compare (rate models record no spikes)");
        return new SpikeComparison(same, lines);
    }

    private static HashSet<string> Populations(IH5Group file)
        => file.LinkExists("spikes") ? file.Group("spikes").Children().OfType<IH5Group>().Select(g => g.Name).ToHashSet(StringComparer.Ordinal) : [];

    /// <summary>Null when the datasets hold the same type and bits; else what differs first.</summary>
    private static string? Differs(IH5Dataset x, IH5Dataset y)
    {
        if (x.Type.Class != y.Type.Class || x.Type.Size != y.Type.Size) return $"differ in element type ({x.Type.Class} {x.Type.Size} bytes vs {y.Type.Class} {y.Type.Size})";
        var dx = x.Space.Dimensions;
        var dy = y.Space.Dimensions;
        if (!dx.SequenceEqual(dy)) return $"differ in shape ({string.Join("x", dx)} vs {string.Join("x", dy)})";
        if (dx.Aggregate(1UL, (p, d) => p * d) == 0) return null;
        // Every element as its raw bits: an 8-byte float or integer read as ulong keeps them.
        ulong[] bx = Bits(x), by = Bits(y);
        for (long k = 0; k < bx.LongLength; k++)
            if (bx[k] != by[k]) return string.Format(CultureInfo.InvariantCulture, "differ first at element {0:N0}", k);
        return null;
    }

    private static ulong[] Bits(IH5Dataset d) => d.Type.Class switch
    {
        H5DataTypeClass.FloatingPoint when d.Type.Size == 8 => Array.ConvertAll(d.Read<double[]>(), v => (ulong)BitConverter.DoubleToInt64Bits(v)),
        H5DataTypeClass.FloatingPoint => Array.ConvertAll(d.Read<float[]>(), v => (ulong)(uint)BitConverter.SingleToInt32Bits(v)),
        _ when d.Type.Size == 8 => d.Read<ulong[]>(),
        _ => Array.ConvertAll(d.Read<uint[]>(), v => (ulong)v),
    };
}
