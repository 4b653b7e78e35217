using Spiking.Description;
using Spiking.Random;

namespace Spiking.Connectors;

/// <summary>
/// Positions (grid units) of the neurons of populations with a <see cref="PopulationSpec.Layout"/>.
/// A population without a column puts neuron i on site i. The populations of a column share its
/// sites: a Fisher–Yates permutation of the sites is drawn from stream (seed, Layout, q, 0), q the
/// index of the column's first population, and the populations take consecutive runs of it in
/// population order (the first n₁ shuffled sites to the first, the next n₂ to the second, ...). Like
/// connectivity, positions depend on the seed only, not on the trial or the thread count.
/// </summary>
public static class NeuronPositions
{
    /// <summary>
    /// Per population of <paramref name="spec"/>, its neurons' coordinates as x₀, y₀, z₀, x₁, ...
    /// (length 3·size), or null for a population without a layout.
    /// </summary>
    public static double[]?[] Of(NetworkSpec spec)
    {
        var pops = spec.Populations;
        var result = new double[]?[pops.Count];
        var columnSites = new Dictionary<string, (int[] Order, int Used)>(StringComparer.Ordinal);
        for (int p = 0; p < pops.Count; p++)
        {
            var ps = pops[p];
            if (ps.Layout is not { } layout) continue;
            var xyz = new double[3 * ps.Size];
            int[]? order = null;
            int offset = 0;
            if (ps.Column is { } column)
            {
                if (!columnSites.TryGetValue(column, out var entry))
                    entry = (Permutation(layout.Sites, spec.Simulation.Seed, p), 0);
                order = entry.Order;
                offset = entry.Used;
                columnSites[column] = (entry.Order, entry.Used + ps.Size);
            }
            for (int i = 0; i < ps.Size; i++)
            {
                int k = offset + i;
                int site = order is null ? k : order[Math.Min(k, order.Length - 1)];
                var (x, y, z) = layout.Site(site % Math.Max(1, layout.Sites));
                xyz[3 * i] = x; xyz[3 * i + 1] = y; xyz[3 * i + 2] = z;
            }
            result[p] = xyz;
        }
        return result;
    }

    /// <summary>A uniformly random permutation of 0..n−1 (Fisher–Yates) from stream (seed, Layout, column, 0).</summary>
    public static int[] Permutation(int n, ulong seed, int column)
    {
        var order = new int[n];
        for (int i = 0; i < n; i++) order[i] = i;
        var rng = new PhiloxStream(seed, StreamKind.Layout, column, 0);
        for (int i = n - 1; i > 0; i--)
        {
            int j = rng.NextInt(i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }
        return order;
    }

    /// <summary>Euclidean distance between neuron i of <paramref name="a"/> and neuron j of <paramref name="b"/>.</summary>
    public static double Distance(double[] a, int i, double[] b, int j)
    {
        double dx = a[3 * i] - b[3 * j], dy = a[3 * i + 1] - b[3 * j + 1], dz = a[3 * i + 2] - b[3 * j + 2];
        return Math.Sqrt(dx * dx + dy * dy + dz * dz);
    }
}
