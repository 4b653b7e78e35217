using Spiking.Cpu;
using Spiking.Description;
using Spiking.Engine;
using Xunit.Abstractions;

namespace Spiking.Tests.Attractor;

/// <summary>
/// The neural integrator: the discrete form v(n+1) = r v(n) + I(n) (rate_linear_discrete) against the
/// sum written out here, and the continuous line attractor (rate_linear units, recurrent weights λ/N)
/// against τ_eff = τ/(1 − λ) (Seung et al. 2000).
/// </summary>
public class IntegratorTests(ITestOutputHelper output)
{
    private static Dictionary<string, double> P(params (string Name, double Value)[] p) => p.ToDictionary(x => x.Name, x => x.Value);

    [Theory]
    [InlineData(1.0)]
    [InlineData(0.9)]
    [InlineData(1.02)]
    public void The_discrete_integrator_sums_a_pulse_train_with_retention_r(double r)
    {
        // 60 pulses of random height at random steps of a 400-step run; between pulses the current is 0.
        var rng = new System.Random(3);
        var drive = new double[400];
        foreach (int k in Enumerable.Range(0, 400).Where(_ => rng.NextDouble() < 0.15)) drive[k] = Math.Round(rng.NextDouble() * 2 - 0.5, 6);
        // The current as steps: a new value at every step where it changes.
        var times = new List<double>(); var amplitudes = new List<double>();
        for (int k = 0; k < 400; k++)
            if (k == 0 || drive[k] != drive[k - 1]) { times.Add(k); amplitudes.Add(drive[k]); }
        var spec = new NetworkSpec(new SimulationSpec(1, 400, Seed: 1, Threads: 1),
            [new PopulationSpec("v", "rate_linear_discrete", 1, P(("retention", r)), new Dictionary<string, ValueSpec>())],
            [], [new CurrentInputSpec("pulses", "v", times, amplitudes)], []);
        var network = Network.Build(spec, 1);
        var v = network.Population("v").Group.Variable("v");
        using var sim = new Simulator(network, 1);
        double expected = 0, worst = 0;
        for (int n = 0; n < 400; n++)
        {
            sim.Run(1);
            expected = r * expected + drive[n];
            worst = Math.Max(worst, Math.Abs(v[0] - expected));
        }
        output.WriteLine($"r = {r}: v(400) = {v[0]:G6}, largest error {worst:E2}");
        Assert.True(worst < 1e-12 * Math.Max(1, Math.Abs(expected)), $"error {worst}");
        if (r == 1.0) Assert.Equal(drive.Sum(), v[0], 1e-12);
    }

    [Theory]
    [InlineData(0.9)]
    [InlineData(0.95)]
    [InlineData(0.99)]
    public void The_line_attractor_drifts_with_tau_over_one_minus_lambda(double lambda)
    {
        // 20 units, τ = 20 ms, dt = 0.1 ms, W = λ/N all to all: the uniform mode has eigenvalue λ. A 10 ms
        // pulse sets the position; the decay of the mean activity from 100 ms after the pulse is fitted.
        const int n = 20;
        const double tau = 20, dt = 0.1;
        double tauEff = tau / (1 - lambda);
        double duration = 10 + 100 + Math.Min(3 * tauEff, 2000);
        var spec = new NetworkSpec(new SimulationSpec(dt, duration, Seed: 1, Threads: 1),
            [new PopulationSpec("x", "rate_linear", n, P(("tau", tau)), new Dictionary<string, ValueSpec>())],
            [new ProjectionSpec("m", "x", "x", "in", new AllToAllConnector(), new ConstantValue(lambda / n), new ConstantValue(0))],
            [new CurrentInputSpec("saccade", "x", [0, 10], [1.0, 0])], []);
        var network = Network.Build(spec, 1);
        var r = network.Population("x").Group.Variable("r");
        using var sim = new Simulator(network, 1);
        sim.Run(110);
        double t0 = sim.Time, m0 = r.Average();
        sim.Run(duration - 110);
        double t1 = sim.Time, m1 = r.Average();
        double fitted = (t1 - t0) / Math.Log(m0 / m1);
        output.WriteLine($"lambda = {lambda}: tau_eff fitted {fitted:F1} ms, theory tau/(1 - lambda) = {tauEff:F1} ms ({100 * (fitted / tauEff - 1):+0.00;-0.00} %)");
        Assert.InRange(fitted / tauEff, 0.95, 1.05);
    }

    [Fact]
    public void The_tuned_line_attractor_holds_each_position_between_saccades()
    {
        // λ = 1 (weights 1/N, 1/16 exact in float): after each pulse the mean activity stays where the pulse left it.
        const int n = 16;
        var spec = new NetworkSpec(new SimulationSpec(0.1, 1000, Seed: 1, Threads: 1),
            [new PopulationSpec("x", "rate_linear", n, P(("tau", 20)), new Dictionary<string, ValueSpec>())],
            [new ProjectionSpec("m", "x", "x", "in", new AllToAllConnector(), new ConstantValue(1.0 / n), new ConstantValue(0))],
            [new CurrentInputSpec("saccades", "x", [0, 10, 250, 260, 500, 510, 750, 760], [1.0, 0, 2.0, 0, -1.5, 0, 0.5, 0])], []);
        var network = Network.Build(spec, 1);
        var r = network.Population("x").Group.Variable("r");
        using var sim = new Simulator(network, 1);
        var held = new List<double>();
        foreach (double end in new[] { 250.0, 500, 750, 1000 })
        {
            sim.Run(end - sim.Time - 190);
            double a = r.Average();
            sim.Run(190);
            double b = r.Average();
            Assert.True(Math.Abs(b - a) < 1e-9, $"drift {b - a} over 190 ms");
            held.Add(b);
        }
        output.WriteLine($"positions held: {string.Join(", ", held.Select(x => x.ToString("F4")))}");
        // Each pulse of height A for 10 ms moves the position by A·10 ms/τ (the integral of the input over τ):
        // 0.5, 1.5, 0.75, 1.0, less the time discretisation (exponential Euler with the recurrent input one
        // step late: about dt/(2τ) = 0.25 % here).
        double[] theory = [0.5, 1.5, 0.75, 1.0];
        for (int k = 0; k < 4; k++) Assert.InRange(held[k] / theory[k], 0.99, 1.0);
    }
}
