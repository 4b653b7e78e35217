namespace Spiking.Readouts;

/// <summary>
/// Online training of a <see cref="LinearReadout"/> by the least-mean-squares (Widrow–Hoff) rule:
/// W ← W − μ·e·[1; f]ᵀ with e = W·[1; f] − target. Cheaper per step than
/// <see cref="RecursiveLeastSquares"/> (O(N) instead of O(N²)) and slower to converge.
/// </summary>
public sealed class LeastMeanSquares
{
    private readonly double[] _y;

    /// <summary>Trains <paramref name="readout"/> with learning rate <paramref name="rate"/>.</summary>
    public LeastMeanSquares(LinearReadout readout, double rate)
    {
        if (!(rate > 0)) throw new ArgumentOutOfRangeException(nameof(rate), rate, "must be > 0");
        Readout = readout;
        Rate = rate;
        _y = new double[readout.Outputs];
    }

    /// <summary>The readout being trained.</summary>
    public LinearReadout Readout { get; }

    /// <summary>Learning rate μ.</summary>
    public double Rate { get; }

    /// <summary>One update; returns the squared error before it, summed over outputs.</summary>
    public double Update(ReadOnlySpan<double> features, ReadOnlySpan<double> target)
    {
        Readout.Predict(features, _y);
        var w = Readout.Weights;
        double sq = 0;
        for (int o = 0; o < _y.Length; o++)
        {
            double e = _y[o] - target[o];
            sq += e * e;
            double step = Rate * e;
            w[o, 0] -= step;
            for (int j = 0; j < features.Length; j++) w[o, j + 1] -= step * features[j];
        }
        return sq;
    }
}
