using Spiking.Connectors;
using Spiking.Cpu;
using Spiking.Build;
using Spiking.Description;
using Spiking.Engine;
using Spiking.Random;

namespace Spiking.Tests.Lsm;

/// <summary>Noise currents, spike sources and gamma-distributed values.</summary>
public class InputTests
{
    private static readonly Dictionary<string, double> Quiet = new() { ["E_L"] = 0, ["V_th"] = 1e6, ["V_reset"] = 0 };

    /// <summary>Collects the external current of a population after every step's inputs were applied.</summary>
    private static List<double[]> Currents(NetworkSpec spec, string population, int steps)
    {
        var network = Network.Build(spec, 1);
        var group = network.Population(population).Group;
        var seen = new List<double[]>();
        using var sim = new Simulator(network, 1);
        sim.AfterUpdate(_ => seen.Add((double[])group.ExternalCurrent.Clone()));
        sim.Run(steps * spec.Simulation.Dt);
        return seen;
    }

    private static NetworkSpec NoiseSpec(uint trial = 0) => new(
        new SimulationSpec(0.1, 100, 7) { Trial = trial },
        [new PopulationSpec("x", "lif_cuba", 1000, Quiet, new Dictionary<string, ValueSpec>())],
        [],
        [new NoiseInputSpec("noise", "x", 0.5, 2.0), new CurrentInputSpec("bias", "x", [0], [1.0]) { Neurons = [0, 1, 2] }],
        []);

    /// <summary>
    /// 1000 neurons × 200 steps = 2·10⁵ draws of N(0.5, 2²) nA: the sample mean is within 4 standard
    /// errors (4·2/√(2·10⁵) = 0.018 nA) of 0.5 and the sample variance within 2 % of 4 (its standard
    /// error is 4·√(2/2·10⁵) = 0.3 %); consecutive steps are uncorrelated (|r| &lt; 0.01); a constant
    /// current input on the same neurons adds to the noise.
    /// </summary>
    [Fact]
    public void Noise_current_has_the_given_mean_and_variance_per_step()
    {
        var currents = Currents(NoiseSpec(), "x", 200);
        double sum = 0, sumSq = 0, lag = 0;
        long n = 0;
        for (int s = 0; s < currents.Count; s++)
            for (int i = 3; i < 1000; i++)
            {
                double x = currents[s][i] - 0.5;
                sum += x; sumSq += x * x; n++;
                if (s > 0) lag += x * (currents[s - 1][i] - 0.5);
            }
        double mean = sum / n, variance = sumSq / n - mean * mean;
        Assert.InRange(mean, -0.018, 0.018);
        Assert.InRange(variance, 4 * 0.98, 4 * 1.02);
        Assert.InRange(lag / n / variance, -0.01, 0.01);
        double biased = currents.Average(c => (c[0] + c[1] + c[2]) / 3);
        Assert.InRange(biased, 1.5 - 0.15, 1.5 + 0.15); // 600 draws: standard error 0.08
    }

    [Fact]
    public void Noise_repeats_with_the_seed_and_differs_between_trials()
    {
        var a = Currents(NoiseSpec(), "x", 5);
        var b = Currents(NoiseSpec(), "x", 5);
        var c = Currents(NoiseSpec(trial: 3), "x", 5);
        Assert.Equal(a[4], b[4]);
        Assert.NotEqual(a[4], c[4]);
    }

    [Fact]
    public void Spike_source_units_fire_at_their_given_times()
    {
        var spec = new NetworkSpec(new SimulationSpec(0.1, 20, 1),
            [new PopulationSpec("in", "spike_source", 3, new Dictionary<string, double>(), new Dictionary<string, ValueSpec>())
            {
                SpikeTimes = [[1.0, 5.0, 5.02], [], [0.0, 19.9]],
            }],
            [], [], [new SpikeMonitorSpec("in")]);
        var network = Network.Build(spec, 1);
        using var sim = new Simulator(network, 1);
        var memory = new MemoryRecorder();
        sim.Run(null, memory);
        var times = memory.SpikeTimes[0];
        var ids = memory.SpikeIds[0];
        // Stamps on the step grid: 5.0 and 5.02 fall in one step and count once; 0 is stamped at dt.
        var expected = new (double, int)[] { (0.1, 2), (1.0, 0), (5.0, 0), (19.9, 2) };
        Assert.Equal(expected.Length, times.Count);
        for (int k = 0; k < expected.Length; k++)
        {
            Assert.Equal(expected[k].Item1, times[k], 9);
            Assert.Equal(expected[k].Item2, ids[k]);
        }
    }

    /// <summary>10⁵ draws of gamma(mean 30, sd 30) and gamma(mean −19, sd 9.5): sample mean within 1 % and sd within 2 %; the negative one never positive.</summary>
    [Fact]
    public void Gamma_values_have_the_given_mean_and_standard_deviation()
    {
        foreach (var (mean, sd) in new[] { (30.0, 30.0), (-19.0, 9.5), (5.0, 10.0) })
        {
            var spec = new GammaValue(mean, sd);
            var x = new double[100_000];
            for (int k = 0; k < x.Length; k++)
            {
                var rng = new PhiloxStream(3, StreamKind.Connectivity, 0, (uint)k);
                x[k] = SynapseValues.Draw(spec, ref rng);
            }
            double m = x.Average(), s = Math.Sqrt(x.Sum(v => (v - m) * (v - m)) / (x.Length - 1));
            Assert.InRange(m, mean - 0.01 * Math.Abs(mean) - 4 * sd / Math.Sqrt(x.Length), mean + 0.01 * Math.Abs(mean) + 4 * sd / Math.Sqrt(x.Length));
            Assert.InRange(s, sd * 0.98, sd * 1.02);
            Assert.True(mean < 0 ? x.All(v => v <= 0) : x.All(v => v >= 0));
        }
    }

    [Fact]
    public void Noise_spike_sources_and_gamma_values_are_validated()
    {
        var spec = new NetworkSpec(new SimulationSpec(0.1, 10) { Mode = SimulationMode.Event },
            [
                new PopulationSpec("x", "lif_cuba", 2, Quiet, new Dictionary<string, ValueSpec>()) { SpikeTimes = [[1.0]] },
                new PopulationSpec("in", "spike_source", 1, new Dictionary<string, double>(), new Dictionary<string, ValueSpec>()) { SpikeTimes = [[1.0], [-2.0]] },
            ],
            [new ProjectionSpec("p", "in", "x", "exc", new AllToAllConnector(), new GammaValue(1, -1), new ConstantValue(1))],
            [new NoiseInputSpec("n", "x", double.NaN, -1)],
            []);
        var errors = NetworkValidator.Validate(spec);
        Assert.Contains(errors, e => e.Path == "populations[0].spike_times" && e.Message.Contains("only spike_source"));
        Assert.Contains(errors, e => e.Path == "populations[1].spike_times" && e.Message.Contains("2 spike trains for 1 units"));
        Assert.Contains(errors, e => e.Path == "populations[1].spike_times" && e.Message.Contains(">= 0 ms"));
        Assert.Contains(errors, e => e.Path == "projections[0].weight" && e.Message.Contains("gamma"));
        Assert.Contains(errors, e => e.Path == "inputs[0].mean");
        Assert.Contains(errors, e => e.Path == "inputs[0].sd");
        Assert.Contains(errors, e => e.Path == "inputs[0].kind" && e.Message.Contains("time-stepped"));
    }

    [Fact]
    public void Trial_is_read_from_the_model_file()
    {
        var spec = Spiking.IO.ModelFiles.ModelFileReader.Parse("[simulation]\ndt = \"0.1 ms\"\nduration = \"1 ms\"\ntrial = 3\n[[populations]]\nname = \"a\"\nmodel = \"lif_cuba\"\nsize = 1\n", "t.toml");
        Assert.Equal(3u, spec.Simulation.Trial);
        Assert.NotEqual(spec.Simulation.Seed, spec.Simulation.DynamicsSeed);
        Assert.Equal(spec.Simulation.Seed, (spec.Simulation with { Trial = 0 }).DynamicsSeed);
    }
}
