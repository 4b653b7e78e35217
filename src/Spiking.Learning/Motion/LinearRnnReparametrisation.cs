namespace Spiking.Motion;

/// <summary>
/// The seed's reparametrisation of a bank of spatiotemporal filters as a linear RNN:
/// x^t = Σ_τ W_τ y^{t−τ} with W_τ = R^τ W_0 is the same as x^t = W_0 y^t + R x^{t−1}. For a bank
/// that is only approximately of that form, R is fitted by the lasso to W_{τ+1} ≈ R W_τ over all lags
/// (one lasso per row j of R, all sharing the design whose columns are the filters k at lag τ, its
/// rows the (lag, pixel) pairs), so R is sparse for a large enough L1 weight.
/// Filters are stored per lag, unit-major: <c>filters[τ][j * pixels + p]</c> is unit j's weight on pixel p at lag τ.
/// </summary>
public sealed class LinearRnnReparametrisation
{
    private readonly double[][] _filters;
    private readonly double[] _gram;   // Σ_τ<L−1 W_τ W_τᵀ, units × units
    private readonly double[] _cross;  // Σ_τ<L−1 W_{τ+1} W_τᵀ, units × units: row j is Xᵀy_j

    /// <summary>Prepares the regression for a bank of <paramref name="filters"/> (at least two lags).</summary>
    public LinearRnnReparametrisation(IReadOnlyList<double[]> filters, int units, int pixels)
    {
        if (filters.Count < 2) throw new ArgumentException("needs filters at two lags at least", nameof(filters));
        foreach (var f in filters)
            if (f.Length != units * pixels) throw new ArgumentException($"each lag needs {units} x {pixels} weights", nameof(filters));
        _filters = filters.ToArray();
        Units = units;
        Pixels = pixels;
        _gram = new double[units * units];
        _cross = new double[units * units];
        for (int tau = 0; tau + 1 < filters.Count; tau++)
        {
            var a = filters[tau];
            var next = filters[tau + 1];
            for (int k = 0; k < units; k++)
            {
                var wk = a.AsSpan(k * pixels, pixels);
                for (int l = 0; l < units; l++)
                {
                    _gram[k * units + l] += MatchingPursuit.Dot(wk, a.AsSpan(l * pixels, pixels));
                    _cross[l * units + k] += MatchingPursuit.Dot(next.AsSpan(l * pixels, pixels), wk);
                }
            }
        }
    }

    /// <summary>Units (rows of each W_τ).</summary>
    public int Units { get; }

    /// <summary>Pixels per frame.</summary>
    public int Pixels { get; }

    /// <summary>Lags of the bank.</summary>
    public int Lags => _filters.Length;

    /// <summary>W_0, the feed-forward weights of the RNN.</summary>
    public ReadOnlySpan<double> InputWeights => _filters[0];

    /// <summary>The smallest L1 weight at which the fitted R is all zeros: max_jk |Σ_τ W_{τ+1}[j]·W_τ[k]|.</summary>
    public double LambdaMax => _cross.Max(Math.Abs);

    /// <summary>Fits R (units × units, row-major) by the lasso with L1 weight <paramref name="lambda"/>.</summary>
    public double[] FitRecurrent(double lambda)
    {
        int n = Units;
        var r = new double[n * n];
        var work = new double[n];
        for (int j = 0; j < n; j++)
            Lasso.Solve(_gram, _cross.AsSpan(j * n, n), lambda, r.AsSpan(j * n, n), 1e-10, 100_000, work);
        return r;
    }

    /// <summary>Responses of the filter bank, x^t = Σ_τ W_τ y^{t−τ} (frames before the first are 0); frames T × pixels, responses T × units.</summary>
    public void FilterResponses(ReadOnlySpan<double> frames, Span<double> responses)
    {
        int px = Pixels, n = Units, t = frames.Length / px;
        if (frames.Length != t * px || responses.Length != t * n) throw new ArgumentException("frames must be T x pixels and responses T x units");
        responses.Clear();
        for (int s = 0; s < t; s++)
            for (int tau = 0; tau < _filters.Length && tau <= s; tau++)
            {
                var y = frames.Slice((s - tau) * px, px);
                for (int j = 0; j < n; j++) responses[s * n + j] += MatchingPursuit.Dot(_filters[tau].AsSpan(j * px, px), y);
            }
    }

    /// <summary>Responses of the linear RNN x^t = W_0 y^t + R x^{t−1}, x^{−1} = 0.</summary>
    public void RnnResponses(ReadOnlySpan<double> recurrent, ReadOnlySpan<double> frames, Span<double> responses)
    {
        int px = Pixels, n = Units, t = frames.Length / px;
        if (frames.Length != t * px || responses.Length != t * n) throw new ArgumentException("frames must be T x pixels and responses T x units");
        if (recurrent.Length != n * n) throw new ArgumentException($"R must be {n} x {n}", nameof(recurrent));
        for (int s = 0; s < t; s++)
        {
            var y = frames.Slice(s * px, px);
            for (int j = 0; j < n; j++)
            {
                double v = MatchingPursuit.Dot(_filters[0].AsSpan(j * px, px), y);
                if (s > 0) v += MatchingPursuit.Dot(recurrent.Slice(j * n, n), responses.Slice((s - 1) * n, n));
                responses[s * n + j] = v;
            }
        }
    }

    /// <summary>Fraction of entries that are exactly zero.</summary>
    public static double Sparsity(ReadOnlySpan<double> matrix)
    {
        int zeros = 0;
        foreach (var v in matrix) if (v == 0) zeros++;
        return matrix.Length == 0 ? 0 : (double)zeros / matrix.Length;
    }

    /// <summary>‖a − b‖ / ‖b‖.</summary>
    public static double RelativeError(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        double num = 0, den = 0;
        for (int i = 0; i < a.Length; i++) { double d = a[i] - b[i]; num += d * d; den += b[i] * b[i]; }
        return Math.Sqrt(num / den);
    }
}
