using Spiking.Description;
using Spiking.Random;

namespace Spiking.Connectors;

/// <summary>Draws per-synapse weights and delays from a <see cref="ValueSpec"/>.</summary>
public static class SynapseValues
{
    /// <summary>Draws one value from a spec with the given stream.</summary>
    public static double Draw(ValueSpec spec, ref PhiloxStream rng) => spec switch
    {
        ConstantValue c => c.Value,
        UniformValue u => u.Low + (u.High - u.Low) * rng.NextDouble(),
        NormalValue n => DrawNormal(n, ref rng),
        GammaValue g => DrawGamma(g, ref rng),
        _ => throw new NotSupportedException($"value spec {spec.GetType().Name}"),
    };

    /// <summary>A normal draw, drawn again while it falls outside the bounds (the validator keeps them within 5 sd of the mean).</summary>
    private static double DrawNormal(NormalValue n, ref PhiloxStream rng)
    {
        if (n.StandardDeviation == 0) return n.Mean;
        while (true)
        {
            double x = n.Mean + n.StandardDeviation * rng.NextNormal();
            if (x >= n.Low && x <= n.High) return x;
        }
    }

    private static double DrawGamma(GammaValue g, ref PhiloxStream rng)
    {
        double mean = Math.Abs(g.Mean), sd = g.StandardDeviation;
        if (sd == 0 || mean == 0) return g.Mean;
        double shape = mean * mean / (sd * sd), scale = sd * sd / mean;
        double x = scale * StandardGamma(shape, ref rng);
        return g.Mean < 0 ? -x : x;
    }

    /// <summary>
    /// Gamma(shape, 1) by Marsaglia &amp; Tsang (2000, ACM TOMS 26:363), with the boost
    /// G(a) = G(a + 1)·U^(1/a) for shapes below 1 (their section 6).
    /// </summary>
    public static double StandardGamma(double shape, ref PhiloxStream rng)
    {
        if (shape < 1)
        {
            double boost = Math.Pow(rng.NextDoubleNonZero(), 1 / shape);
            return StandardGamma(shape + 1, ref rng) * boost;
        }
        double d = shape - 1.0 / 3, c = 1 / Math.Sqrt(9 * d);
        while (true)
        {
            double x, v;
            do
            {
                x = rng.NextNormal();
                v = 1 + c * x;
            } while (v <= 0);
            v = v * v * v;
            double u = rng.NextDoubleNonZero();
            if (u < 1 - 0.0331 * x * x * x * x || Math.Log(u) < 0.5 * x * x + d * (1 - v + Math.Log(v))) return d * v;
        }
    }
}
