using Spiking.Cpu;
using Spiking.Description;
using Spiking.Engine;
using Spiking.Plasticity;
using Xunit.Abstractions;

namespace Spiking.Tests.Attractor;

/// <summary>
/// The Boltzmann learning rule (Ackley, Hinton &amp; Sejnowski 1985) on bars and stripes 3×3 (14 images):
/// 9 visible, 3 hidden and one bias unit. The exact log-likelihood of the data, Σ_v log Σ_h p(v, h), is
/// computed here by enumerating all 2¹² states from the weights the network holds.
/// </summary>
public class BoltzmannLearningTests(ITestOutputHelper output)
{
    private const int Visible = 9, Hidden = 3, Units = Visible + Hidden + 1;

    /// <summary>Mean log-likelihood per image (nats) of <paramref name="data"/> under the machine with weights from <paramref name="table"/>.</summary>
    internal static double LogLikelihood(Spiking.Connectors.SynapseTable table, double[][] data)
    {
        var w = new double[Units, Units];
        for (int j = 0; j < Units; j++)
            for (long k = table.RowStart[j]; k < table.RowStart[j + 1]; k++) w[table.Target[k], j] = table.Weight[k];
        int free = Visible + Hidden;
        var logWeight = new double[1 << free]; // −E of each state, the bias unit (last) at 1
        for (int code = 0; code < logWeight.Length; code++)
        {
            double minusE = 0;
            for (int i = 0; i < Units; i++)
            {
                bool si = i == Units - 1 || (code >> i & 1) == 1;
                if (!si) continue;
                for (int j = 0; j < i; j++)
                    if (j == Units - 1 || (code >> j & 1) == 1) minusE += w[i, j];
            }
            logWeight[code] = minusE;
        }
        double logZ = LogSumExp(logWeight);
        double total = 0;
        foreach (var image in data)
        {
            int v = 0;
            for (int i = 0; i < Visible; i++) if (image[i] == 1) v |= 1 << i;
            var terms = new double[1 << Hidden];
            for (int h = 0; h < terms.Length; h++) terms[h] = logWeight[v | h << Visible];
            total += LogSumExp(terms) - logZ;
        }
        return total / data.Length;
    }

    private static double LogSumExp(double[] x)
    {
        double max = x.Max(), sum = 0;
        foreach (double a in x) sum += Math.Exp(a - max);
        return max + Math.Log(sum);
    }

    [Fact]
    public void Learning_bars_and_stripes_raises_the_exact_log_likelihood()
    {
        var rule = new PlasticitySpec("boltzmann_learning",
            new Dictionary<string, double> { ["eta"] = 1.0, ["visible"] = Visible, ["phase_sweeps"] = 20, ["burn_in"] = 2 },
            new Dictionary<string, string>());
        var spec = new NetworkSpec(new SimulationSpec(1, 1, Seed: 2, Threads: 1),
            [new PopulationSpec("bm", "boltzmann", Units, new Dictionary<string, double>(), new Dictionary<string, ValueSpec>())],
            [new ProjectionSpec("w", "bm", "bm", "in", new AllToAllConnector { AllowAutapses = false }, new ConstantValue(0), new ConstantValue(0)) { Plasticity = rule }],
            [], []);
        var network = Network.Build(spec, 1);
        using var sim = new Simulator(network, 1);
        var learning = (BoltzmannLearningRuntime)sim.Plasticity("w")!;
        var table = network.Projections[0].Synapses;
        Assert.Equal(14, learning.Data.Length);
        var ll = new List<double> { LogLikelihood(table, learning.Data) };
        Assert.Equal(-9 * Math.Log(2), ll[0], 1e-12); // w = 0: every visible state has p = 2⁻⁹
        const int epochs = 150;
        for (int e = 0; e < epochs; e++)
        {
            sim.Run(learning.EpochSteps);
            ll.Add(LogLikelihood(table, learning.Data));
        }
        Assert.Equal(epochs, learning.Epochs);
        // Monotone up to noise: means over blocks of 15 epochs rise, each by more than the largest fall.
        var blocks = Enumerable.Range(0, 10).Select(b => ll.Skip(1 + 15 * b).Take(15).Average()).ToArray();
        output.WriteLine($"log-likelihood per image (nats): start {ll[0]:F3}, block means {string.Join(", ", blocks.Select(x => x.ToString("F3")))}, final {ll[^1]:F3}; optimum log(1/14) = {Math.Log(1.0 / 14):F3}");
        for (int b = 1; b < 5; b++) Assert.True(blocks[b] > blocks[b - 1], $"block {b} mean {blocks[b]} not above {blocks[b - 1]}");
        Assert.True(ll[^1] > ll[0] + 2.0, $"final {ll[^1]}");
        Assert.True(blocks[^1] > blocks[4] - 0.1, "the log-likelihood fell in the second half");
    }
}
