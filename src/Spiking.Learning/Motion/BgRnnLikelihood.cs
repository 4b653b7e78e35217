namespace Spiking.Motion;

/// <summary>
/// Log densities of one frame of a bgG-RNN, fully normalised (nats), given the prior logits
/// a = R(h∘x)^{t−1} + b from the previous frame's inferred state.
/// </summary>
/// <remarks>
/// <para>The seed writes the per-frame objective as const − ‖y − W(x∘h)‖²/2τy² − ‖x‖²/2τx² +
/// Σ_j h_j log σ(a_j) + (1 − h_j) log(1 − σ(a_j)). Here "const" is made explicit:
/// − (Pixels/2) log(2π τy²) (the pixel noise normaliser) and − ½ log(2π τx²) per <em>active</em> unit.
/// The amplitude x_k of an inactive unit does not enter the frame (x∘h), so it is integrated out; only
/// active units carry the amplitude prior. <see cref="FrameLogJoint"/> is that quantity,
/// log p(y, x_active, h | past), the objective <see cref="MatchingPursuit"/> climbs.</para>
/// <para>Because log p(y, x_active, h) is a density over a space whose dimension depends on h, it is
/// not a good score to compare models. Held-out scores use <see cref="FrameLogEvidence"/>,
/// log p(y, h | past) with all amplitudes integrated out exactly (a Gaussian in y), which is a lower
/// bound on the frame's log predictive density log p(y | past) = log Σ_h p(y, h | past).</para>
/// </remarks>
public static class BgRnnLikelihood
{
    /// <summary>log σ(a) = −log(1 + e^{−a}), without overflow.</summary>
    public static double LogSigmoid(double a) => a >= 0 ? -Math.Log(1 + Math.Exp(-a)) : a - Math.Log(1 + Math.Exp(a));

    /// <summary>σ(a) = 1/(1 + e^{−a}).</summary>
    public static double Sigmoid(double a) => a >= 0 ? 1 / (1 + Math.Exp(-a)) : Math.Exp(a) / (1 + Math.Exp(a));

    /// <summary>Σ_j h_j log σ(a_j) + (1 − h_j) log(1 − σ(a_j)): the log probability of the gates under the prior.</summary>
    public static double GateLogPrior(ReadOnlySpan<double> priorLogits, ReadOnlySpan<double> h)
    {
        if (priorLogits.Length != h.Length) throw new ArgumentException("logits and gates differ in length");
        double s = 0;
        for (int j = 0; j < h.Length; j++) s += h[j] != 0 ? LogSigmoid(priorLogits[j]) : LogSigmoid(-priorLogits[j]);
        return s;
    }

    /// <summary>
    /// log p(y, x_active, h | past) = −(P/2) log(2π τy²) − ‖y − W(x∘h)‖²/2τy²
    /// + Σ_{k: h_k=1} [−x_k²/2τx² − ½ log(2π τx²)] + <see cref="GateLogPrior"/>, computed directly
    /// (O(Pixels × active)); allocates nothing.
    /// </summary>
    public static double FrameLogJoint(BgRnnParameters p, ReadOnlySpan<double> priorLogits, ReadOnlySpan<double> frame, ReadOnlySpan<double> h, ReadOnlySpan<double> x)
    {
        Check(p, priorLogits, frame, h);
        int px = p.Pixels;
        double ty2 = p.TauY * p.TauY, tx2 = p.TauX * p.TauX;
        double rr = 0;
        for (int i = 0; i < px; i++)
        {
            double r = frame[i];
            for (int k = 0; k < p.Units; k++)
                if (h[k] != 0) r -= p.W[k * px + i] * x[k];
            rr += r * r;
        }
        double ll = -0.5 * px * Math.Log(2 * Math.PI * ty2) - 0.5 * rr / ty2;
        double normaliser = 0.5 * Math.Log(2 * Math.PI * tx2) - (p.NonNegative ? Math.Log(2) : 0);
        for (int k = 0; k < p.Units; k++)
            if (h[k] != 0)
            {
                if (p.NonNegative && x[k] < 0) return double.NegativeInfinity;
                ll += -0.5 * x[k] * x[k] / tx2 - normaliser;
            }
        return ll + GateLogPrior(priorLogits, h);
    }

    /// <summary>
    /// log p(y, h | past) with the amplitudes integrated out: y | h ~ N(0, τy² I + τx² W_A W_Aᵀ)
    /// (the seed's Gaussian prior; with <see cref="BgRnnParameters.NonNegative"/> the half-normal prior
    /// adds m log 2 + log P(x ≥ 0 | y, h) under the Gaussian-prior posterior, see <see cref="LogOrthantProbability"/>)
    /// over the active columns A, evaluated through the m × m matrix M = (τy²/τx²) I + W_AᵀW_A
    /// (Woodbury identity and the matrix determinant lemma), plus <see cref="GateLogPrior"/>.
    /// Allocates O(m²); for evaluation, not for the per-frame hot path.
    /// </summary>
    public static double FrameLogEvidence(BgRnnParameters p, ReadOnlySpan<double> priorLogits, ReadOnlySpan<double> frame, ReadOnlySpan<double> h)
    {
        Check(p, priorLogits, frame, h);
        int px = p.Pixels;
        double ty2 = p.TauY * p.TauY, tx2 = p.TauX * p.TauX;
        var act = new List<int>();
        for (int k = 0; k < p.Units; k++) if (h[k] != 0) act.Add(k);
        int m = act.Count;
        double yy = MatchingPursuit.Dot(frame, frame);
        var mat = new double[m * m];
        var d = new double[m];
        for (int i = 0; i < m; i++)
        {
            var wi = new ReadOnlySpan<double>(p.W, act[i] * px, px);
            d[i] = MatchingPursuit.Dot(wi, frame);
            for (int j = 0; j <= i; j++)
                mat[i * m + j] = mat[j * m + i] = MatchingPursuit.Dot(wi, new ReadOnlySpan<double>(p.W, act[j] * px, px));
            mat[i * m + i] += ty2 / tx2;
        }
        // Cholesky M = L Lᵀ in place (lower triangle), then q = dᵀ M⁻¹ d = ‖L⁻¹ d‖².
        double logDetM = 0;
        for (int j = 0; j < m; j++)
        {
            double s = mat[j * m + j];
            for (int k = 0; k < j; k++) s -= mat[j * m + k] * mat[j * m + k];
            double l = Math.Sqrt(s);
            mat[j * m + j] = l;
            logDetM += 2 * Math.Log(l);
            for (int i = j + 1; i < m; i++)
            {
                double t = mat[i * m + j];
                for (int k = 0; k < j; k++) t -= mat[i * m + k] * mat[j * m + k];
                mat[i * m + j] = t / l;
            }
        }
        double q = 0;
        for (int i = 0; i < m; i++)
        {
            double t = d[i];
            for (int k = 0; k < i; k++) t -= mat[i * m + k] * d[k];
            d[i] = t / mat[i * m + i];
            q += d[i] * d[i];
        }
        // log det C = P log τy² + log det(I + (τx²/τy²) W_AᵀW_A) = P log τy² + m log(τx²/τy²) + log det M.
        double logDetC = px * Math.Log(ty2) + m * Math.Log(tx2 / ty2) + logDetM;
        double quad = (yy - q) / ty2;
        double logEvidence = -0.5 * (px * Math.Log(2 * Math.PI) + logDetC + quad) + GateLogPrior(priorLogits, h);
        if (!p.NonNegative || m == 0) return logEvidence;
        // Half-normal prior 2^m N(0, τx² I) on the orthant: p(y | h) = 2^m N(y; 0, C) P(x ≥ 0 | y), where x | y is the
        // Gaussian-prior posterior N(μ, τy² M⁻¹), μ = M⁻¹ W_Aᵀ y. With L⁻¹d already in d: μ = L⁻ᵀ d.
        var mu = new double[m];
        for (int i = m - 1; i >= 0; i--)
        {
            double t = d[i];
            for (int k = i + 1; k < m; k++) t -= mat[k * m + i] * mu[k];
            mu[i] = t / mat[i * m + i];
        }
        return logEvidence + m * Math.Log(2) + LogOrthantProbability(mat, m, mu, p.TauY);
    }

    /// <summary>Points of the quasi-Monte Carlo estimate in <see cref="LogOrthantProbability"/> (m ≥ 2 active units).</summary>
    public const int OrthantPoints = 2048;

    /// <summary>Φ(t), the standard normal CDF.</summary>
    public static double NormalCdf(double t) => 0.5 * MathNet.Numerics.SpecialFunctions.Erfc(-t / Math.Sqrt(2));

    /// <summary>
    /// log P(x ≥ 0) for x ~ N(μ, s² M⁻¹), M = L Lᵀ given by its Cholesky factor L (lower triangle of
    /// <paramref name="chol"/>, m × m). Exact (log Φ) for m = 1; for m ≥ 2 Genz's separation of variables
    /// on x = μ + s L⁻ᵀ z (L⁻ᵀ upper triangular, so the variables are taken from the last to the first),
    /// averaged over <see cref="OrthantPoints"/> points of a Kronecker (√prime) lattice: deterministic,
    /// an estimate rather than a bound (error ~1e-3 relative in tests).
    /// </summary>
    internal static double LogOrthantProbability(double[] chol, int m, double[] mu, double s)
    {
        // U = L⁻ᵀ: solve L V = I (V = L⁻¹ lower), U[i, j] = V[j, i].
        var v = new double[m * m];
        for (int c = 0; c < m; c++)
            for (int i = c; i < m; i++)
            {
                double t = i == c ? 1 : 0;
                for (int k = c; k < i; k++) t -= chol[i * m + k] * v[k * m + c];
                v[i * m + c] = t / chol[i * m + i];
            }
        double U(int i, int j) => v[j * m + i]; // i ≤ j
        if (m == 1) return Math.Log(NormalCdf(mu[0] / (s * U(0, 0))));
        ReadOnlySpan<double> primes = [2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47, 53, 59, 61, 67, 71];
        var z = new double[m];
        double sum = 0;
        for (int point = 1; point <= OrthantPoints; point++)
        {
            double prob = 1;
            for (int i = m - 1; i >= 0; i--)
            {
                double mean = mu[i];
                for (int j = i + 1; j < m; j++) mean += s * U(i, j) * z[j];
                double pi = NormalCdf(mean / (s * U(i, i))); // P(z_i ≥ −mean/(s U_ii))
                prob *= pi;
                if (i == 0 || prob == 0) break;
                double alpha = Math.Sqrt(primes[i % primes.Length]) * (1 + i / primes.Length);
                double u = point * alpha - Math.Floor(point * alpha);
                // z_i from N(0, 1) truncated to z ≥ −mean/(s U_ii): −z = Φ⁻¹(u pi).
                z[i] = -MathNet.Numerics.Distributions.Normal.InvCDF(0, 1, Math.Clamp(u * pi, 1e-300, 1 - 1e-16));
            }
            sum += prob;
        }
        return Math.Log(sum / OrthantPoints);
    }

    private static void Check(BgRnnParameters p, ReadOnlySpan<double> logits, ReadOnlySpan<double> frame, ReadOnlySpan<double> h)
    {
        if (logits.Length != p.Units) throw new ArgumentException($"{logits.Length} logits, expected {p.Units}");
        if (h.Length != p.Units) throw new ArgumentException($"{h.Length} gates, expected {p.Units}");
        if (frame.Length != p.Pixels) throw new ArgumentException($"{frame.Length} pixels, expected {p.Pixels}");
    }
}
