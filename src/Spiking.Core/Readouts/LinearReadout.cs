namespace Spiking.Readouts;

/// <summary>
/// A linear map from a feature vector (rate units' outputs, or filtered spike trains of spiking
/// units) to outputs: y = W·[1; f] with a bias column. One type for every way of training it:
/// offline ridge regression (<see cref="RidgeRegression"/>) or online recursive least squares
/// (<see cref="RecursiveLeastSquares"/>, the FORCE rule of Sussillo &amp; Abbott 2009).
/// </summary>
public sealed class LinearReadout
{
    /// <summary>A readout of <paramref name="features"/> inputs and <paramref name="outputs"/> outputs, all weights zero.</summary>
    public LinearReadout(int features, int outputs)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(features);
        ArgumentOutOfRangeException.ThrowIfLessThan(outputs, 1);
        Features = features;
        Outputs = outputs;
        Weights = new double[outputs, features + 1];
    }

    /// <summary>Number of features read.</summary>
    public int Features { get; }

    /// <summary>Number of outputs.</summary>
    public int Outputs { get; }

    /// <summary>Weights [output, 0] is the bias, [output, 1 + j] the weight of feature j.</summary>
    public double[,] Weights { get; }

    /// <summary>Writes W·[1; features] to <paramref name="output"/>.</summary>
    public void Predict(ReadOnlySpan<double> features, Span<double> output)
    {
        if (features.Length != Features) throw new ArgumentException($"expected {Features} features, got {features.Length}", nameof(features));
        if (output.Length != Outputs) throw new ArgumentException($"expected room for {Outputs} outputs, got {output.Length}", nameof(output));
        for (int o = 0; o < Outputs; o++)
        {
            double y = Weights[o, 0];
            for (int j = 0; j < features.Length; j++) y += Weights[o, j + 1] * features[j];
            output[o] = y;
        }
    }

    /// <summary>The single output of a one-output readout.</summary>
    public double Predict(ReadOnlySpan<double> features)
    {
        Span<double> y = stackalloc double[1];
        if (Outputs != 1) throw new InvalidOperationException($"this readout has {Outputs} outputs; use Predict(features, output)");
        Predict(features, y);
        return y[0];
    }
}
