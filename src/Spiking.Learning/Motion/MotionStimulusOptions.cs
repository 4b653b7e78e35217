namespace Spiking.Motion;

/// <summary>
/// How <see cref="MotionStimuli"/> draws sequences. Lengths are in pixels, speeds in pixels per
/// frame, intensities in units of the stimulus contrast.
/// </summary>
public sealed record MotionStimulusOptions
{
    /// <summary>Side of the square patch (pixels); a frame has Size² pixels, row-major.</summary>
    public int Size { get; init; } = 16;

    /// <summary>Frames per sequence.</summary>
    public int Frames { get; init; } = 20;

    /// <summary>Number of directions, evenly spaced from 0 (rightwards, +x); direction d is the angle 2πd/Directions in image coordinates (x = column, y = row, so angles turn clockwise on screen).</summary>
    public int Directions { get; init; } = 8;

    /// <summary>The speeds drawn from (pixels per frame).</summary>
    public IReadOnlyList<double> Speeds { get; init; } = [0.5, 1.0, 2.0];

    /// <summary>The kinds drawn from, with equal probability.</summary>
    public IReadOnlyList<MotionStimulusKind> Kinds { get; init; } = [MotionStimulusKind.Bar, MotionStimulusKind.Grating, MotionStimulusKind.Dots];

    /// <summary>Peak intensity of bars, gratings and dots.</summary>
    public double Contrast { get; init; } = 1.0;

    /// <summary>
    /// Whether bars and dots are bright or dark at random (true) or always bright (false, the default).
    /// With mixed polarity the amplitude x of a feature changes sign between sequences, and the
    /// recurrent input R(h∘x) with it, which the gates cannot predict from.
    /// </summary>
    public bool MixedPolarity { get; init; }

    /// <summary>Standard deviation of the additive Gaussian pixel noise.</summary>
    public double NoiseSd { get; init; } = 0.1;

    /// <summary>Spatial period of gratings (pixels).</summary>
    public double GratingPeriod { get; init; } = 6.0;

    /// <summary>Full width of bars (pixels).</summary>
    public double BarWidth { get; init; } = 2.0;

    /// <summary>Dots per field.</summary>
    public int DotCount { get; init; } = 5;

    /// <summary>Standard deviation of a dot's Gaussian profile (pixels).</summary>
    public double DotSigma { get; init; } = 0.8;

    /// <summary>Pixels per frame.</summary>
    public int Pixels => Size * Size;

    /// <summary>Throws when a field is out of range.</summary>
    public void Validate()
    {
        if (Size < 2) throw new ArgumentOutOfRangeException(nameof(Size), Size, "must be >= 2");
        if (Frames < 1) throw new ArgumentOutOfRangeException(nameof(Frames), Frames, "must be >= 1");
        if (Directions < 1) throw new ArgumentOutOfRangeException(nameof(Directions), Directions, "must be >= 1");
        if (Speeds.Count == 0 || Speeds.Any(s => !(s >= 0) || !double.IsFinite(s))) throw new ArgumentOutOfRangeException(nameof(Speeds), "needs at least one finite speed >= 0");
        if (Kinds.Count == 0) throw new ArgumentOutOfRangeException(nameof(Kinds), "needs at least one kind");
        if (!(NoiseSd >= 0)) throw new ArgumentOutOfRangeException(nameof(NoiseSd), NoiseSd, "must be >= 0");
        if (!(GratingPeriod > 0)) throw new ArgumentOutOfRangeException(nameof(GratingPeriod), GratingPeriod, "must be > 0");
        if (!(BarWidth > 0)) throw new ArgumentOutOfRangeException(nameof(BarWidth), BarWidth, "must be > 0");
        if (DotCount < 1) throw new ArgumentOutOfRangeException(nameof(DotCount), DotCount, "must be >= 1");
        if (!(DotSigma > 0)) throw new ArgumentOutOfRangeException(nameof(DotSigma), DotSigma, "must be > 0");
    }
}
