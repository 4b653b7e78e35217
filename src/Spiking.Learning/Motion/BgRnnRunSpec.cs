namespace Spiking.Motion;

/// <summary>
/// A bgG-RNN training run as a model file's <c>[bgrnn]</c> table describes it (read by
/// Spiking.IO.ModelFiles.BgRnnFileReader, run by <c>spiking run</c>).
/// </summary>
/// <param name="Training">Model size, τs, learning rates, sequences, checkpoints and the seed of W.</param>
/// <param name="Stimuli">The artificial stimuli (also the patch size and sequence length for a movie).</param>
/// <param name="StimulusSeed">Seed of the training sequences.</param>
/// <param name="HeldOutSeed">Seed of the held-out sequences (another seed, so they are other sequences).</param>
/// <param name="MovieFile">HDF5 movie to cut training and held-out patches from, instead of the artificial stimuli; null for none.</param>
/// <param name="MovieDataset">The [T, H, W] dataset in <paramref name="MovieFile"/>.</param>
/// <param name="DsiSpeed">Speed of the drifting gratings of the direction-selectivity measurement (pixels per frame).</param>
/// <param name="DsiSequences">Grating sequences per direction.</param>
/// <param name="DsiThreshold">DSI above which an active unit counts as direction selective.</param>
/// <param name="Baseline">Whether to also train the same model with R fixed at 0 and report its held-out scores.</param>
public sealed record BgRnnRunSpec(
    BgRnnTrainingOptions Training,
    MotionStimulusOptions Stimuli,
    ulong StimulusSeed,
    ulong HeldOutSeed,
    string? MovieFile,
    string MovieDataset,
    double DsiSpeed,
    int DsiSequences,
    double DsiThreshold,
    bool Baseline)
{
    /// <summary>The model file's text.</summary>
    public string? SourceText { get; init; }

    /// <summary>The model file's name as given.</summary>
    public string? SourceName { get; init; }
}
