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
    public override double Min => Value;
    public override double Max => Value;
}

/// <summary>Uniform on [Low, High).</summary>
public sealed record UniformValue(double Low, double High) : ValueSpec
{
    public override double Min => Low;
    public override double Max => High;
}

/// <summary>Normal with mean and standard deviation; unbounded.</summary>
public sealed record NormalValue(double Mean, double StandardDeviation) : ValueSpec
{
    public override double Min => StandardDeviation == 0 ? Mean : double.NegativeInfinity;
    public override double Max => StandardDeviation == 0 ? Mean : double.PositiveInfinity;
}

/// <summary>
/// Gamma distributed with the given mean and standard deviation (shape (mean/sd)², scale sd²/mean);
/// a negative mean draws the negated distribution, so inhibitory weights keep their sign (Maass,
/// Natschläger &amp; Markram 2002 draw synaptic amplitudes so, with sd = mean).
/// </summary>
public sealed record GammaValue(double Mean, double StandardDeviation) : ValueSpec
{
    public override double Min => Mean >= 0 ? (StandardDeviation == 0 ? Mean : 0) : double.NegativeInfinity;
    public override double Max => Mean <= 0 ? (StandardDeviation == 0 ? Mean : 0) : double.PositiveInfinity;
}
