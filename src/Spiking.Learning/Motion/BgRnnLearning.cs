namespace Spiking.Motion;

/// <summary>
/// Gradients of the bgG-RNN log joint density (the M step of the seed's EM-style online learning),
/// as pure functions. The recurrent rule is the seed's STDP-like rule,
/// ∂L^t/∂R_jk = (h_k^{t−1} x_k^{t−1}) (h_j^t − σ(a_j^t)), ∂L^t/∂b_j = h_j^t − σ(a_j^t),
/// a^t = R(h^{t−1}∘x^{t−1}) + b: a synapse from k to j grows when k was active (h_k x_k &gt; 0) and j
/// then switched on more often than the network predicted, and shrinks when j stayed off although predicted.
/// </summary>
public static class BgRnnLearning
{
    /// <summary>
    /// One synapse's gradient ∂L/∂R_jk = pre · (post − σ(logit)), with pre = h_k^{t−1} x_k^{t−1},
    /// post = h_j^t and logit = a_j^t. Public for the kernel's plasticity plugin.
    /// </summary>
    public static double RecurrentGradient(double preHx, double postH, double postLogit)
        => preHx * (postH - BgRnnLikelihood.Sigmoid(postLogit));

    /// <summary>
    /// Adds <paramref name="scale"/> × the gradient of one frame to <paramref name="gradR"/> (Units × Units
    /// row-major, like <see cref="BgRnnParameters.R"/>) and <paramref name="gradB"/>; visits only the
    /// columns k with nonzero previous h∘x (O(Units × active)). Allocates nothing.
    /// </summary>
    public static void AccumulateRecurrentGradient(ReadOnlySpan<double> previousHx, ReadOnlySpan<double> h, ReadOnlySpan<double> priorLogits,
        Span<double> gradR, Span<double> gradB, double scale = 1)
    {
        int n = h.Length;
        if (previousHx.Length != n || priorLogits.Length != n || gradB.Length != n || gradR.Length != n * n)
            throw new ArgumentException($"expected {n} units and a {n} x {n} gradient");
        for (int j = 0; j < n; j++)
        {
            double err = scale * (h[j] - BgRnnLikelihood.Sigmoid(priorLogits[j]));
            gradB[j] += err;
            if (err == 0) continue;
            var row = gradR.Slice(j * n, n);
            for (int k = 0; k < n; k++)
                if (previousHx[k] != 0) row[k] += previousHx[k] * err;
        }
    }

    /// <summary>
    /// Adds <paramref name="scale"/> × ∂L/∂W = (y − W(x∘h)) (x∘h)ᵀ / τy² to <paramref name="gradW"/>
    /// (column-major like <see cref="BgRnnParameters.W"/>); only active columns are touched.
    /// <paramref name="residual"/> (Pixels) is workspace and receives y − W(x∘h). Allocates nothing.
    /// </summary>
    public static void AccumulateFeatureGradient(BgRnnParameters p, ReadOnlySpan<double> frame, ReadOnlySpan<double> h, ReadOnlySpan<double> x,
        Span<double> residual, Span<double> gradW, double scale = 1)
    {
        int px = p.Pixels, n = p.Units;
        if (frame.Length != px || residual.Length != px || h.Length != n || x.Length != n || gradW.Length != px * n)
            throw new ArgumentException("sizes do not match the model");
        Residual(p, frame, h, x, residual);
        double c = scale / (p.TauY * p.TauY);
        for (int k = 0; k < n; k++)
            if (h[k] != 0 && x[k] != 0)
                MatchingPursuit.AddScaled(gradW.Slice(k * px, px), c * x[k], residual);
    }

    /// <summary>residual = y − W(x∘h).</summary>
    public static void Residual(BgRnnParameters p, ReadOnlySpan<double> frame, ReadOnlySpan<double> h, ReadOnlySpan<double> x, Span<double> residual)
    {
        int px = p.Pixels;
        frame.CopyTo(residual);
        for (int k = 0; k < p.Units; k++)
            if (h[k] != 0 && x[k] != 0)
                MatchingPursuit.AddScaled(residual, -x[k], new ReadOnlySpan<double>(p.W, k * px, px));
    }

    /// <summary>Scales every column of W with a nonzero norm to Euclidean norm <paramref name="norm"/> (the column-norm control of the W step).</summary>
    public static void NormaliseColumns(BgRnnParameters p, double norm)
    {
        int px = p.Pixels;
        for (int k = 0; k < p.Units; k++)
        {
            var col = p.W.AsSpan(k * px, px);
            double s = Math.Sqrt(MatchingPursuit.Dot(col, col));
            if (s > 0)
                for (int i = 0; i < px; i++) col[i] *= norm / s;
        }
    }
}
