namespace Spiking.Motion;

/// <summary>
/// Settings of <see cref="BgRnnTrainer"/>. Intensities (τx, τy, feature norm) are in the stimulus'
/// units; learning rates multiply the gradient averaged over the frames of a batch.
/// </summary>
public sealed record BgRnnTrainingOptions
{
    /// <summary>Number of units (columns of W).</summary>
    public int Units { get; init; } = 64;

    /// <summary>Prior standard deviation τx of an active unit's amplitude.</summary>
    public double TauX { get; init; } = 3.0;

    /// <summary>Pixel noise standard deviation τy.</summary>
    public double TauY { get; init; } = 0.3;

    /// <summary>Euclidean norm every column of W is scaled back to after each W step.</summary>
    public double FeatureNorm { get; init; } = 1.0;

    /// <summary>Rate of the W step, on (y − Wŝ)ŝᵀ (the reconstruction gradient times τy², so that it does not depend on τy).</summary>
    public double LearningRateW { get; init; } = 0.05;

    /// <summary>Rate of the R step (the STDP-like rule).</summary>
    public double LearningRateR { get; init; } = 0.05;

    /// <summary>Rate of the b step.</summary>
    public double LearningRateB { get; init; } = 0.05;

    /// <summary>Initial value of every bias b_j (−3: each gate on with prior probability 0.047).</summary>
    public double InitialBias { get; init; } = -3.0;

    /// <summary>Whether R is learned; false keeps R = 0 (static binary-gated sparse coding, b still learned).</summary>
    public bool LearnRecurrent { get; init; } = true;

    /// <summary>The sign-constrained variant, x ≥ 0 with a half-normal prior (<see cref="BgRnnParameters.NonNegative"/>); false (the seed's model) by default.</summary>
    public bool NonNegativeAmplitudes { get; init; }

    /// <summary>
    /// Units per feature (default 1, the seed's model). With C &gt; 1 the units form C copies of Units/C features:
    /// unit k + c·Units/C has the same column of W as unit k for every c (initialised equal, updated with the
    /// summed gradient), but its own recurrent weights and bias. Copies differ only through the prior, the
    /// situation in which R can make units direction selective (docs/motion.md).
    /// </summary>
    public int FeatureCopies { get; init; } = 1;

    /// <summary>Training sequences, each seen once, in index order.</summary>
    public int TrainSequences { get; init; } = 400;

    /// <summary>Sequences per SGD step.</summary>
    public int BatchSequences { get; init; } = 1;

    /// <summary>Evaluations on the held-out sequences, evenly spaced over training, besides the one before training.</summary>
    public int Checkpoints { get; init; } = 4;

    /// <summary>Held-out sequences per evaluation.</summary>
    public int HeldOutSequences { get; init; } = 20;

    /// <summary>Seed of the initial features (stream InitialState, object <see cref="MotionStimuli.StreamObject"/> + 3, entity = unit).</summary>
    public ulong Seed { get; init; } = 1;

    /// <summary>Throws when a field is out of range.</summary>
    public void Validate()
    {
        if (Units < 1) throw new ArgumentOutOfRangeException(nameof(Units), Units, "must be >= 1");
        if (!(TauX > 0) || !double.IsFinite(TauX)) throw new ArgumentOutOfRangeException(nameof(TauX), TauX, "must be > 0");
        if (!(TauY > 0) || !double.IsFinite(TauY)) throw new ArgumentOutOfRangeException(nameof(TauY), TauY, "must be > 0");
        if (!(FeatureNorm > 0)) throw new ArgumentOutOfRangeException(nameof(FeatureNorm), FeatureNorm, "must be > 0");
        if (!(LearningRateW >= 0)) throw new ArgumentOutOfRangeException(nameof(LearningRateW), LearningRateW, "must be >= 0");
        if (!(LearningRateR >= 0)) throw new ArgumentOutOfRangeException(nameof(LearningRateR), LearningRateR, "must be >= 0");
        if (!(LearningRateB >= 0)) throw new ArgumentOutOfRangeException(nameof(LearningRateB), LearningRateB, "must be >= 0");
        if (!double.IsFinite(InitialBias)) throw new ArgumentOutOfRangeException(nameof(InitialBias), InitialBias, "must be finite");
        if (FeatureCopies < 1 || Units % FeatureCopies != 0) throw new ArgumentOutOfRangeException(nameof(FeatureCopies), FeatureCopies, $"must be >= 1 and divide Units ({Units})");
        if (TrainSequences < 0) throw new ArgumentOutOfRangeException(nameof(TrainSequences), TrainSequences, "must be >= 0");
        if (BatchSequences < 1) throw new ArgumentOutOfRangeException(nameof(BatchSequences), BatchSequences, "must be >= 1");
        if (Checkpoints < 0) throw new ArgumentOutOfRangeException(nameof(Checkpoints), Checkpoints, "must be >= 0");
        if (HeldOutSequences < 1) throw new ArgumentOutOfRangeException(nameof(HeldOutSequences), HeldOutSequences, "must be >= 1");
    }
}
