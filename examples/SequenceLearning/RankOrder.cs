namespace SequenceLearning;

/// <summary>Rank-order correlation of observed onset times with the trained order 0, 1, 2, ….</summary>
public static class RankOrder
{
    /// <summary>
    /// Spearman ρ between <paramref name="onsets"/> (element i belongs to the i-th uncued group) and the
    /// trained order: the Pearson correlation of the ranks, with tied values (the +∞ of groups that did not
    /// fire, ranked after all that did) given their average rank. When all onsets tie the onsets carry no
    /// order and ρ is 0.
    /// </summary>
    public static double Spearman(IReadOnlyList<double> onsets)
    {
        int n = onsets.Count;
        var ranks = AverageRanks(onsets);
        double mean = (n + 1) / 2.0, sxy = 0, sxx = 0, syy = 0;
        for (int i = 0; i < n; i++)
        {
            double x = i + 1 - mean, y = ranks[i] - mean;
            sxy += x * y; sxx += x * x; syy += y * y;
        }
        return syy == 0 ? 0 : sxy / Math.Sqrt(sxx * syy);
    }

    /// <summary>Ranks 1 … n of <paramref name="values"/>, ties sharing the mean of their ranks.</summary>
    public static double[] AverageRanks(IReadOnlyList<double> values)
    {
        int n = values.Count;
        var order = Enumerable.Range(0, n).OrderBy(i => values[i]).ToArray();
        var ranks = new double[n];
        for (int i = 0; i < n;)
        {
            int j = i;
            while (j + 1 < n && values[order[j + 1]].Equals(values[order[i]])) j++;
            for (int k = i; k <= j; k++) ranks[order[k]] = (i + j) / 2.0 + 1;
            i = j + 1;
        }
        return ranks;
    }
}
