using MathNet.Numerics.LinearAlgebra;

namespace Spiking.Readouts;

/// <summary>
/// Offline training of a <see cref="LinearReadout"/> by ridge (Tikhonov) regression on features
/// X (T × N, with a bias column added) and targets Y (T × M): W = Yᵀ X (Xᵀ X + λ I)⁻¹ (Lukoševičius
/// 2012, eq. 9), solved by Cholesky. The bias is regularised like the other weights, as in
/// ReservoirPy's Ridge node. Rows are accumulated into XᵀX, XᵀY and YᵀY as they come
/// (<see cref="Add"/>), so X is never stored: a readout in a running network adds one row per step
/// without allocating.
/// </summary>
public sealed class RidgeRegression
{
    private readonly int _n, _m;
    private readonly double[] _gram; // XᵀX, upper triangle, row-major
    private readonly double[] _xty;  // XᵀY, [feature][output]
    private readonly double[] _yty;  // Σ y², per output
    private readonly double[] _row;

    /// <summary>An empty accumulator for readouts of <paramref name="features"/> inputs and <paramref name="outputs"/> outputs.</summary>
    public RidgeRegression(int features, int outputs)
    {
        _n = features + 1; _m = outputs;
        _gram = new double[_n * _n];
        _xty = new double[_n * _m];
        _yty = new double[_m];
        _row = new double[_n];
    }

    /// <summary>Rows added so far.</summary>
    public long Count { get; private set; }

    /// <summary>Adds one row: features and their targets.</summary>
    public void Add(ReadOnlySpan<double> features, ReadOnlySpan<double> targets)
    {
        if (features.Length != _n - 1) throw new ArgumentException($"{features.Length} features, expected {_n - 1}", nameof(features));
        if (targets.Length != _m) throw new ArgumentException($"{targets.Length} targets, expected {_m}", nameof(targets));
        var row = _row;
        row[0] = 1;
        features.CopyTo(row.AsSpan(1));
        for (int i = 0; i < _n; i++)
        {
            double ri = row[i];
            if (ri == 0) continue;
            AddScaled(_gram.AsSpan(i * _n + i, _n - i), ri, row.AsSpan(i));
            for (int o = 0; o < _m; o++) _xty[i * _m + o] += ri * targets[o];
        }
        for (int o = 0; o < _m; o++) _yty[o] += targets[o] * targets[o];
        Count++;
    }

    /// <summary>
    /// Solves for the weights of <paramref name="readout"/> with regulariser λ = <paramref name="ridge"/>;
    /// returns the squared training error of the fitted readout summed over rows and outputs
    /// (YᵀY − 2 Wᵀ XᵀY + Wᵀ XᵀX W, from the accumulated sums).
    /// </summary>
    public double Fit(LinearReadout readout, double ridge)
    {
        if (readout.Features != _n - 1 || readout.Outputs != _m) throw new ArgumentException($"the readout has {readout.Features} features and {readout.Outputs} outputs; these rows have {_n - 1} and {_m}", nameof(readout));
        if (Count == 0) throw new InvalidOperationException("no training rows");
        if (!(ridge >= 0)) throw new ArgumentOutOfRangeException(nameof(ridge), ridge, "must be >= 0");
        int n = _n;
        var xtx = Matrix<double>.Build.Dense(n, n);
        for (int i = 0; i < n; i++)
            for (int j = i; j < n; j++) xtx[i, j] = xtx[j, i] = _gram[i * n + j];
        var gram = xtx.Clone();
        for (int i = 0; i < n; i++) xtx[i, i] += ridge;
        var xty = Matrix<double>.Build.Dense(n, _m, (i, o) => _xty[i * _m + o]);
        var w = xtx.Cholesky().Solve(xty); // n × m
        double sq = 0;
        for (int o = 0; o < _m; o++)
        {
            var wo = w.Column(o);
            for (int i = 0; i < n; i++) readout.Weights[o, i] = wo[i];
            sq += _yty[o] - 2 * wo.DotProduct(xty.Column(o)) + wo.DotProduct(gram * wo);
        }
        return Math.Max(sq, 0);
    }

    /// <summary>Fits <paramref name="readout"/> to the rows of <paramref name="features"/> and <paramref name="targets"/>.</summary>
    public static void Fit(LinearReadout readout, IReadOnlyList<double[]> features, IReadOnlyList<double[]> targets, double ridge)
    {
        if (features.Count != targets.Count) throw new ArgumentException($"{features.Count} feature rows but {targets.Count} target rows");
        var acc = new RidgeRegression(readout.Features, readout.Outputs);
        for (int t = 0; t < features.Count; t++) acc.Add(features[t], targets[t]);
        acc.Fit(readout, ridge);
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
