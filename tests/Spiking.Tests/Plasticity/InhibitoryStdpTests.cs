using Spiking.Engine;
using Spiking.Cpu;
using Xunit.Abstractions;

namespace Spiking.Tests.Plasticity;

/// <summary>
/// Vogels et al. 2011 (Science 334:1569): inhibitory STDP drives a neuron's rate to the target ρ0 —
/// from above (no inhibition at first, the excitatory drive alone makes it fire fast) for two targets.
/// </summary>
public class InhibitoryStdpTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(5.0)]
    [InlineData(10.0)]
    public void Inhibitory_stdp_drives_the_rate_to_the_target(double rho0)
    {
        var spec = PlasticNetworks.Vogels(800, 0.3, 200, rho0, 0.05, 30_000, 0.5);
        var sim = new Simulator(Network.Build(spec), 1);
        var rec = new MemoryRecorder();
        sim.Run(recorder: rec);
        var t = rec.SpikeTimes[0];
        double first = t.Count(x => x < 2000) / 2.0, last = t.Count(x => x > 20_000) / 10.0;
        output.WriteLine($"ρ0 = {rho0} Hz: rate in the first 2 s {first:F1} Hz, in the last 10 s {last:F2} Hz; mean inhibitory weight {sim.Plasticity("syn")!.Weights.Average():F3} nS");
        Assert.True(first > 2 * rho0, "starts far above the target");
        Assert.InRange(last, 0.8 * rho0, 1.2 * rho0);
    }
}
