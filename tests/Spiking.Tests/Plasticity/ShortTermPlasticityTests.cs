using Spiking.Engine;
using Spiking.Cpu;
using Spiking.Plasticity;
using Xunit.Abstractions;
using static Spiking.Tests.Plasticity.PairingNetworks;

namespace Spiking.Tests.Plasticity;

/// <summary>
/// Tsodyks–Markram short-term plasticity: the released fraction u·x of each spike of a regular train,
/// read from the rule in double, equals the analytic recursion of NEST's tsodyks2_synapse (written
/// out below, independently of ShortTermPlasticity.Release) to 1e-9, and the weight that propagates is
/// w·u·x (to float precision, the table being float32).
/// </summary>
public class ShortTermPlasticityTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("pre", 0.5, 800.0, 0.0, 20.0)]      // depressing (NEST defaults)
    [InlineData("synapse", 0.1, 100.0, 500.0, 20.0)] // facilitating (Markram et al. 1998)
    [InlineData("pre", 0.2, 300.0, 50.0, 50.0)]
    public void Release_per_spike_follows_the_tsodyks_markram_recursion(string per, double bigU, double tauRec, double tauFac, double rateHz)
    {
        const double dt = 0.1, w = 2.0, t0 = 10;
        double isi = 1000 / rateHz;
        var times = Enumerable.Range(0, 15).Select(k => t0 + k * isi).ToArray();
        var rule = Rule("tsodyks_markram", new() { ["U"] = bigU, ["tau_rec"] = tauRec, ["tau_fac"] = tauFac }, new() { ["per"] = per });
        var spec = Pairs(dt, times[^1] + 10, [times], [[]], rule, w);
        var net = Network.Build(spec);
        var sim = new Simulator(net, 1);
        var stp = (ShortTermPlasticityRuntime)sim.Plasticity("syn")!;
        var pre = net.Population("pre");
        var measured = new List<double>();
        long steps = (long)Math.Round(spec.Simulation.Duration / dt);
        for (long n = 0; n < steps; n++)
        {
            sim.Run(dt);
            if (pre.LastSpikes.Length == 0) continue;
            measured.Add(stp.LastRelease[0]);
            Assert.Equal((float)(w * stp.LastRelease[0]), net.Projections[0].Synapses.Weight[0]);
        }
        Assert.Equal(times.Length, measured.Count);

        // u_{n+1} = U + u_n (1 − U) e^(−h/τfac),  x_{n+1} = 1 + (x_n − u_n x_n − 1) e^(−h/τrec),  amplitude u_{n+1} x_{n+1};
        // first spike: u = U, x = 1.
        double u = bigU, x = 1, worst = 0;
        for (int k = 0; k < times.Length; k++)
        {
            if (k > 0)
            {
                double fac = tauFac > 0 ? Math.Exp(-isi / tauFac) : 0;
                double xn = 1 + (x - u * x - 1) * Math.Exp(-isi / tauRec);
                u = bigU + u * (1 - bigU) * fac;
                x = xn;
            }
            worst = Math.Max(worst, Math.Abs(measured[k] - u * x));
        }
        output.WriteLine($"per {per}, U {bigU}, τrec {tauRec}, τfac {tauFac}, {rateHz} Hz: amplitudes {string.Join(", ", measured.Take(5).Select(a => a.ToString("F5")))} …; max deviation {worst:E2}");
        Assert.True(worst < 1e-9, $"max deviation {worst}");
    }
}
