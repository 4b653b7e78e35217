using Spiking.Description;
using Spiking.Cpu;
using Spiking.Engine;

namespace Spiking.Tests.Rate;

/// <summary>The continuous-time rate unit against its solutions under a constant drive.</summary>
public class RateUnitTests
{
    [Theory]
    [InlineData(0.0)] // exponential Euler: the exact solution x(t) = I (1 − e^(−t/τ))
    [InlineData(1.0)] // forward Euler: x_n = I (1 − (1 − dt/τ)^n)
    public void Rate_tanh_under_a_constant_drive_follows_its_solution(double euler)
    {
        double dt = 1, tau = 10, drive = 0.8;
        var spec = new NetworkSpec(
            new SimulationSpec(dt, 60, 1, 1),
            [
                new PopulationSpec("u", "rate_input", 1, new Dictionary<string, double>(), new Dictionary<string, ValueSpec>()),
                new PopulationSpec("x", "rate_tanh", 1, new Dictionary<string, double> { ["tau"] = tau, ["euler"] = euler }, new Dictionary<string, ValueSpec>()),
            ],
            [new ProjectionSpec("w", "u", "x", "in", new AllToAllConnector(), new ConstantValue(1), new ConstantValue(0))],
            [new CurrentInputSpec("drive", "u", [0.0], [drive])],
            [new StateMonitorSpec("x", ["x", "r"], dt)]);
        var rec = new MemoryRecorder();
        using var sim = new Simulator(Network.Build(spec));
        sim.Run(recorder: rec);
        double k = euler == 1 ? 1 - dt / tau : Math.Exp(-dt / tau);
        // The sample at the start of step m holds x after step m − 1; the drive, sent in step 0,
        // acts from step 1 on, so x after step m − 1 has integrated it for m − 1 steps.
        for (int m = 1; m < rec.StateValues[0].Count; m++)
        {
            double expected = drive * (1 - Math.Pow(k, m - 1));
            Assert.Equal(expected, rec.StateValues[0][m][0], 12);
            Assert.Equal(Math.Tanh(expected), rec.StateValues[0][m][1], 12);
        }
    }

    [Fact]
    public void Forward_euler_with_dt_not_below_tau_is_rejected()
    {
        var spec = new NetworkSpec(new SimulationSpec(1, 10, 1, 1),
            [new PopulationSpec("x", "rate_tanh", 1, new Dictionary<string, double> { ["tau"] = 1, ["euler"] = 1 }, new Dictionary<string, ValueSpec>())], [], [], []);
        var ex = Assert.Throws<SpecException>(() => Network.Build(spec));
        Assert.Contains(ex.Errors, e => e.Message.Contains("forward Euler needs dt < tau"));
    }
}
