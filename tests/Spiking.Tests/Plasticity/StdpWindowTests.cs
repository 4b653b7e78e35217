using Spiking.Plasticity;
using Xunit.Abstractions;
using static Spiking.Tests.Plasticity.PairingNetworks;

namespace Spiking.Tests.Plasticity;

/// <summary>
/// The STDP window measured by the pairing protocol on the time-stepped kernel: one pre and one post
/// spike per synapse, Δt = t_post − t_pre from −100 to +100 ms in 1 ms steps (dt = 0.1 ms, so every Δt
/// is on the grid), all 201 pairings in one run. Reference: the rule's formula (PairStdp.Window),
/// A+ exp(−Δt/τ+) for Δt &gt; 0, −A− exp(Δt/τ−) for Δt &lt; 0, 0 at Δt = 0 (Song, Miller &amp; Abbott 2000).
/// </summary>
public class StdpWindowTests(ITestOutputHelper output)
{
    private const double Dt = 0.1, T0 = 150, APlus = 0.01, AMinus = 0.0105, TauPlus = 16.8, TauMinus = 33.7;

    private static (double[] DeltaT, double[] Dw) Measure(string pairing, string update, double w0)
    {
        var deltas = Enumerable.Range(-100, 201).Select(d => (double)d).ToArray();
        var pre = deltas.Select(_ => new[] { T0 }).ToArray();
        var post = deltas.Select(d => new[] { T0 + d }).ToArray();
        var rule = Rule("stdp",
            new() { ["tau_plus"] = TauPlus, ["tau_minus"] = TauMinus, ["A_plus"] = APlus, ["A_minus"] = AMinus, ["w_min"] = update == "additive" ? double.NegativeInfinity : 0 },
            new() { ["pairing"] = pairing, ["update"] = update });
        var (w, rec, _) = Run(Pairs(Dt, 300, pre, post, rule, w0));
        Assert.Equal(201, rec.SpikeIds[0].Count);
        Assert.Equal(201, rec.SpikeIds[1].Count);
        return (deltas, w.Select(x => x - w0).ToArray());
    }

    [Theory]
    [InlineData("all")]
    [InlineData("nearest")]
    public void Pair_stdp_window_from_pairing_protocol_equals_formula(string pairing)
    {
        var (deltas, dw) = Measure(pairing, "additive", 0);
        double worst = 0;
        for (int k = 0; k < deltas.Length; k++)
            worst = Math.Max(worst, Math.Abs(dw[k] - PairStdp.Window(deltas[k], APlus, AMinus, TauPlus, TauMinus)));
        output.WriteLine($"{pairing}: max |Δw − W(Δt)| = {worst:E2} over Δt = −100..100 ms; W(+10) = {dw[110]:F8}, W(−10) = {dw[90]:F8}");
        Assert.True(worst < 1e-6, $"max deviation {worst}");
        Assert.Equal(0.0, dw[100]); // Δt = 0: traces are read before they jump
    }

    [Fact]
    public void Multiplicative_depression_scales_with_the_weight()
    {
        const double w0 = 0.5;
        var (deltas, dw) = Measure("all", "multiplicative", w0);
        double worst = 0;
        for (int k = 0; k < deltas.Length; k++)
        {
            double d = deltas[k];
            double expected = d > 0 ? APlus * Math.Exp(-d / TauPlus) : d < 0 ? -AMinus * w0 * Math.Exp(d / TauMinus) : 0;
            worst = Math.Max(worst, Math.Abs(dw[k] - expected));
        }
        output.WriteLine($"multiplicative: max deviation {worst:E2}");
        Assert.True(worst < 1e-6, $"max deviation {worst}");
    }

    /// <summary>
    /// Two pre spikes 10 and 30 ms before one post spike: all-to-all pairing sums both pairs,
    /// nearest-spike pairing counts only the nearest (Morrison et al. 2008, Fig. 7).
    /// </summary>
    [Fact]
    public void Nearest_pairing_counts_only_the_nearest_pre_spike()
    {
        double[][] pre = [[T0 - 30, T0 - 10]], post = [[T0]];
        var p = new Dictionary<string, double> { ["tau_plus"] = TauPlus, ["tau_minus"] = TauMinus, ["A_plus"] = APlus, ["A_minus"] = AMinus };
        var all = Run(Pairs(Dt, 200, pre, post, Rule("stdp", p, new() { ["pairing"] = "all" }))).Weights[0];
        var nearest = Run(Pairs(Dt, 200, pre, post, Rule("stdp", p, new() { ["pairing"] = "nearest" }))).Weights[0];
        // The second pre spike also depresses by the post trace, which is 0 before the post spike.
        Assert.Equal(APlus * (Math.Exp(-10 / TauPlus) + Math.Exp(-30 / TauPlus)), all, 1e-12);
        Assert.Equal(APlus * Math.Exp(-10 / TauPlus), nearest, 1e-12);
    }

    [Fact]
    public void Hard_bounds_clip_the_weight()
    {
        double[][] pre = Enumerable.Range(0, 50).Select(k => 10.0 + 20 * k).ToArray() is var t ? [t] : [];
        double[][] post = [t.Select(x => x + 5).ToArray()];
        var rule = Rule("stdp", new() { ["A_plus"] = 0.1, ["A_minus"] = 0.0, ["w_max"] = 0.3, ["w_min"] = 0 });
        var w = Run(Pairs(Dt, 1100, pre, post, rule)).Weights[0];
        Assert.Equal(0.3, w, 15);
    }
}
