using Spiking.Engine;
using Spiking.Cpu;
using Spiking.Plasticity;
using static Spiking.Tests.Plasticity.PairingNetworks;

namespace Spiking.Tests.Plasticity;

/// <summary>
/// Reward-modulated STDP (Izhikevich 2007): pre-before-post pairings (Δt = +10 ms, 10 pairs at 10 Hz)
/// build eligibility; the weight moves only when dopamine arrives. With a reward after the pairings the
/// weight grows by ∫c·d dt; without reward it stays exactly where it was.
/// </summary>
public class RewardModulatedStdpTests
{
    private static (Simulator Sim, RewardModulatedStdpRuntime Rule) Paired()
    {
        var pre = Enumerable.Range(0, 10).Select(k => 20.0 + 100 * k).ToArray();
        var spec = Pairs(0.1, 1000, [pre], [pre.Select(t => t + 10).ToArray()], Rule("reward_stdp"), w0: 0.5);
        var sim = new Simulator(Network.Build(spec), 1);
        sim.Run(); // the pairings
        return (sim, (RewardModulatedStdpRuntime)sim.Plasticity("syn")!);
    }

    [Fact]
    public void Reward_after_pre_before_post_pairings_increases_the_weight()
    {
        var (sim, rule) = Paired();
        double c = rule.Eligibility[0];
        Assert.True(c > 0, $"eligibility after pre-before-post pairings should be positive, got {c}");
        Assert.Equal(0.5, rule.Weights[0], 15);
        rule.AddReward(0.01);
        sim.Run(2000);
        // Expected: c(t) and d(t) decay exponentially after the reward (no spikes any more):
        // Δw = c0·d0·τ'·(1 − e^(−T/τ')), τ' = 1/(1/τc + 1/τd) with τc = 1000 ms, τd = 200 ms.
        double expected = c * 0.01 * RewardModulatedStdp.ProductIntegral(2000, 1000, 200);
        Assert.True(rule.Weights[0] > 0.5);
        Assert.Equal(0.5 + expected, rule.Weights[0], 1e-12);
    }

    [Fact]
    public void Without_reward_the_weight_does_not_change()
    {
        var (sim, rule) = Paired();
        sim.Run(2000);
        Assert.NotEqual(0.0, rule.Eligibility[0]);
        Assert.Equal(0.5, rule.Weights[0]);
    }
}
