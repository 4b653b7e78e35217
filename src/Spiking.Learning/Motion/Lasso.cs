namespace Spiking.Motion;

/// <summary>
/// The lasso, min_β ½‖y − Xβ‖² + λ‖β‖₁ (no intercept, λ on the unscaled sum of squares), by cyclic
/// coordinate descent with covariance updates (Friedman, Hastie &amp; Tibshirani 2010, "Regularization
/// paths for generalized linear models via coordinate descent", section 2.2): each coordinate is set
/// to β_k = S(Xᵀy_k − Σ_{l≠k} G_kl β_l, λ) / G_kk with G = XᵀX and the soft threshold
/// S(z, λ) = sign(z) max(|z| − λ, 0), until no coordinate moves by more than the tolerance. Only G and
/// Xᵀy are needed, so many targets that share a design cost one Gram matrix.
/// </summary>
public static class Lasso
{
    /// <summary>S(z, t) = sign(z) max(|z| − t, 0).</summary>
    public static double SoftThreshold(double z, double t) => z > t ? z - t : z < -t ? z + t : 0;

    /// <summary>
    /// Solves the lasso from G = XᵀX (n × n row-major) and Xᵀy, starting from the values in
    /// <paramref name="beta"/> (a warm start; zeros for a cold one). Coordinates with G_kk = 0 are set to 0.
    /// </summary>
    /// <param name="gram">XᵀX, n × n, row-major.</param>
    /// <param name="xty">Xᵀy, n values.</param>
    /// <param name="lambda">The L1 weight λ ≥ 0; λ ≥ max_k |Xᵀy_k| gives β = 0.</param>
    /// <param name="beta">Start and result.</param>
    /// <param name="tolerance">Stop when the largest change of a coordinate in a sweep is at most this times max(1, max |β|).</param>
    /// <param name="maxSweeps">Most sweeps over the coordinates.</param>
    /// <param name="work">Optional workspace of n values (G β); allocated when null.</param>
    /// <returns>Sweeps made.</returns>
    public static int Solve(ReadOnlySpan<double> gram, ReadOnlySpan<double> xty, double lambda, Span<double> beta,
        double tolerance = 1e-13, int maxSweeps = 100_000, double[]? work = null)
    {
        int n = xty.Length;
        if (gram.Length != n * n) throw new ArgumentException($"the Gram matrix has {gram.Length} entries, expected {n} x {n}", nameof(gram));
        if (beta.Length != n) throw new ArgumentException($"beta has {beta.Length} entries, expected {n}", nameof(beta));
        if (!(lambda >= 0)) throw new ArgumentOutOfRangeException(nameof(lambda), lambda, "must be >= 0");
        var gb = work ?? new double[n];
        if (gb.Length != n) throw new ArgumentException($"the workspace needs {n} values", nameof(work));
        // gb = G β
        for (int i = 0; i < n; i++) gb[i] = MatchingPursuit.Dot(gram.Slice(i * n, n), beta);
        int sweep = 0;
        while (sweep < maxSweeps)
        {
            sweep++;
            double maxChange = 0, maxBeta = 0;
            for (int k = 0; k < n; k++)
            {
                double gkk = gram[k * n + k];
                double old = beta[k];
                double updated = gkk > 0 ? SoftThreshold(xty[k] - gb[k] + gkk * old, lambda) / gkk : 0;
                double delta = updated - old;
                if (delta != 0)
                {
                    beta[k] = updated;
                    MatchingPursuit.AddScaled(gb, delta, gram.Slice(k * n, n)); // G is symmetric: row k is column k
                }
                maxChange = Math.Max(maxChange, Math.Abs(delta));
                maxBeta = Math.Max(maxBeta, Math.Abs(updated));
            }
            if (maxChange <= tolerance * Math.Max(1, maxBeta)) break;
        }
        return sweep;
    }

    /// <summary>Solves the lasso for a design X (rows × n) and target y; returns β.</summary>
    public static double[] Solve(double[,] x, ReadOnlySpan<double> y, double lambda, double tolerance = 1e-13)
    {
        int rows = x.GetLength(0), n = x.GetLength(1);
        if (y.Length != rows) throw new ArgumentException($"y has {y.Length} values, X has {rows} rows", nameof(y));
        var gram = new double[n * n];
        var xty = new double[n];
        for (int r = 0; r < rows; r++)
            for (int i = 0; i < n; i++)
            {
                double xi = x[r, i];
                if (xi == 0) continue;
                xty[i] += xi * y[r];
                for (int j = 0; j < n; j++) gram[i * n + j] += xi * x[r, j];
            }
        var beta = new double[n];
        Solve(gram, xty, lambda, beta, tolerance);
        return beta;
    }
}
