using System.Numerics;

namespace Spiking.Motion;

/// <summary>
/// Inference of one frame of a bgG-RNN by matching pursuit (the greedy filtering step of Pachitariu
/// &amp; Sahani, seed 000): given the prior logits a = R(ĥ∘x̂)^{t−1} + b and the frame y, start from
/// h = x = 0 and repeatedly take the single-unit move that increases the frame's log joint density
/// <see cref="BgRnnLikelihood.FrameLogJoint"/> most, until no move increases it by more than
/// <see cref="MinGain"/> nats.
/// </summary>
/// <remarks>
/// <para>With residual r = y − W(x∘h), c = Wᵀr, A_k = ‖w_k‖²/τy² + 1/τx², the moves and their exact
/// gains in log joint density are (docs/motion.md derives them):</para>
/// <list type="bullet">
/// <item>switch on an inactive unit k at its best amplitude x_k = (c_k/τy²)/A_k, gain
/// ½ (c_k/τy²)²/A_k + a_k − ½ log(2π τx²). The a_k term is log σ(a_k) − log(1 − σ(a_k)); the last term is
/// the normaliser of the amplitude prior of one more active unit (x of inactive units is integrated
/// out, so only active units carry the prior).</item>
/// <item>re-fit an active unit k to the current residual: x_k += (c_k/τy² − x_k/τx²)/A_k, gain
/// ½ (c_k/τy² − x_k/τx²)²/A_k. Re-selection is allowed, which makes the pursuit end at a point where
/// every active amplitude is optimal given the others (coordinate ascent). Units are never switched off.</item>
/// </list>
/// <para>With <see cref="BgRnnParameters.NonNegative"/> (x ≥ 0, half-normal prior) the normaliser is
/// ½ log(2π τx²) − log 2, a unit is switched on only when its best amplitude is positive, and a re-fit
/// that would cross 0 stops at 0 with gain d δ − ½ A δ², δ = −x_k (d = c_k/τy² − x_k/τx²): the exact
/// maximiser of the concave one-dimensional problem on x_k ≥ 0.</para>
/// <para>c is kept up to date with the Gram matrix G = WᵀW (c −= Δx_k G[:,k]), so a step costs O(Units);
/// only the first correlation Wᵀy costs O(Units × Pixels). Call <see cref="Refresh"/> after W or the τs change.
/// The workspace is owned by the instance: <see cref="Infer"/> allocates nothing. Not thread-safe.</para>
/// </remarks>
public sealed class MatchingPursuit
{
    private readonly BgRnnParameters _p;
    private readonly double[] _gram;    // Units × Units, symmetric
    private readonly double[] _normSq;  // ‖w_k‖²
    private readonly double[] _invA;    // 1 / A_k
    private readonly double[] _c;       // Wᵀ r
    private double _tauX, _tauY;
    private bool _nonNegative;

    /// <summary>A pursuit over the features of <paramref name="p"/> (the Gram matrix is computed now).</summary>
    public MatchingPursuit(BgRnnParameters p)
    {
        _p = p ?? throw new ArgumentNullException(nameof(p));
        int n = p.Units;
        _gram = new double[n * n];
        _normSq = new double[n];
        _invA = new double[n];
        _c = new double[n];
        MaxSteps = 4 * n;
        Refresh();
    }

    /// <summary>The model whose features are used.</summary>
    public BgRnnParameters Parameters => _p;

    /// <summary>Smallest gain (nats) a move must bring to be taken; default 1e-9.</summary>
    public double MinGain { get; set; } = 1e-9;

    /// <summary>Most moves per frame (default 4 × Units).</summary>
    public int MaxSteps { get; set; }

    /// <summary>Moves taken in the last call of <see cref="Infer"/>.</summary>
    public int LastSteps { get; private set; }

    /// <summary>Active units after the last call of <see cref="Infer"/>.</summary>
    public int LastActive { get; private set; }

    /// <summary>The Gram matrix WᵀW as last computed (Units × Units).</summary>
    public ReadOnlySpan<double> Gram => _gram;

    /// <summary>Recomputes the Gram matrix and the per-unit constants from the current W, τx, τy.</summary>
    public void Refresh()
    {
        int n = _p.Units, px = _p.Pixels;
        var w = _p.W;
        for (int i = 0; i < n; i++)
        {
            var wi = new ReadOnlySpan<double>(w, i * px, px);
            for (int j = i; j < n; j++)
                _gram[i * n + j] = _gram[j * n + i] = Dot(wi, new ReadOnlySpan<double>(w, j * px, px));
        }
        _tauX = _p.TauX;
        _tauY = _p.TauY;
        _nonNegative = _p.NonNegative;
        double ty2 = _tauY * _tauY, tx2 = _tauX * _tauX;
        for (int k = 0; k < n; k++)
        {
            _normSq[k] = _gram[k * n + k];
            _invA[k] = 1.0 / (_normSq[k] / ty2 + 1.0 / tx2);
        }
    }

    /// <summary>
    /// Infers the gates and amplitudes of one frame.
    /// </summary>
    /// <param name="priorLogits">a_j = (R (h∘x)^{t−1} + b)_j, one per unit.</param>
    /// <param name="frame">The frame y, one value per pixel.</param>
    /// <param name="h">Receives the gates (0 or 1).</param>
    /// <param name="x">Receives the amplitudes (0 where h is 0).</param>
    /// <returns>The frame's log joint density at the result, <see cref="BgRnnLikelihood.FrameLogJoint"/> (nats).</returns>
    public double Infer(ReadOnlySpan<double> priorLogits, ReadOnlySpan<double> frame, Span<double> h, Span<double> x)
    {
        int n = _p.Units, px = _p.Pixels;
        if (priorLogits.Length != n) throw new ArgumentException($"{priorLogits.Length} logits, expected {n}", nameof(priorLogits));
        if (frame.Length != px) throw new ArgumentException($"{frame.Length} pixels, expected {px}", nameof(frame));
        if (h.Length != n) throw new ArgumentException($"{h.Length} gates, expected {n}", nameof(h));
        if (x.Length != n) throw new ArgumentException($"{x.Length} amplitudes, expected {n}", nameof(x));
        if (_p.TauX != _tauX || _p.TauY != _tauY || _p.NonNegative != _nonNegative)
            throw new InvalidOperationException("τx, τy or NonNegative changed since Refresh(); call Refresh()");

        var w = _p.W;
        var c = _c.AsSpan();
        for (int k = 0; k < n; k++) c[k] = Dot(new ReadOnlySpan<double>(w, k * px, px), frame);
        double rr = Dot(frame, frame);
        h.Clear();
        x.Clear();

        double ty2 = _tauY * _tauY, tx2 = _tauX * _tauX;
        double invTy2 = 1.0 / ty2, invTx2 = 1.0 / tx2;
        // −log of the amplitude prior's normaliser: N(0, τx²), or the half-normal 2 N(0, τx²) on x ≥ 0.
        double unitNormaliser = 0.5 * Math.Log(2 * Math.PI * tx2) - (_nonNegative ? Math.Log(2) : 0);
        bool nonNegative = _nonNegative;
        var invA = _invA;
        int steps = 0, active = 0;
        while (steps < MaxSteps)
        {
            int best = -1;
            double bestGain = MinGain, bestDelta = 0;
            for (int k = 0; k < n; k++)
            {
                double ck = c[k] * invTy2;
                double gain, delta;
                if (h[k] == 0)
                {
                    delta = ck * invA[k];
                    if (nonNegative && delta <= 0) continue; // the best x ≥ 0 is 0: nothing to switch on
                    gain = 0.5 * ck * delta + priorLogits[k] - unitNormaliser;
                }
                else
                {
                    double d = ck - x[k] * invTx2;
                    delta = d * invA[k];
                    if (nonNegative && x[k] + delta < 0)
                    {
                        // Clamped at 0: the concave quadratic's gain at the bound, d δ − ½ A δ² with δ = −x_k.
                        delta = -x[k];
                        gain = d * delta - 0.5 * delta * delta / invA[k];
                    }
                    else gain = 0.5 * d * delta;
                }
                if (gain > bestGain) { bestGain = gain; best = k; bestDelta = delta; }
            }
            if (best < 0) break;
            if (h[best] == 0) { h[best] = 1; active++; }
            x[best] += bestDelta; // a clamped re-fit gives x + (−x) = 0 exactly
            rr += bestDelta * (bestDelta * _normSq[best] - 2 * c[best]);
            AddScaled(c, -bestDelta, new ReadOnlySpan<double>(_gram, best * n, n));
            steps++;
        }
        LastSteps = steps;
        LastActive = active;

        // The log joint density from its terms (rr is ‖y − W(x∘h)‖², tracked exactly up to rounding).
        double ll = -0.5 * px * Math.Log(2 * Math.PI * ty2) - 0.5 * Math.Max(rr, 0) * invTy2;
        for (int k = 0; k < n; k++)
        {
            if (h[k] != 0) ll += -0.5 * x[k] * x[k] * invTx2 - unitNormaliser + BgRnnLikelihood.LogSigmoid(priorLogits[k]);
            else ll += BgRnnLikelihood.LogSigmoid(-priorLogits[k]);
        }
        return ll;
    }

    /// <summary>Σ a_i b_i, vectorised.</summary>
    internal static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        int k = 0, width = Vector<double>.Count;
        var acc = Vector<double>.Zero;
        for (; k + width <= a.Length; k += width) acc += new Vector<double>(a[k..]) * new Vector<double>(b[k..]);
        double s = Vector.Sum(acc);
        for (; k < a.Length; k++) s += a[k] * b[k];
        return s;
    }

    /// <summary>y += c · x, vectorised.</summary>
    internal static void AddScaled(Span<double> y, double c, ReadOnlySpan<double> x)
    {
        var vc = new Vector<double>(c);
        int k = 0, width = Vector<double>.Count;
        for (; k + width <= y.Length; k += width)
            (new Vector<double>(y[k..]) + vc * new Vector<double>(x[k..])).CopyTo(y[k..]);
        for (; k < y.Length; k++) y[k] += c * x[k];
    }
}
