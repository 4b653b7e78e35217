namespace Spiking.Cli.Commands;

/// <summary>
/// Which neurons a raster shows when a population has more than it can draw: an even sample across the
/// population, so that a gradient along the neuron index (a stimulated band, a layer) stays visible and
/// silent neurons keep their rows. The first N ids that fired would hide both.
/// </summary>
public static class NeuronSample
{
    /// <summary>
    /// <paramref name="max"/> (or fewer) ids spread evenly over <paramref name="candidates"/> (ascending):
    /// element ⌊k·n/max⌋ for k = 0 … max−1, so the first candidate is always shown and the gaps differ by at
    /// most one. All candidates when there are no more than <paramref name="max"/>.
    /// </summary>
    public static ulong[] Evenly(IReadOnlyList<ulong> candidates, int max)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 1);
        int n = candidates.Count;
        if (n <= max) return [.. candidates];
        var shown = new ulong[max];
        for (int k = 0; k < max; k++) shown[k] = candidates[(int)((long)k * n / max)];
        return shown;
    }

    /// <summary>
    /// The ids a population's raster chooses from: every id below <paramref name="populationSize"/> when the
    /// monitor recorded the whole population, else (a monitor of listed neurons, whose list the file does not
    /// keep) the distinct ids that fired, ascending.
    /// </summary>
    public static IReadOnlyList<ulong> Candidates(IEnumerable<ulong> firedIds, int populationSize, int recorded)
    {
        if (recorded >= populationSize && populationSize > 0) return new IdRange(populationSize);
        return firedIds.Distinct().Order().ToArray();
    }

    /// <summary>The ids 0 … n−1 without allocating them (a microcircuit population has 10⁴–10⁵).</summary>
    private sealed class IdRange(int count) : IReadOnlyList<ulong>
    {
        public ulong this[int index] => (ulong)index;

        public int Count => count;

        public IEnumerator<ulong> GetEnumerator()
        {
            for (int i = 0; i < count; i++) yield return (ulong)i;
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
