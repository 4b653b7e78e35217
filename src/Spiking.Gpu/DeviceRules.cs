using Spiking.Plasticity;

namespace Spiking.Gpu;

/// <summary>
/// reward_stdp (RewardModulatedStdpRuntime's step): Pre0 = x_pre, Post0 = x_post, all-to-all. Spikes
/// change the eligibility only (<see cref="DeviceKernels.RewardDepress"/>, <see cref="DeviceKernels.RewardPotentiate"/>),
/// never a weight directly, so <see cref="AtPre"/> and <see cref="AtPost"/> leave the weight alone.
/// </summary>
internal readonly struct RewardStdpDevice(double aPlus, double aMinus) : ISpikeRuleKernel
{
    private readonly double _aPlus = aPlus, _aMinus = aMinus;

    public double AtPreEligibility(StdpLaunch p, double c, int target) => RewardModulatedStdp.DepressEligibility(c, p.Post0[target], _aMinus);
    public double AtPostEligibility(StdpLaunch p, double c, int pre) => RewardModulatedStdp.PotentiateEligibility(c, p.Pre0[pre], _aPlus);

    public bool AtPre<TTraces>(TTraces p, int j, int target, ref double w) where TTraces : struct, ISpikeTraces => false;
    public bool AtPost<TTraces>(TTraces p, int i, int pre, ref double w) where TTraces : struct, ISpikeTraces => false;
    public void BumpPre<TTraces>(TTraces p, int j) where TTraces : struct, ISpikeTraces => p.SetPre(j, Trace.Bump(p.Pre(j), false));
    public void BumpPost<TTraces>(TTraces p, int i) where TTraces : struct, ISpikeTraces => p.SetPost(i, Trace.Bump(p.Post(i), false));
}

/// <summary>A rate rule (RateRuleRuntime) as the <see cref="DeviceKernels.RateRule{TRule}"/> kernel sees it: Δw from the rule's static math.</summary>
internal interface IDeviceRateRule
{
    /// <summary>Δw of a synapse onto post unit i of weight w, at outputs pre and post.</summary>
    double Change(RateRuleLaunch p, double pre, double post, double w, int i);
}

/// <summary>hebbian: Δw = η·post·pre.</summary>
internal readonly struct HebbianDevice(double eta) : IDeviceRateRule
{
    private readonly double _eta = eta;
    public double Change(RateRuleLaunch p, double pre, double post, double w, int i) => HebbianRule.Change(_eta, pre, post);
}

/// <summary>oja: Δw = η·post·(pre − post·w).</summary>
internal readonly struct OjaDevice(double eta) : IDeviceRateRule
{
    private readonly double _eta = eta;
    public double Change(RateRuleLaunch p, double pre, double post, double w, int i) => OjaRule.Change(_eta, pre, post, w);
}

/// <summary>bcm: Δw = η·post·(post − θ_i)·pre, θ read before this step's update.</summary>
internal readonly struct BcmDevice(double eta) : IDeviceRateRule
{
    private readonly double _eta = eta;
    public double Change(RateRuleLaunch p, double pre, double post, double w, int i) => BcmRule.Change(_eta, pre, post, p.Theta[i]);
}

/// <summary>stdp between rate units (its rate form, PairStdpRuntime.RateStep): Δw = PairStdp.RateChange.</summary>
internal readonly struct PairStdpRateDevice(PairStdpConstants c, double tauPlus, double tauMinus, double dt) : IDeviceRateRule
{
    private readonly PairStdpConstants _c = c;
    private readonly double _tauPlus = tauPlus, _tauMinus = tauMinus, _dt = dt;

    public double Change(RateRuleLaunch p, double pre, double post, double w, int i)
        => PairStdp.RateChange(w, pre, post, _c.APlus, _c.AMinus, _tauPlus, _tauMinus, _c.Multiplicative != 0, _dt);
}
