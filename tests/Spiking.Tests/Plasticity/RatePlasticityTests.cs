using Spiking.Description;
using Spiking.Cpu;
using Spiking.Engine;
using Spiking.Plasticity;
using Xunit.Abstractions;

namespace Spiking.Tests.Plasticity;

/// <summary>Rate forms of the rules: the pair-STDP rate reduction, and Hebbian, Oja and BCM on rate units.</summary>
public class RatePlasticityTests(ITestOutputHelper output)
{
    /// <summary>
    /// Kempter, Gerstner &amp; van Hemmen 1999: for uncorrelated Poisson trains the mean drift of pair STDP
    /// (all-to-all) is ν_pre·ν_post·(A+τ+ − A−τ−). 1000 independent 20 Hz sources onto one independent
    /// 20 Hz source (the poisson_source ignores its input), 20 s at dt = 1 ms; the mean weight change
    /// equals PairStdp.RateDrift at the measured rates (with the grid factor) within 3 %.
    /// </summary>
    [Fact]
    public void Pair_stdp_on_uncorrelated_poisson_trains_drifts_at_the_rate_formula()
    {
        const double T = 20_000, aPlus = 1e-3, aMinus = 0.5e-3, tau = 20;
        var rule = new PlasticitySpec("stdp", new Dictionary<string, double> { ["A_plus"] = aPlus, ["A_minus"] = aMinus, ["tau_plus"] = tau, ["tau_minus"] = tau }, new Dictionary<string, string>());
        var spec = new NetworkSpec(new SimulationSpec(1, T, 3, 1),
            [
                new PopulationSpec("pre", "poisson_source", 1000, new Dictionary<string, double> { ["rate"] = 20 }, new Dictionary<string, ValueSpec>()),
                new PopulationSpec("post", "poisson_source", 1, new Dictionary<string, double> { ["rate"] = 20 }, new Dictionary<string, ValueSpec>()),
            ],
            [new ProjectionSpec("syn", "pre", "post", "in", new AllToAllConnector(), new ConstantValue(0), new ConstantValue(0)) { Plasticity = rule }],
            [], [new SpikeMonitorSpec("pre"), new SpikeMonitorSpec("post")]);
        var sim = new Simulator(Network.Build(spec), 1);
        var rec = new MemoryRecorder();
        sim.Run(recorder: rec);
        double nuPre = rec.SpikeTimes[0].Count / 1000.0 / (T / 1000), nuPost = rec.SpikeTimes[1].Count / (T / 1000);
        double mean = sim.Plasticity("syn")!.Weights.Average();
        // On a 1 ms grid, pairs in the same step do not interact and the window is summed at k·dt:
        // Σ_{k≥1} e^(−k·dt/τ)·dt = dt/(e^(dt/τ) − 1) instead of τ (0.975 τ here), the same factor on both sides.
        double grid = 1 / (Math.Exp(1 / tau) - 1) / tau;
        double expected = PairStdp.RateDrift(nuPre, nuPost, aPlus, aMinus, tau, tau) * T * grid;
        output.WriteLine($"ν_pre {nuPre:F2} Hz, ν_post {nuPost:F2} Hz: mean Δw {mean:F5}, rate formula {expected:F5} (ratio {mean / expected:F3})");
        Assert.InRange(mean / expected, 0.97, 1.03);
    }

    /// <summary>
    /// Rate mode: two rate_input units (outputs 1 and 0.5) onto one rate_esn unit (leak 1, bias 0.3).
    /// After every step, each weight must have changed by the rule's formula applied to the outputs the
    /// two populations hold (replayed here independently), and the rate form of pair STDP by
    /// ν_pre·ν_post·(A+τ+ − A−τ−)·dt.
    /// </summary>
    [Theory]
    [InlineData("hebbian")]
    [InlineData("oja")]
    [InlineData("bcm")]
    [InlineData("stdp")]
    public void Rate_rules_change_weights_by_their_formula(string ruleName)
    {
        const double eta = 0.01, dt = 1;
        var p = new Dictionary<string, double>();
        if (ruleName != "stdp") p["eta"] = eta;
        if (ruleName == "bcm") { p["tau_theta"] = 10; p["theta0"] = 0.1; }
        var spec = new NetworkSpec(new SimulationSpec(dt, 50, 1, 1),
            [
                new PopulationSpec("u", "rate_input", 2, new Dictionary<string, double>(), new Dictionary<string, ValueSpec>()),
                new PopulationSpec("y", "rate_esn", 1, new Dictionary<string, double> { ["leak"] = 1, ["bias"] = 0.3 }, new Dictionary<string, ValueSpec>()),
            ],
            [new ProjectionSpec("syn", "u", "y", "in", new AllToAllConnector(), new ConstantValue(0.2), new ConstantValue(0)) { Plasticity = new PlasticitySpec(ruleName, p, new Dictionary<string, string>()) }],
            [new CurrentInputSpec("a", "u", [0], [1.0]) { Neurons = [0] }, new CurrentInputSpec("b", "u", [0], [0.5]) { Neurons = [1] }],
            []);
        var net = Network.Build(spec);
        var sim = new Simulator(net, 1);
        var rule = sim.Plasticity("syn")!;
        var pre = net.Population("u").Group.Output!; var post = net.Population("y").Group.Output!;
        double theta = 0.1, gain = 1 - Math.Exp(-dt / 10);
        var w = new double[] { 0.2f, 0.2f }; // the rule starts from the float32 table's weights
        for (int n = 0; n < 50; n++)
        {
            sim.Run(dt);
            double y = post[0];
            for (int j = 0; j < 2; j++)
            {
                double x = pre[j];
                w[j] += ruleName switch
                {
                    "hebbian" => eta * y * x,
                    "oja" => eta * y * (x - y * w[j]),
                    "bcm" => eta * y * (y - theta) * x,
                    _ => x * y * (0.01 * 20 - 0.0105 * 20) * 1e-6 * dt,
                };
                Assert.Equal(w[j], rule.Weights[j], 1e-14);
            }
            theta += (y * y - theta) * gain;
        }
        output.WriteLine($"{ruleName}: w after 50 steps {rule.Weights[0]:F6}, {rule.Weights[1]:F6}");
    }
}
