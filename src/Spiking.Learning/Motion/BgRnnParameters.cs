namespace Spiking.Motion;

/// <summary>
/// The parameters of a binary-gated Gaussian recurrent neural network (bgG-RNN; Pachitariu &amp;
/// Sahani, "Learning visual motion in recurrent neural networks", seed 000):
/// <code>
///   x^{t+1} ~ N(0, τx² I)
///   P(h_j^{t+1} = 1 | h^t ∘ x^t) = σ(R (h^t ∘ x^t) + b)_j
///   y^t ~ N(W (x^t ∘ h^t), τy² I)
/// </code>
/// x are real amplitudes, h binary gates, y a frame of <see cref="Pixels"/> pixels. Intensities are
/// in the stimulus' own units (the generators in <see cref="MotionStimuli"/> use unit contrast), so
/// τx and τy are in those units too.
/// </summary>
public sealed class BgRnnParameters
{
    /// <summary>A model with W, R and b all zero.</summary>
    /// <param name="pixels">Pixels per frame (height × width).</param>
    /// <param name="units">Number of units (columns of W).</param>
    /// <param name="tauX">Prior standard deviation of an active unit's amplitude x (intensity units, &gt; 0).</param>
    /// <param name="tauY">Standard deviation of the pixel noise of a frame around W(x∘h) (intensity units, &gt; 0).</param>
    public BgRnnParameters(int pixels, int units, double tauX, double tauY)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pixels, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(units, 1);
        Pixels = pixels;
        Units = units;
        TauX = tauX;
        TauY = tauY;
        W = new double[pixels * units];
        R = new double[units * units];
        B = new double[units];
    }

    /// <summary>Pixels per frame.</summary>
    public int Pixels { get; }

    /// <summary>Number of units.</summary>
    public int Units { get; }

    /// <summary>Features, Pixels × Units, column-major: unit k's feature is <c>W[k*Pixels .. (k+1)*Pixels)</c>.</summary>
    public double[] W { get; }

    /// <summary>Recurrent weights, Units × Units row-major: <c>R[j*Units + k]</c> is the weight from unit k at t−1 to unit j at t.</summary>
    public double[] R { get; }

    /// <summary>Biases of the gates' logits.</summary>
    public double[] B { get; }

    /// <summary>Prior standard deviation τx of an active unit's amplitude (intensity units).</summary>
    public double TauX
    {
        get => _tauX;
        set => _tauX = value > 0 && double.IsFinite(value) ? value : throw new ArgumentOutOfRangeException(nameof(TauX), value, "must be finite and > 0");
    }

    /// <summary>Pixel noise standard deviation τy (intensity units).</summary>
    public double TauY
    {
        get => _tauY;
        set => _tauY = value > 0 && double.IsFinite(value) ? value : throw new ArgumentOutOfRangeException(nameof(TauY), value, "must be finite and > 0");
    }

    private double _tauX, _tauY;

    /// <summary>
    /// The sign-constrained variant (not the seed's model; default false): amplitudes x ≥ 0 with a
    /// half-normal prior, density 2 N(x; 0, τx²) on x ≥ 0. A feature then stands for one polarity, so
    /// h∘x ≥ 0 and R can chain "k then j" along a motion direction (ON/OFF units arise as w and −w).
    /// Matching pursuit clamps amplitudes at 0 and the likelihoods use the half-normal normaliser.
    /// </summary>
    public bool NonNegative { get; set; }

    /// <summary>Unit k's feature (column k of W).</summary>
    public Span<double> Feature(int k) => W.AsSpan(k * Pixels, Pixels);

    /// <summary>
    /// The prior logits of the next frame's gates, a = R s + b with s = h∘x of the previous frame
    /// (only the nonzero entries of s are visited: O(Units × active)).
    /// </summary>
    public void PriorLogits(ReadOnlySpan<double> previousHx, Span<double> logits)
    {
        int n = Units;
        if (previousHx.Length != n || logits.Length != n) throw new ArgumentException($"expected {n} units");
        B.AsSpan().CopyTo(logits);
        for (int k = 0; k < n; k++)
        {
            double s = previousHx[k];
            if (s == 0) continue;
            for (int j = 0; j < n; j++) logits[j] += R[j * n + k] * s;
        }
    }

    /// <summary>A deep copy.</summary>
    public BgRnnParameters Clone()
    {
        var c = new BgRnnParameters(Pixels, Units, TauX, TauY) { NonNegative = NonNegative };
        W.CopyTo(c.W, 0);
        R.CopyTo(c.R, 0);
        B.CopyTo(c.B, 0);
        return c;
    }
}
