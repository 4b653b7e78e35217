namespace Spiking.Motion;

/// <summary>Numbered sequences of frames to train or evaluate a bgG-RNN on.</summary>
public interface ISequenceSource
{
    /// <summary>Pixels per frame.</summary>
    int Pixels { get; }

    /// <summary>Frames per sequence.</summary>
    int Frames { get; }

    /// <summary>Writes sequence <paramref name="index"/> (Frames × Pixels, frame after frame); the same index gives the same values.</summary>
    void Sequence(int index, Span<double> frames);
}

/// <summary>The artificial stimuli of <see cref="MotionStimuli"/> for one seed.</summary>
public sealed class GeneratedSequences(ulong seed, MotionStimulusOptions options) : ISequenceSource
{
    /// <summary>The seed of every sequence's stream.</summary>
    public ulong Seed { get; } = seed;

    /// <summary>What is drawn.</summary>
    public MotionStimulusOptions Options { get; } = options;

    /// <inheritdoc />
    public int Pixels => Options.Pixels;

    /// <inheritdoc />
    public int Frames => Options.Frames;

    /// <inheritdoc />
    public void Sequence(int index, Span<double> frames) => MotionStimuli.Generate(Seed, index, Options, frames);
}
