namespace Spiking.Motion;

/// <summary>The artificial motion stimuli of <see cref="MotionStimuli"/>.</summary>
public enum MotionStimulusKind
{
    /// <summary>A bright or dark anti-aliased bar, oriented across the direction of motion, crossing the patch (a periodic train, one bar at a time).</summary>
    Bar,
    /// <summary>A sinusoidal grating drifting along the direction of motion.</summary>
    Grating,
    /// <summary>A field of Gaussian dots of random polarity, all moving with the same velocity (wrapping around the patch).</summary>
    Dots,
}
