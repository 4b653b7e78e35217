using Spiking.Random;

namespace Spiking.Motion;

/// <summary>
/// Sequences cut from a movie: sequence i is a Size × Size patch at a random position over
/// <see cref="Frames"/> consecutive frames from a random start, drawn from the Philox stream
/// (seed, TaskInput, <see cref="StreamObject"/>, i). Pixel values are standardised with the whole
/// movie's mean and standard deviation (so τx and τy keep their meaning across movies), then scaled by
/// <see cref="Contrast"/>.
/// </summary>
public sealed class MoviePatches : ISequenceSource
{
    /// <summary>The object index of the patch streams.</summary>
    public const int StreamObject = MotionStimuli.StreamObject + 2;

    private readonly MovieData _movie;
    private readonly double _mean, _scale;

    /// <summary>Patches of <paramref name="size"/>² pixels over <paramref name="frames"/> frames of <paramref name="movie"/>.</summary>
    public MoviePatches(MovieData movie, int size, int frames, ulong seed, double contrast = 1)
    {
        _movie = movie ?? throw new ArgumentNullException(nameof(movie));
        if (size < 1 || size > movie.Height || size > movie.Width)
            throw new ArgumentOutOfRangeException(nameof(size), size, $"patches of {size} x {size} do not fit in frames of {movie.Height} x {movie.Width}");
        if (frames < 1 || frames > movie.Frames)
            throw new ArgumentOutOfRangeException(nameof(frames), frames, $"sequences of {frames} frames do not fit in a movie of {movie.Frames}");
        Size = size;
        Frames = frames;
        Seed = seed;
        Contrast = contrast;
        double sum = 0, sq = 0;
        foreach (var v in movie.Pixels) { sum += v; sq += (double)v * v; }
        _mean = sum / movie.Pixels.Length;
        double sd = Math.Sqrt(Math.Max(sq / movie.Pixels.Length - _mean * _mean, 0));
        _scale = sd > 0 ? contrast / sd : contrast;
    }

    /// <summary>Side of a patch.</summary>
    public int Size { get; }

    /// <summary>The seed of the patch positions.</summary>
    public ulong Seed { get; }

    /// <summary>Standard deviation of the standardised pixels.</summary>
    public double Contrast { get; }

    /// <inheritdoc />
    public int Pixels => Size * Size;

    /// <inheritdoc />
    public int Frames { get; }

    /// <inheritdoc />
    public void Sequence(int index, Span<double> frames)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        if (frames.Length != Frames * Pixels) throw new ArgumentException($"{frames.Length} values, expected {Frames} x {Pixels}", nameof(frames));
        var rng = new PhiloxStream(Seed, StreamKind.TaskInput, StreamObject, (uint)index);
        int t0 = rng.NextInt(_movie.Frames - Frames + 1);
        int r0 = rng.NextInt(_movie.Height - Size + 1);
        int c0 = rng.NextInt(_movie.Width - Size + 1);
        for (int t = 0; t < Frames; t++)
            for (int r = 0; r < Size; r++)
                for (int c = 0; c < Size; c++)
                    frames[(t * Size + r) * Size + c] = (_movie[t0 + t, r0 + r, c0 + c] - _mean) * _scale;
    }
}
