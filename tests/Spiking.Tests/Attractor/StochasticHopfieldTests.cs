using Xunit.Abstractions;

namespace Spiking.Tests.Attractor;

/// <summary>
/// Hopfield units at temperature T &gt; 0 (Glauber dynamics, ⟨s_i⟩ = tanh(h_i/T)): with one stored pattern
/// (the Mattis model, a gauged Curie–Weiss ferromagnet) the stationary overlap solves the mean-field
/// equation m = tanh(m/T) exactly as N → ∞, with T_c = 1 (Amit, Gutfreund &amp; Sompolinsky 1985, α → 0);
/// and slow cooling through 0.46 &lt; T &lt; 1, where pure retrieval states are stable and symmetric
/// 3-mixtures are not, avoids the mixture states a T = 0 quench falls into.
/// </summary>
public class StochasticHopfieldTests(ITestOutputHelper output)
{
    /// <summary>The stable solution of m = tanh(m/T) (0 for T ≥ 1), by fixed-point iteration from 1.</summary>
    private static double MeanField(double temperature)
    {
        double m = 1;
        for (int k = 0; k < 100_000; k++) m = Math.Tanh(m / temperature);
        return m < 1e-6 ? 0 : m;
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(0.8)]
    [InlineData(1.5)]
    public void One_stored_pattern_at_temperature_T_has_the_mean_field_overlap(double temperature)
    {
        const int n = 2000;
        using var run = new HopfieldRun(n, 1, 0, seed: 4, temperature: temperature);
        for (int k = 0; k < 100; k++) run.Sweep();
        double sum = 0;
        const int sweeps = 400;
        for (int k = 0; k < sweeps; k++) { run.Sweep(); sum += run.Overlap(0); }
        double m = sum / sweeps, theory = MeanField(temperature);
        output.WriteLine($"T = {temperature}: <m> = {m:F4}, m = tanh(m/T) gives {theory:F4}");
        // 1/N corrections (no self-coupling) and the sampling error of 400 correlated sweeps are ~0.003.
        Assert.Equal(theory, m, temperature < 1 ? 0.01 : 0.1);
    }

    [Fact]
    public void Annealing_finds_stored_patterns_where_a_quench_ends_in_mixture_states()
    {
        // N = 500, P = 5, from random states (the cue with half its units flipped). Retrieval: the
        // largest |m_μ| over the patterns exceeds 0.95 at the end.
        int quenched = 0, annealed = 0;
        const int trials = 12;
        for (int t = 0; t < trials; t++)
        {
            double Best(HopfieldRun r) => Enumerable.Range(0, 5).Max(mu => Math.Abs(r.Overlap(mu)));
            using (var quench = new HopfieldRun(500, 5, 0.5, seed: (ulong)(30 + t), patternSeed: 30 + t))
            {
                quench.Converge();
                if (Best(quench) > 0.95) quenched++;
            }
            using var anneal = new HopfieldRun(500, 5, 0.5, seed: (ulong)(30 + t), patternSeed: 30 + t, temperature: 1.2, annealTo: 0.02, annealSteps: 300);
            for (int k = 0; k < 300; k++) anneal.Sweep();
            anneal.Converge();
            if (Best(anneal) > 0.95) annealed++;
        }
        output.WriteLine($"retrieved a pattern: quench {quenched} of {trials}, annealing 1.2 -> 0.02 over 300 sweeps {annealed} of {trials}");
        Assert.True(annealed >= trials - 1, $"annealing retrieved in {annealed} of {trials}");
        Assert.True(annealed > quenched, "annealing did no better than a quench");
    }
}
