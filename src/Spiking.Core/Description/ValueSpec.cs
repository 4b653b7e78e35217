namespace Spiking.Description;

/// <summary>
/// A value given per element (synapse weight, delay, initial state): a constant or a distribution
/// drawn from the element's own random stream. Numbers are in the base unit of the field.
/// </summary>
public abstract record ValueSpec
{
    /// <summary>Smallest value the spec can produce (for sign and range checks).</summary>
    public abstract double Min { get; }
    /// <summary>Largest value the spec can produce.</summary>
    public abstract double Max { get; }
}

/// <summary>The same value for every element.</summary>
public sealed record ConstantValue(double Value) : ValueSpec
{
    /// <inheritdoc/>
    public override double Min => Value;
    /// <inheritdoc/>
    public override double Max => Value;
}

/// <summary>Uniform on [Low, High).</summary>
public sealed record UniformValue(double Low, double High) : ValueSpec
{
    /// <inheritdoc/>
    public override double Min => Low;
    /// <inheritdoc/>
    public override double Max => High;
}

/// <summary>
/// Normal with mean and standard deviation, unbounded unless <see cref="Low"/> or <see cref="High"/> is
/// given: then a draw outside [Low, High] is drawn again (a truncated normal, NEST's
/// <c>normal_clipped</c> as the Potjans &amp; Diesmann 2014 microcircuit uses it for delays).
/// </summary>
public sealed record NormalValue(double Mean, double StandardDeviation) : ValueSpec
{
    /// <summary>Smallest value kept (draws below are redrawn); −∞ when unbounded.</summary>
    public double Low { get; init; } = double.NegativeInfinity;

    /// <summary>Largest value kept (draws above are redrawn); +∞ when unbounded.</summary>
    public double High { get; init; } = double.PositiveInfinity;

    /// <summary>Whether a bound is given.</summary>
    public bool IsTruncated => !double.IsNegativeInfinity(Low) || !double.IsPositiveInfinity(High);

    /// <inheritdoc/>
    public override double Min => StandardDeviation == 0 ? Mean : Low;
    /// <inheritdoc/>
    public override double Max => StandardDeviation == 0 ? Mean : High;
}

/// <summary>
/// Gamma distributed with the given mean and standard deviation (shape (mean/sd)², scale sd²/mean);
/// a negative mean draws the negated distribution, so inhibitory weights keep their sign (Maass,
/// Natschläger &amp; Markram 2002 draw synaptic amplitudes so, with sd = mean).
/// </summary>
public sealed record GammaValue(double Mean, double StandardDeviation) : ValueSpec
{
    /// <inheritdoc/>
    public override double Min => Mean >= 0 ? (StandardDeviation == 0 ? Mean : 0) : double.NegativeInfinity;
    /// <inheritdoc/>
    public override double Max => Mean <= 0 ? (StandardDeviation == 0 ? Mean : 0) : double.PositiveInfinity;
}
