using Spiking.Description;
using Spiking.Cpu;
using Spiking.Engine;
using Spiking.Models;
using Xunit.Abstractions;
using static Spiking.Tests.Binary.BinarySpecs;

namespace Spiking.Tests.Binary;

/// <summary>
/// The stochastic binary units against their definitions: firing fractions against σ, amplitudes
/// against N(0, τ_x²), a coupled pair against the exact distribution of its parallel-update Markov
/// chain, and reproducibility for any thread count.
/// </summary>
public class BinaryUnitTests(ITestOutputHelper output)
{
    /// <summary>
    /// 500 binary_sigmoid units (b = −0.3, T = 0.7) driven by a rate_input unit held at 0.8 through
    /// weights 1.5: from step 1 on I = 1.2, so every unit's p must be σ((1.2 − 0.3)/0.7) to 1e-12 and the
    /// fraction of h = 1 over 399 steps × 500 units (independent Bernoulli draws) must lie within 4.5
    /// binomial standard deviations of it. In step 0 nothing has arrived yet: p = σ(b/T).
    /// </summary>
    [Fact]
    public void Binary_sigmoid_under_constant_input_turns_on_with_probability_sigma_of_input_plus_bias_over_T()
    {
        const int size = 500, steps = 400;
        const double bias = -0.3, temperature = 0.7, u = 0.8, w = 1.5;
        var spec = new NetworkSpec(new SimulationSpec(1, steps, 7, 1),
            [Population("u", "rate_input", 1), Population("b", "binary_sigmoid", size, ("bias", bias), ("temperature", temperature))],
            [new ProjectionSpec("in", "u", "b", "in", new AllToAllConnector(), new ConstantValue(w), new ConstantValue(0))],
            [Hold("one", "u", u)], []);
        var net = Network.Build(spec);
        using var sim = new Simulator(net, 1);
        var group = net.Population("b").Group;
        var p = group.Variable("p"); var h = group.Variable("h");
        double expected = Sigma((w * u + bias) / temperature);
        long on = 0, samples = 0;
        sim.AfterUpdate(n =>
        {
            double want = n == 0 ? Sigma(bias / temperature) : expected;
            for (int i = 0; i < size; i++)
            {
                Assert.Equal(want, p[i], 1e-12);
                Assert.True(h[i] is 0 or 1);
                Assert.Same(h, group.Output); // the output is h itself
            }
            if (n == 0) return;
            for (int i = 0; i < size; i++) on += (long)h[i];
            samples += size;
        });
        sim.Run();
        double fraction = (double)on / samples, sd = Math.Sqrt(expected * (1 - expected) / samples);
        output.WriteLine($"fraction on {fraction:F5}, σ((I + b)/T) = {expected:F5}, {Math.Abs(fraction - expected) / sd:F2} sd apart ({samples} draws)");
        Assert.InRange(fraction, expected - 4.5 * sd, expected + 4.5 * sd);
    }

    /// <summary>
    /// A recurrent network of 6000 binary units (two update chunks) with random weights: every unit's
    /// output (h, or h·x) in every one of 30 steps is the same on 1 and 2 threads and in a rerun.
    /// </summary>
    [Theory]
    [InlineData("binary_sigmoid")]
    [InlineData("binary_gated")]
    public void Binary_units_run_bit_identically_for_any_thread_count(string model)
    {
        List<double[]> Run(int threads)
        {
            var spec = new NetworkSpec(new SimulationSpec(1, 30, 11, threads),
                [Population("b", model, 6000, ("bias", -0.2))],
                [new ProjectionSpec("rec", "b", "b", "in", new FixedProbabilityConnector(0.01), new NormalValue(0, 0.6), new ConstantValue(0))],
                [], []);
            var net = Network.Build(spec, threads);
            using var sim = new Simulator(net, threads);
            var outputs = net.Population("b").Group.Output!;
            var states = new List<double[]>();
            sim.AfterUpdate(_ => states.Add(outputs.ToArray()));
            sim.Run();
            return states;
        }
        var one = Run(1); var two = Run(2); var again = Run(1);
        double mean = one.Skip(1).Average(s => s.Average(v => v != 0 ? 1.0 : 0.0));
        output.WriteLine($"{model}: mean fraction on {mean:F4}");
        Assert.InRange(mean, 0.05, 0.95); // the units do switch
        for (int n = 0; n < one.Count; n++)
        {
            Assert.Equal(one[n], two[n]);
            Assert.Equal(one[n], again[n]);
        }
    }

    /// <summary>
    /// 2000 free binary_gated units without input (b = 0.4, τ_x = 1.7), 200 steps: the fraction of open
    /// gates is σ(0.4) within 4.5 binomial sd; x has mean 0 within 4.5 τ_x/√n and its sample variance
    /// s² satisfies (n − 1)s²/τ_x² ~ χ²(n − 1), within 4.5·√(2(n − 1)) of n − 1; the output is h·x exactly.
    /// </summary>
    [Fact]
    public void Binary_gated_free_run_opens_gates_at_sigma_b_and_draws_x_with_variance_tau_x_squared()
    {
        const int size = 2000, steps = 200;
        const double bias = 0.4, tauX = 1.7;
        var spec = new NetworkSpec(new SimulationSpec(1, steps, 3, 1),
            [Population("g", "binary_gated", size, ("bias", bias), ("tau_x", tauX))], [], [], []);
        var net = Network.Build(spec);
        using var sim = new Simulator(net, 1);
        var group = net.Population("g").Group;
        var h = group.Variable("h"); var x = group.Variable("x"); var hx = group.Variable("hx"); var p = group.Variable("p");
        long on = 0, n = 0;
        double sx = 0, sxx = 0;
        sim.AfterUpdate(_ =>
        {
            for (int i = 0; i < size; i++)
            {
                Assert.Equal(h[i] * x[i], group.Output![i]);
                Assert.Equal(hx[i], group.Output![i]);
                Assert.Equal(Sigma(bias), p[i], 1e-15);
                on += (long)h[i];
                sx += x[i]; sxx += x[i] * x[i];
            }
            n += size;
        });
        sim.Run();
        double pOn = Sigma(bias), fraction = (double)on / n, sdOn = Math.Sqrt(pOn * (1 - pOn) / n);
        double mean = sx / n, s2 = (sxx - n * mean * mean) / (n - 1);
        double chi = (n - 1) * s2 / (tauX * tauX);
        output.WriteLine($"gates open {fraction:F5} (σ(b) {pOn:F5}); x mean {mean:F5}, variance {s2:F5} (τ_x² {tauX * tauX:F5}), χ² z = {(chi - (n - 1)) / Math.Sqrt(2.0 * (n - 1)):F2}");
        Assert.InRange(fraction, pOn - 4.5 * sdOn, pOn + 4.5 * sdOn);
        Assert.InRange(mean, -4.5 * tauX / Math.Sqrt(n), 4.5 * tauX / Math.Sqrt(n));
        Assert.InRange(chi, (n - 1) - 4.5 * Math.Sqrt(2.0 * (n - 1)), (n - 1) + 4.5 * Math.Sqrt(2.0 * (n - 1)));
    }

    /// <summary>
    /// A Boltzmann-style pair under parallel update: 20000 independent pairs (unit a of population A,
    /// unit a of B) coupled symmetrically, w_AB = w_BA = 1.5, biases −0.5 and 0.3. The pair is a Markov
    /// chain on (h_A, h_B) with P(h_A' = 1) = σ(w·h_B + b_A), P(h_B' = 1) = σ(w·h_A + b_B), drawn
    /// independently; starting from (0, 0), its exact distribution after k + 1 transitions (step k) is
    /// computed here from the 4 × 4 transition matrix. The empirical joint frequencies at steps 1 and 25
    /// must match it within 4.5 binomial sd per state.
    /// </summary>
    [Fact]
    public void Symmetric_pair_under_parallel_update_follows_the_exact_distribution_of_its_markov_chain()
    {
        const int pairs = 20000;
        const double w = 1.5, bA = -0.5, bB = 0.3;
        var spec = new NetworkSpec(new SimulationSpec(1, 26, 5, 1),
            [Population("A", "binary_sigmoid", pairs, ("bias", bA)), Population("B", "binary_sigmoid", pairs, ("bias", bB))],
            [
                new ProjectionSpec("ab", "A", "B", "in", new OneToOneConnector(), new ConstantValue(w), new ConstantValue(0)),
                new ProjectionSpec("ba", "B", "A", "in", new OneToOneConnector(), new ConstantValue(w), new ConstantValue(0)),
            ], [], []);
        var net = Network.Build(spec);
        using var sim = new Simulator(net, 1);
        var hA = net.Population("A").Group.Variable("h"); var hB = net.Population("B").Group.Variable("h");
        var counts = new Dictionary<long, long[]>();
        sim.AfterUpdate(n =>
        {
            if (n is not (1 or 25)) return;
            var c = counts[n] = new long[4];
            for (int i = 0; i < pairs; i++) c[2 * (int)hA[i] + (int)hB[i]]++;
        });
        sim.Run();

        // Exact distribution: state index 2·h_A + h_B.
        var dist = new double[] { 1, 0, 0, 0 };
        for (int step = 0; step <= 25; step++)
        {
            var next = new double[4];
            for (int s = 0; s < 4; s++)
            {
                int a = s >> 1, b = s & 1;
                double pa = Sigma(w * b + bA), pb = Sigma(w * a + bB);
                next[0] += dist[s] * (1 - pa) * (1 - pb);
                next[1] += dist[s] * (1 - pa) * pb;
                next[2] += dist[s] * pa * (1 - pb);
                next[3] += dist[s] * pa * pb;
            }
            dist = next;
            if (step is not (1 or 25)) continue;
            for (int s = 0; s < 4; s++)
            {
                double f = (double)counts[step][s] / pairs, sd = Math.Sqrt(dist[s] * (1 - dist[s]) / pairs);
                output.WriteLine($"step {step}, (h_A, h_B) = ({s >> 1}, {s & 1}): {f:F4}, exact {dist[s]:F4}");
                Assert.InRange(f, dist[s] - 4.5 * sd, dist[s] + 4.5 * sd);
            }
        }
    }

    private sealed class HalfGate : IGatedInference
    {
        public void Infer(long step, ReadOnlySpan<double> priorLogits, Span<double> h, Span<double> x) => h.Fill(0.5);
    }

    [Fact]
    public void Inference_hook_that_sets_a_gate_other_than_0_or_1_stops_the_run_with_a_message()
    {
        var spec = new NetworkSpec(new SimulationSpec(1, 5, 1, 1), [Population("g", "binary_gated", 3)], [], [], []);
        using var sim = new Simulator(Network.Build(spec), 1);
        sim.SetInference("g", new HalfGate());
        var ex = Assert.Throws<InvalidOperationException>(() => sim.Run());
        Assert.Contains("h[0] = 0.5", ex.Message);
    }

    [Fact]
    public void Inference_hook_on_a_population_that_is_not_binary_is_refused()
    {
        var spec = new NetworkSpec(new SimulationSpec(1, 5, 1, 1), [Population("r", "rate_esn", 3)], [], [], []);
        var net = Network.Build(spec);
        var ex = Assert.Throws<ArgumentException>(() => net.SetInference("r", new HalfGate()));
        Assert.Contains("rate_esn", ex.Message);
    }
}
