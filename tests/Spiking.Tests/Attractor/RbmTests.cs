using Spiking.Cpu;
using System.Text.Json;
using Spiking.Description;
using Spiking.Engine;
using Spiking.Plasticity;
using Xunit.Abstractions;

namespace Spiking.Tests.Attractor;

/// <summary>
/// A restricted Boltzmann machine on the kernel: boltzmann units updated by index (visible, hidden, bias
/// unit), bipartite synapses, boltzmann_learning with method cd (CD-1, Hinton 2002) and pcd (PCD-1,
/// Tieleman 2008) on bars and stripes 3×3, against an independent NumPy implementation of the same
/// training (benchmarks/compare/rbm_bas_cd.py, its results in rbm_bas_cd.json). The exact
/// log-likelihood uses the free energy over all 2⁹ visible states.
/// </summary>
public class RbmTests(ITestOutputHelper output)
{
    private const int V = 9, H = 8, Units = V + H + 1;

    private static double LogLikelihood(Spiking.Connectors.SynapseTable table, double[][] data)
    {
        var w = new double[Units, Units];
        for (int j = 0; j < Units; j++)
            for (long k = table.RowStart[j]; k < table.RowStart[j + 1]; k++) w[table.Target[k], j] = table.Weight[k];
        int bias = Units - 1;
        double MinusF(double[] v)
        {
            double sum = 0;
            for (int i = 0; i < V; i++) sum += v[i] * w[i, bias];
            for (int h = V; h < V + H; h++)
            {
                double x = w[h, bias];
                for (int i = 0; i < V; i++) x += v[i] * w[h, i];
                sum += x > 0 ? x + Math.Log(1 + Math.Exp(-x)) : Math.Log(1 + Math.Exp(x));
            }
            return sum;
        }
        var all = Enumerable.Range(0, 1 << V).Select(c => Enumerable.Range(0, V).Select(i => (double)(c >> i & 1)).ToArray()).Select(MinusF).ToArray();
        double max = all.Max(), logZ = max + Math.Log(all.Sum(x => Math.Exp(x - max)));
        return data.Average(v => MinusF(v) - logZ);
    }

    private static double Train(string method, double eta, ulong seed, int epochs)
    {
        var pre = new List<int>(); var post = new List<int>();
        void Both(int a, int b) { pre.Add(a); post.Add(b); pre.Add(b); post.Add(a); }
        for (int i = 0; i < V; i++) for (int h = V; h < V + H; h++) Both(i, h);
        for (int u = 0; u < V + H; u++) Both(u, Units - 1);
        var rule = new PlasticitySpec("boltzmann_learning",
            new Dictionary<string, double> { ["eta"] = eta, ["visible"] = V, ["k"] = 1 },
            new Dictionary<string, string> { ["method"] = method });
        var spec = new NetworkSpec(new SimulationSpec(1, 1, Seed: seed, Threads: 1),
            [new PopulationSpec("rbm", "boltzmann", Units, new Dictionary<string, double> { ["order"] = 1 }, new Dictionary<string, ValueSpec>())],
            [new ProjectionSpec("w", "rbm", "rbm", "in", new ExplicitConnector(pre, post), new ConstantValue(0), new ConstantValue(0)) { Plasticity = rule }],
            [], []);
        var network = Network.Build(spec, 1);
        using var sim = new Simulator(network, 1);
        var learning = (BoltzmannLearningRuntime)sim.Plasticity("w")!;
        Assert.Equal(28, learning.EpochSteps); // 14 images × (1 clamped + 1 free sweep)
        sim.Run(epochs * learning.EpochSteps);
        Assert.Equal(epochs, learning.Epochs);
        return LogLikelihood(network.Projections[0].Synapses, learning.Data);
    }

    [Theory]
    [InlineData("cd")]
    [InlineData("pcd")]
    public void Contrastive_divergence_trains_an_RBM_to_the_log_likelihood_of_a_NumPy_implementation(string method)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(Core.RepoPaths.Root, "benchmarks", "compare", "rbm_bas_cd.json")));
        var root = json.RootElement;
        double eta = root.GetProperty("eta").GetProperty(method).GetDouble();
        int epochs = root.GetProperty("epochs").GetInt32();
        var reference = root.GetProperty(method);
        double numpyMean = reference.GetProperty("mean").EnumerateArray().Last().GetDouble();
        double numpyMin = reference.GetProperty("min").EnumerateArray().Last().GetDouble();
        double numpyMax = reference.GetProperty("max").EnumerateArray().Last().GetDouble();
        var ll = new List<double>();
        for (ulong seed = 1; seed <= 4; seed++) ll.Add(Train(method, eta, seed, epochs));
        double start = -V * Math.Log(2); // all weights 0: every visible state has p = 2⁻⁹
        output.WriteLine($"{method}: log-likelihood per image after {epochs} epochs, seeds 1-4: {string.Join(", ", ll.Select(x => x.ToString("F3")))} (mean {ll.Average():F3}); NumPy, 8 seeds: mean {numpyMean:F3}, range {numpyMin:F3} to {numpyMax:F3}; start {start:F3}");
        Assert.All(ll, x => Assert.True(x > start + 1.5, $"log-likelihood {x} barely above the start {start}"));
        // The kernel's chains and NumPy's draw different random numbers: the means of 4 and 8 trained
        // machines, whose spread is about 1 nat, must agree within 0.5 nats.
        Assert.InRange(ll.Average(), numpyMean - 0.5, numpyMean + 0.5);
    }
}
