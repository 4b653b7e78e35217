using System.Numerics;

namespace Spiking.Readouts;

/// <summary>
/// Online training of a <see cref="LinearReadout"/> by recursive least squares, the rule FORCE
/// learning uses (Sussillo &amp; Abbott 2009, eq. 4–5): with P(0) = I/α,
/// <code>
/// k = P f / (1 + fᵀ P f);   P ← P − k fᵀ P;   W ← W − e kᵀ   (e = W f − target, before the update)
/// </code>
/// Features include the bias entry 1, as in <see cref="LinearReadout"/>.
/// </summary>
public sealed class RecursiveLeastSquares
{
    private readonly LinearReadout _readout;
    private readonly double[] _p; // n × n, row-major
    private readonly double[] _f, _pf, _k, _y;

    /// <summary>Trains <paramref name="readout"/> with regulariser α (the inverse of P's initial diagonal).</summary>
    public RecursiveLeastSquares(LinearReadout readout, double alpha = 1.0)
    {
        if (!(alpha > 0)) throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "must be > 0");
        _readout = readout;
        int n = readout.Features + 1;
        _p = new double[n * n];
        for (int i = 0; i < n; i++) _p[i * n + i] = 1.0 / alpha;
        _f = new double[n]; _pf = new double[n]; _k = new double[n]; _y = new double[readout.Outputs];
    }

    /// <summary>The readout being trained.</summary>
    public LinearReadout Readout => _readout;

    /// <summary>
    /// One update towards <paramref name="target"/> for <paramref name="features"/>; returns the
    /// squared error before the update, summed over outputs.
    /// </summary>
    public double Update(ReadOnlySpan<double> features, ReadOnlySpan<double> target)
    {
        int n = _f.Length;
        _f[0] = 1;
        features.CopyTo(_f.AsSpan(1));
        _readout.Predict(features, _y);
        for (int i = 0; i < n; i++) _pf[i] = Dot(_p.AsSpan(i * n, n), _f);
        double denom = 1 + Dot(_f, _pf);
        for (int i = 0; i < n; i++) _k[i] = _pf[i] / denom;
        // P is symmetric: fᵀP = (P f)ᵀ, so P ← P − k (P f)ᵀ row by row.
        for (int i = 0; i < n; i++) SubtractScaled(_p.AsSpan(i * n, n), _k[i], _pf);
        double sq = 0;
        var w = _readout.Weights;
        for (int o = 0; o < _y.Length; o++)
        {
            double e = _y[o] - target[o];
            sq += e * e;
            for (int i = 0; i < n; i++) w[o, i] -= e * _k[i];
        }
        return sq;
    }

    private static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        var acc = Vector<double>.Zero;
        int i = 0;
        for (; i + Vector<double>.Count <= a.Length; i += Vector<double>.Count)
            acc += new Vector<double>(a[i..]) * new Vector<double>(b[i..]);
        double s = Vector.Sum(acc);
        for (; i < a.Length; i++) s += a[i] * b[i];
        return s;
    }

    /// <summary>row −= c · v.</summary>
    private static void SubtractScaled(Span<double> row, double c, ReadOnlySpan<double> v)
    {
        if (c == 0) return;
        var vc = new Vector<double>(c);
        int i = 0;
        for (; i + Vector<double>.Count <= row.Length; i += Vector<double>.Count)
            (new Vector<double>(row[i..]) - vc * new Vector<double>(v[i..])).CopyTo(row[i..]);
        for (; i < row.Length; i++) row[i] -= c * v[i];
    }
}
