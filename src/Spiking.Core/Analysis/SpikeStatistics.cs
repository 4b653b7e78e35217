namespace Spiking.Analysis;

/// <summary>
/// Statistics of spike trains used by tests, benchmarks and <c>spiking info</c>. Definitions match
/// benchmarks/compare/brian2_reference.py so numbers can be compared with Brian2's.
/// </summary>
public static class SpikeStatistics
{
    /// <summary>Mean rate (Hz) of <paramref name="neurons"/> neurons over [from, to) ms.</summary>
    public static double MeanRate(ReadOnlySpan<double> times, int neurons, double from, double to)
    {
        long n = 0;
        foreach (var t in times) if (t >= from && t < to) n++;
        return neurons > 0 && to > from ? n / (neurons * (to - from) * 1e-3) : 0;
    }

    /// <summary>
    /// Mean over neurons with at least 3 spikes in [from, to) of std(ISI)/mean(ISI) (population
    /// standard deviation). NaN when no neuron qualifies.
    /// </summary>
    public static double MeanCvIsi(ReadOnlySpan<double> times, ReadOnlySpan<int> ids, int neurons, double from, double to)
    {
        var trains = Trains(times, ids, neurons, from, to);
        double sum = 0;
        int counted = 0;
        foreach (var train in trains)
        {
            if (train.Count < 3) continue;
            double mean = 0, sq = 0;
            int m = train.Count - 1;
            for (int k = 1; k < train.Count; k++) mean += train[k] - train[k - 1];
            mean /= m;
            for (int k = 1; k < train.Count; k++) { double d = train[k] - train[k - 1] - mean; sq += d * d; }
            if (mean <= 0) continue;
            sum += Math.Sqrt(sq / m) / mean;
            counted++;
        }
        return counted > 0 ? sum / counted : double.NaN;
    }

    /// <summary>
    /// Synchrony index χ (Golomb 2007, Scholarpedia "Neuronal synchrony measures") computed on spike
    /// counts in bins of <paramref name="bin"/> ms: χ² = Var_t(population mean count) / mean_i Var_t(count_i).
    /// About 1/√N for independent neurons, 1 for perfect synchrony. Neurons that never fire are left out.
    /// </summary>
    public static double Synchrony(ReadOnlySpan<double> times, ReadOnlySpan<int> ids, int neurons, double from, double to, double bin)
    {
        int bins = (int)Math.Floor((to - from) / bin);
        if (bins < 2 || neurons <= 0) return double.NaN;
        var counts = new Dictionary<int, int[]>();
        for (int k = 0; k < times.Length; k++)
        {
            double t = times[k];
            if (t < from || t >= from + bins * bin) continue;
            int b = (int)((t - from) / bin);
            if (!counts.TryGetValue(ids[k], out var c)) counts[ids[k]] = c = new int[bins];
            c[b]++;
        }
        if (counts.Count == 0) return double.NaN;
        var pop = new double[bins];
        double meanVar = 0;
        foreach (var c in counts.Values)
        {
            double m = 0, s = 0;
            for (int b = 0; b < bins; b++) { m += c[b]; pop[b] += c[b]; }
            m /= bins;
            for (int b = 0; b < bins; b++) s += (c[b] - m) * (c[b] - m);
            meanVar += s / bins;
        }
        meanVar /= counts.Count;
        double pm = 0, ps = 0;
        for (int b = 0; b < bins; b++) { pop[b] /= counts.Count; pm += pop[b]; }
        pm /= bins;
        for (int b = 0; b < bins; b++) ps += (pop[b] - pm) * (pop[b] - pm);
        ps /= bins;
        return meanVar > 0 ? Math.Sqrt(ps / meanVar) : double.NaN;
    }

    /// <summary>Splits spikes into one sorted train per neuron, keeping [from, to).</summary>
    public static List<double>[] Trains(ReadOnlySpan<double> times, ReadOnlySpan<int> ids, int neurons, double from, double to)
    {
        var trains = new List<double>[neurons];
        for (int i = 0; i < neurons; i++) trains[i] = new List<double>();
        for (int k = 0; k < times.Length; k++)
            if (times[k] >= from && times[k] < to && ids[k] >= 0 && ids[k] < neurons) trains[ids[k]].Add(times[k]);
        foreach (var t in trains) t.Sort();
        return trains;
    }
}
