using MathNet.Numerics.LinearAlgebra;

namespace Spiking.Connectors;

/// <summary>
/// Spectral radius (largest eigenvalue modulus) of a square synapse table, and scaling of its
/// weights to a chosen radius. Small matrices (up to <see cref="DenseLimit"/> units) use MathNet's
/// dense eigenvalue decomposition, exact to rounding; larger ones the norm growth of repeated
/// products, ρ = lim ‖W^k x‖^(1/k), which converges also when the leading eigenvalues are a complex
/// pair (where plain power iteration oscillates), to about 1e-3 relative for random reservoirs.
/// </summary>
public static class SpectralRadius
{
    /// <summary>Largest size handled by the dense eigenvalue decomposition.</summary>
    public const int DenseLimit = 2000;

    /// <summary>The spectral radius of the n × n weight matrix of <paramref name="table"/>.</summary>
    public static double Of(SynapseTable table, int n)
    {
        if (n == 0 || table.Count == 0) return 0;
        if (n <= DenseLimit)
        {
            var m = Matrix<double>.Build.Dense(n, n);
            for (int i = 0; i < n; i++)
                for (long s = table.RowStart[i]; s < table.RowStart[i + 1]; s++)
                    m[table.Target[s], i] += table.Weight[s]; // W[post, pre]
            return m.Evd().EigenValues.Max(e => e.Magnitude);
        }
        return NormGrowth(table, n, iterations: 400);
    }

    /// <summary>Multiplies the weights so that the spectral radius becomes <paramref name="radius"/>.</summary>
    public static void ScaleTo(SynapseTable table, int n, double radius)
    {
        double rho = Of(table, n);
        if (!(rho > 0))
            throw new InvalidOperationException("cannot scale to a spectral radius: the weight matrix has spectral radius 0 (no synapses, or nilpotent)");
        double f = radius / rho;
        var w = table.Weight;
        for (long s = 0; s < w.LongLength; s++) w[s] = (float)(w[s] * f);
    }

    internal static double NormGrowth(SynapseTable table, int n, int iterations = 400)
    {
        var x = new double[n];
        var y = new double[n];
        var rng = new Random.PhiloxStream(0x5eed, Random.StreamKind.Connectivity, 0, 0);
        for (int i = 0; i < n; i++) x[i] = rng.NextDouble() - 0.5;
        Normalise(x);
        double logGrowth = 0;
        int burnIn = iterations / 4;
        for (int k = 0; k < iterations; k++)
        {
            Array.Clear(y);
            for (int i = 0; i < n; i++)
            {
                double xi = x[i];
                if (xi == 0) continue;
                for (long s = table.RowStart[i]; s < table.RowStart[i + 1]; s++) y[table.Target[s]] += table.Weight[s] * xi;
            }
            double norm = Normalise(y);
            if (norm == 0) return 0;
            if (k >= burnIn) logGrowth += Math.Log(norm);
            (x, y) = (y, x);
        }
        return Math.Exp(logGrowth / (iterations - burnIn));
    }

    private static double Normalise(double[] v)
    {
        double s = 0;
        foreach (var a in v) s += a * a;
        double norm = Math.Sqrt(s);
        if (norm > 0) for (int i = 0; i < v.Length; i++) v[i] /= norm;
        return norm;
    }
}
