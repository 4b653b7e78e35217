using Spiking.Cpu;
using Spiking.Description;
using Spiking.Engine;
using Xunit.Abstractions;

namespace Spiking.Tests.Attractor;

/// <summary>
/// Gibbs sampling of a Boltzmann machine (Ackley, Hinton &amp; Sejnowski 1985) by boltzmann units: the
/// histogram of 10⁶ sweeps against the exact distribution p(s) = exp(−E(s)/T)/Z, E = −½ sᵀWs − bᵀs,
/// enumerated over all 2^N states here from the same weights.
/// </summary>
public class BoltzmannSamplingTests(ITestOutputHelper output)
{
    private const int N = 10;

    /// <summary>Symmetric weights (zero diagonal) and biases, uniform in [−1, 1], from a fixed System.Random.</summary>
    private static (double[,] W, double[] B) Machine(int seed)
    {
        var rng = new System.Random(seed);
        var w = new double[N, N];
        var b = new double[N];
        for (int i = 0; i < N; i++)
        {
            b[i] = Math.Round(2 * rng.NextDouble() - 1, 3);
            for (int j = 0; j < i; j++) w[i, j] = w[j, i] = Math.Round(2 * rng.NextDouble() - 1, 3); // 3 decimals: float stores them closely, both directions alike
        }
        return (w, b);
    }

    /// <summary>Exact p(s) over states s = bits of the index (unit i = bit i), with the float weights the network holds.</summary>
    private static double[] Exact(double[,] w, double[] b, double temperature)
    {
        var p = new double[1 << N];
        double max = double.NegativeInfinity;
        for (int k = 0; k < p.Length; k++)
        {
            double e = 0;
            for (int i = 0; i < N; i++)
            {
                if ((k >> i & 1) == 0) continue;
                e -= (float)b[i];
                for (int j = 0; j < i; j++) if ((k >> j & 1) == 1) e -= (float)w[i, j];
            }
            p[k] = -e / temperature;
            max = Math.Max(max, p[k]);
        }
        double z = 0;
        for (int k = 0; k < p.Length; k++) z += p[k] = Math.Exp(p[k] - max);
        for (int k = 0; k < p.Length; k++) p[k] /= z;
        return p;
    }

    [Theory]
    [InlineData(1.0, 11, true)]
    [InlineData(0.5, 12, true)]
    [InlineData(1.0, 11, false)]
    public void Sampled_states_follow_the_exact_Boltzmann_distribution_only_under_sequential_update(double temperature, int seed, bool asynchronous)
    {
        var (w, b) = Machine(seed);
        var pairs = new List<(int Pre, int Post)>();
        for (int j = 0; j < N; j++) for (int i = 0; i < N; i++) if (i != j) pairs.Add((j, i));
        const int burnIn = 100, samples = 1_000_000;
        // Biases as an external field: one always-on rate_input unit onto receptor "ext" (it arrives from step 1 on).
        var spec = new NetworkSpec(new SimulationSpec(1, burnIn + samples, Seed: (ulong)seed, Threads: 1),
            [
                new PopulationSpec("bm", "boltzmann", N, new Dictionary<string, double> { ["temperature"] = temperature, ["asynchronous"] = asynchronous ? 1 : 0 }, new Dictionary<string, ValueSpec>()),
                new PopulationSpec("one", "rate_input", 1, new Dictionary<string, double>(), new Dictionary<string, ValueSpec>()),
            ],
            [
                new ProjectionSpec("w", "bm", "bm", "in", new ExplicitConnector(pairs.Select(p => p.Pre).ToArray(), pairs.Select(p => p.Post).ToArray()), new ConstantValue(0), new ConstantValue(0)),
                new ProjectionSpec("b", "one", "bm", "ext", new AllToAllConnector(), new ConstantValue(0), new ConstantValue(0)),
            ],
            [new CurrentInputSpec("on", "one", [0], [1.0])], []);
        var network = Network.Build(spec, 1);
        var table = network.Projections[0].Synapses;
        for (int j = 0; j < N; j++)
            for (long k = table.RowStart[j]; k < table.RowStart[j + 1]; k++) table.Weight[k] = (float)w[table.Target[k], j];
        var bias = network.Projections[1].Synapses;
        for (long k = 0; k < bias.Count; k++) bias.Weight[k] = (float)b[bias.Target[k]];

        var counts = new long[1 << N];
        var s = network.Population("bm").Group.Variable("s");
        using var sim = new Simulator(network, 1);
        sim.AfterUpdate(step =>
        {
            if (step < burnIn) return;
            int k = 0;
            for (int i = 0; i < N; i++) if (s[i] == 1) k |= 1 << i;
            counts[k]++;
        });
        sim.Run();

        var p = Exact(w, b, temperature);
        double kl = 0, klReverse = 0;
        for (int k = 0; k < p.Length; k++)
        {
            double q = counts[k] / (double)samples;
            if (q > 0) kl += q * Math.Log(q / p[k]);
            if (q > 0) klReverse += p[k] * Math.Log(p[k] / q);
        }
        int visited = counts.Count(c => c > 0);
        output.WriteLine($"T = {temperature}, {(asynchronous ? "sequential" : "parallel")}: KL(sampled || exact) = {kl:E3} nats, KL(exact || sampled, visited states) = {klReverse:E3}, {visited} of {p.Length} states visited, max p = {p.Max():F4}");
        if (asynchronous)
        {
            Assert.True(kl < 0.005, $"KL = {kl}");
            Assert.True(kl > 0); // a histogram of 10⁶ correlated sweeps is never exact
        }
        else
        {
            // The control: updating every unit at once from the previous state is not Gibbs sampling of
            // this machine (its chain has another stationary distribution), and the test sees it.
            Assert.True(kl > 0.02, $"parallel update gave KL = {kl}");
        }
    }
}
