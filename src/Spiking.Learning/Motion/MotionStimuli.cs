using Spiking.Random;

namespace Spiking.Motion;

/// <summary>What one generated sequence shows.</summary>
/// <param name="Kind">Bar, grating or dots.</param>
/// <param name="Direction">Direction index d; the motion is along angle 2πd/Directions.</param>
/// <param name="Speed">Pixels per frame.</param>
public readonly record struct MotionStimulusInfo(MotionStimulusKind Kind, int Direction, double Speed);

/// <summary>
/// Sequences of frames of moving bars, drifting gratings and random-dot fields in square patches,
/// with additive Gaussian noise, generated in code. A sequence is a function of (seed, index) only:
/// its draws come from the Philox stream (seed, <see cref="StreamKind.TaskInput"/>,
/// <see cref="StreamObject"/>, index), so sequences are bit-reproducible and independent of each other.
/// Frames are written row-major, frame after frame: <c>frames[t * Size² + row * Size + column]</c>.
/// </summary>
public static class MotionStimuli
{
    /// <summary>The object index of the stimulus streams (“MOT”), distinct from the other task generators' 0–3.</summary>
    public const int StreamObject = 0x4D4F54;

    /// <summary>
    /// Sequence <paramref name="index"/> of <paramref name="seed"/>: kind, direction and speed drawn
    /// uniformly from the options, then the scene's random phase or positions, then the noise.
    /// </summary>
    /// <param name="seed">The run's seed.</param>
    /// <param name="index">The sequence's index (training and held-out sets use disjoint indices or seeds).</param>
    /// <param name="o">Patch size, frames, speeds, kinds, noise.</param>
    /// <param name="frames">Receives Frames × Size² values.</param>
    public static MotionStimulusInfo Generate(ulong seed, int index, MotionStimulusOptions o, Span<double> frames)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        var rng = new PhiloxStream(seed, StreamKind.TaskInput, StreamObject, (uint)index);
        var kind = o.Kinds[rng.NextInt(o.Kinds.Count)];
        int direction = rng.NextInt(o.Directions);
        double speed = o.Speeds[rng.NextInt(o.Speeds.Count)];
        Render(kind, direction, speed, o, ref rng, frames);
        return new MotionStimulusInfo(kind, direction, speed);
    }

    /// <summary>
    /// A sequence of a given kind, direction and speed; the scene's phase or positions and the noise
    /// come from the stream (seed, TaskInput, StreamObject + 1, index), so the same index gives the same
    /// phase for every direction.
    /// </summary>
    public static void Generate(ulong seed, int index, MotionStimulusKind kind, int direction, double speed, MotionStimulusOptions o, Span<double> frames)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        var rng = new PhiloxStream(seed, StreamKind.TaskInput, StreamObject + 1, (uint)index);
        Render(kind, direction, speed, o, ref rng, frames);
    }

    private static void Render(MotionStimulusKind kind, int direction, double speed, MotionStimulusOptions o, ref PhiloxStream rng, Span<double> frames)
    {
        o.Validate();
        int s = o.Size, px = s * s;
        if (frames.Length != o.Frames * px) throw new ArgumentException($"{frames.Length} values, expected {o.Frames} frames x {px} pixels", nameof(frames));
        if (direction < 0 || direction >= o.Directions) throw new ArgumentOutOfRangeException(nameof(direction), direction, $"must be in [0, {o.Directions})");
        double theta = 2 * Math.PI * direction / o.Directions;
        double ux = Math.Cos(theta), uy = Math.Sin(theta);
        double centre = (s - 1) / 2.0;
        switch (kind)
        {
            case MotionStimulusKind.Grating:
            {
                double phase = 2 * Math.PI * rng.NextDouble(), k = 2 * Math.PI / o.GratingPeriod;
                for (int t = 0; t < o.Frames; t++)
                    for (int r = 0; r < s; r++)
                        for (int c = 0; c < s; c++)
                        {
                            double q = ux * (c - centre) + uy * (r - centre);
                            frames[t * px + r * s + c] = o.Contrast * Math.Cos(k * (q - speed * t) + phase);
                        }
                break;
            }
            case MotionStimulusKind.Bar:
            {
                // A periodic train of bars along the motion axis, period the patch diagonal plus a bar width,
                // so at most one bar is in the patch at a time.
                double period = s * Math.Sqrt(2) + o.BarWidth;
                double start = period * rng.NextDouble();
                double polarity = rng.NextDouble() < 0.5 && o.MixedPolarity ? -1 : 1;
                for (int t = 0; t < o.Frames; t++)
                {
                    double pos = start + speed * t;
                    for (int r = 0; r < s; r++)
                        for (int c = 0; c < s; c++)
                        {
                            double q = ux * (c - centre) + uy * (r - centre) - pos;
                            q -= period * Math.Round(q / period);
                            double cover = Math.Clamp(o.BarWidth / 2 + 0.5 - Math.Abs(q), 0, 1);
                            frames[t * px + r * s + c] = polarity * o.Contrast * cover;
                        }
                }
                break;
            }
            case MotionStimulusKind.Dots:
            {
                int n = o.DotCount;
                Span<double> x0 = stackalloc double[n], y0 = stackalloc double[n], pol = stackalloc double[n];
                for (int d = 0; d < n; d++)
                {
                    x0[d] = s * rng.NextDouble();
                    y0[d] = s * rng.NextDouble();
                    pol[d] = rng.NextDouble() < 0.5 && o.MixedPolarity ? -1 : 1;
                }
                double inv2s2 = 1 / (2 * o.DotSigma * o.DotSigma);
                for (int t = 0; t < o.Frames; t++)
                {
                    var f = frames.Slice(t * px, px);
                    f.Clear();
                    for (int d = 0; d < n; d++)
                    {
                        double dx0 = x0[d] + ux * speed * t, dy0 = y0[d] + uy * speed * t;
                        for (int r = 0; r < s; r++)
                        {
                            double dy = r - dy0;
                            dy -= s * Math.Round(dy / s); // the field wraps around the patch (a torus)
                            for (int c = 0; c < s; c++)
                            {
                                double dx = c - dx0;
                                dx -= s * Math.Round(dx / s);
                                f[r * s + c] += pol[d] * o.Contrast * Math.Exp(-(dx * dx + dy * dy) * inv2s2);
                            }
                        }
                    }
                }
                break;
            }
            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown stimulus kind");
        }
        if (o.NoiseSd > 0)
            for (int i = 0; i < frames.Length; i++) frames[i] += o.NoiseSd * rng.NextNormal();
    }
}
