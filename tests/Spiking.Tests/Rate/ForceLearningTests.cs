using Spiking.Description;
using Spiking.Cpu;
using Spiking.Engine;
using Spiking.Readouts;
using Spiking.Tasks;
using Xunit.Abstractions;

namespace Spiking.Tests.Rate;

/// <summary>
/// FORCE learning (Sussillo &amp; Abbott 2009): a chaotic rate network (g = 1.5, p = 0.1, τ = 10 ms,
/// α = 1) whose readout z is fed back through random weights is trained by RLS on a sum of four
/// sines, then runs with frozen weights on its own output.
/// </summary>
public class ForceLearningTests(ITestOutputHelper output)
{
    internal static NetworkSpec ForceNetwork(int n, double p, double g, ulong seed)
        => new(
            new SimulationSpec(1.0, 0, seed, 1),
            [
                new PopulationSpec("res", "rate_tanh", n, new Dictionary<string, double> { ["tau"] = 10 }, new Dictionary<string, ValueSpec> { ["x"] = new NormalValue(0, 0.5) }),
                new PopulationSpec("z", "rate_input", 1, new Dictionary<string, double>(), new Dictionary<string, ValueSpec>()),
            ],
            [
                new ProjectionSpec("J", "res", "res", "in", new FixedProbabilityConnector(p) { AllowAutapses = false }, new NormalValue(0, g / Math.Sqrt(p * n)), new ConstantValue(0)),
                new ProjectionSpec("feedback", "z", "res", "in", new AllToAllConnector(), new UniformValue(-1, 1), new ConstantValue(0)),
            ],
            [], []);

    [Fact]
    public void Force_trained_network_reproduces_four_sines_for_ten_periods_with_frozen_weights()
    {
        const int n = 1000, period = 1200; // N = 1000 as in the paper; 300 or 500 units drift out of phase within 10 periods
        using var sim = new Simulator(Network.Build(ForceNetwork(n, 0.1, 1.5, 4)));
        var loop = new FeedbackLoop(sim, "res", "z", new LinearReadout(n, 1));
        loop.SetOutput([0.5]);
        var rls = new RecursiveLeastSquares(loop.Readout, alpha: 1.0);
        long step = 0;
        var target = new double[1];
        int trainSteps = 12 * period; // 1440 τ of training, as in the paper
        var trainZ = new List<double>(); var trainF = new List<double>();
        for (; step < trainSteps; step++)
        {
            target[0] = TimeSeries.FourSines((step + 1) * 1.0);
            trainZ.Add(loop.Step(step % 2 == 0 ? rls : null, target));
            trainF.Add(target[0]);
        }
        output.WriteLine($"training, last period NRMSE {TimeSeries.Nrmse(trainZ.TakeLast(period).ToList(), trainF.TakeLast(period).ToList()):F4}");
        var z = new List<double>(); var f = new List<double>();
        for (int k = 0; k < 10 * period; k++, step++)
        {
            z.Add(loop.Step());
            f.Add(TimeSeries.FourSines((step + 1) * 1.0));
        }
        double nrmse = TimeSeries.Nrmse(z, f);
        double lastPeriod = TimeSeries.Nrmse(z.TakeLast(period).ToList(), f.TakeLast(period).ToList());
        output.WriteLine($"FORCE, N = {n}: NRMSE over 10 free-running periods {nrmse:F4} (last period {lastPeriod:F4})");
        Assert.True(nrmse <= 0.1, $"NRMSE {nrmse}");
    }
}
