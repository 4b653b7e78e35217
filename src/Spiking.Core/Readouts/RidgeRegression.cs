using MathNet.Numerics.LinearAlgebra;

namespace Spiking.Readouts;

/// <summary>
/// Offline training of a <see cref="LinearReadout"/> by ridge (Tikhonov) regression on collected
/// features X (T × N, with a bias column added) and targets Y (T × M):
/// W = Yᵀ X (Xᵀ X + λ I)⁻¹ (Lukoševičius 2012, eq. 9), solved by Cholesky. The bias is regularised
/// like the other weights, as in ReservoirPy's Ridge node.
/// </summary>
public static class RidgeRegression
{
    /// <summary>Fits <paramref name="readout"/> to the rows of <paramref name="features"/> and <paramref name="targets"/>.</summary>
    public static void Fit(LinearReadout readout, IReadOnlyList<double[]> features, IReadOnlyList<double[]> targets, double ridge)
    {
        if (features.Count != targets.Count) throw new ArgumentException($"{features.Count} feature rows but {targets.Count} target rows");
        if (features.Count == 0) throw new ArgumentException("no training rows");
        if (!(ridge >= 0)) throw new ArgumentOutOfRangeException(nameof(ridge), ridge, "must be >= 0");
        int n = readout.Features + 1, m = readout.Outputs;
        var gram = new double[n * n]; // XᵀX, upper triangle, row-major
        var xty = Matrix<double>.Build.Dense(n, m);
        var row = new double[n];
        for (int t = 0; t < features.Count; t++)
        {
            var f = features[t];
            if (f.Length != readout.Features) throw new ArgumentException($"row {t}: {f.Length} features, expected {readout.Features}");
            if (targets[t].Length != m) throw new ArgumentException($"row {t}: {targets[t].Length} targets, expected {m}");
            row[0] = 1;
            f.CopyTo(row, 1);
            // Accumulate XᵀX and XᵀY without storing X.
            for (int i = 0; i < n; i++)
            {
                double ri = row[i];
                if (ri == 0) continue;
                AddScaled(gram.AsSpan(i * n + i, n - i), ri, row.AsSpan(i));
                for (int o = 0; o < m; o++) xty[i, o] += ri * targets[t][o];
            }
        }
        var xtx = Matrix<double>.Build.Dense(n, n);
        for (int i = 0; i < n; i++)
        {
            for (int j = i; j < n; j++) xtx[i, j] = xtx[j, i] = gram[i * n + j];
            xtx[i, i] += ridge;
        }
        var w = xtx.Cholesky().Solve(xty); // n × m
        for (int o = 0; o < m; o++)
            for (int i = 0; i < n; i++) readout.Weights[o, i] = w[i, o];
    }

    /// <summary>y += c · x.</summary>
    private static void AddScaled(Span<double> y, double c, ReadOnlySpan<double> x)
    {
        var vc = new System.Numerics.Vector<double>(c);
        int k = 0, w = System.Numerics.Vector<double>.Count;
        for (; k + w <= y.Length; k += w)
            (new System.Numerics.Vector<double>(y[k..]) + vc * new System.Numerics.Vector<double>(x[k..])).CopyTo(y[k..]);
        for (; k < y.Length; k++) y[k] += c * x[k];
    }
}
