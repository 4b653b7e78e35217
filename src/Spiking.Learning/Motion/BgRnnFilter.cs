namespace Spiking.Motion;

/// <summary>
/// Greedy filtering through a sequence (seed 000): the state of frame t is inferred from the frame
/// and the state of frame t−1 only. Each <see cref="Step"/> forms the prior logits
/// a = R(ĥ∘x̂)^{t−1} + b and runs <see cref="MatchingPursuit"/>. Allocates nothing per frame.
/// </summary>
public sealed class BgRnnFilter
{
    private readonly double[] _logits, _h, _x, _previous;

    /// <summary>A filter over <paramref name="pursuit"/>'s model, starting from the empty state.</summary>
    public BgRnnFilter(MatchingPursuit pursuit)
    {
        Pursuit = pursuit ?? throw new ArgumentNullException(nameof(pursuit));
        int n = pursuit.Parameters.Units;
        _logits = new double[n];
        _h = new double[n];
        _x = new double[n];
        _previous = new double[n];
    }

    /// <summary>The pursuit used for each frame.</summary>
    public MatchingPursuit Pursuit { get; }

    /// <summary>Prior logits of the last frame, R(ĥ∘x̂)^{t−1} + b.</summary>
    public ReadOnlySpan<double> Logits => _logits;

    /// <summary>Gates of the last frame.</summary>
    public ReadOnlySpan<double> H => _h;

    /// <summary>Amplitudes of the last frame.</summary>
    public ReadOnlySpan<double> X => _x;

    /// <summary>h∘x of the frame before the last (what the last frame's prior was formed from).</summary>
    public ReadOnlySpan<double> Previous => _previous;

    /// <summary>Forgets the state: the next frame starts a sequence (previous h∘x = 0).</summary>
    public void Reset()
    {
        Array.Clear(_h);
        Array.Clear(_x);
        Array.Clear(_previous);
    }

    /// <summary>Infers the next frame's state; returns its log joint density (nats).</summary>
    public double Step(ReadOnlySpan<double> frame)
    {
        int n = _h.Length;
        for (int k = 0; k < n; k++) _previous[k] = _h[k] * _x[k];
        Pursuit.Parameters.PriorLogits(_previous, _logits);
        return Pursuit.Infer(_logits, frame, _h, _x);
    }
}
