using Spiking.Plasticity;

namespace Spiking.Gpu;

/// <summary>
/// A spiking learning rule as the plasticity kernels see it: a plain struct holding the rule's per-dt
/// constants, whose methods call the rule's shared math (<see cref="PairStdp.Depress"/> and the like)
/// on the traces of <see cref="StdpLaunch"/>. Kernels take it as a generic struct parameter, so ILGPU
/// specialises them per rule without virtual calls. Each method returns false where the CPU rule
/// leaves the synapse alone (no store, so no clipping either).
/// </summary>
internal interface IDeviceSpikeRule
{
    /// <summary>Presynaptic neuron j fired: the new weight <paramref name="w"/> of its synapse onto <paramref name="target"/>.</summary>
    bool AtPre(StdpLaunch p, int j, int target, ref double w);

    /// <summary>Postsynaptic neuron i fired: the new weight <paramref name="w"/> of its synapse from <paramref name="pre"/>.</summary>
    bool AtPost(StdpLaunch p, int i, int pre, ref double w);

    /// <summary>After the weight updates: the traces of a spiking pre (post) neuron jump.</summary>
    void BumpPre(StdpLaunch p, int j);
    void BumpPost(StdpLaunch p, int i);
}

/// <summary>stdp (PairStdpRuntime's time-stepped step): Pre0 = x_pre, Post0 = x_post.</summary>
internal readonly struct PairStdpDevice(PairStdpConstants c) : IDeviceSpikeRule
{
    private readonly PairStdpConstants _c = c;

    public bool AtPre(StdpLaunch p, int j, int target, ref double w)
    {
        double x = p.Post0[target];
        if (x == 0) return false;
        w = PairStdp.Depress(w, x, _c.AMinus, _c.Multiplicative != 0);
        return true;
    }

    public bool AtPost(StdpLaunch p, int i, int pre, ref double w)
    {
        double x = p.Pre0[pre];
        if (x == 0) return false;
        w = PairStdp.Potentiate(w, x, _c.APlus);
        return true;
    }

    public void BumpPre(StdpLaunch p, int j) => p.Pre0[j] = Trace.Bump(p.Pre0[j], _c.Nearest != 0);
    public void BumpPost(StdpLaunch p, int i) => p.Post0[i] = Trace.Bump(p.Post0[i], _c.Nearest != 0);
}

/// <summary>triplet_stdp (TripletStdpRuntime's step): Pre0 = r1, Pre1 = r2, Post0 = o1, Post1 = o2.</summary>
internal readonly struct TripletStdpDevice(TripletStdpConstants c) : IDeviceSpikeRule
{
    private readonly TripletStdpConstants _c = c;

    public bool AtPre(StdpLaunch p, int j, int target, ref double w)
    {
        double o1 = p.Post0[target];
        if (o1 == 0) return false;
        w = TripletStdp.Depress(w, o1, p.Pre1[j], _c.A2Minus, _c.A3Minus);
        return true;
    }

    public bool AtPost(StdpLaunch p, int i, int pre, ref double w)
    {
        double r1 = p.Pre0[pre];
        if (r1 == 0) return false;
        w = TripletStdp.Potentiate(w, r1, p.Post1[i], _c.A2Plus, _c.A3Plus);
        return true;
    }

    public void BumpPre(StdpLaunch p, int j)
    {
        bool nearest = _c.Nearest != 0;
        p.Pre0[j] = Trace.Bump(p.Pre0[j], nearest);
        p.Pre1[j] = Trace.Bump(p.Pre1[j], nearest);
    }

    public void BumpPost(StdpLaunch p, int i)
    {
        bool nearest = _c.Nearest != 0;
        p.Post0[i] = Trace.Bump(p.Post0[i], nearest);
        p.Post1[i] = Trace.Bump(p.Post1[i], nearest);
    }
}

/// <summary>inhibitory_stdp (InhibitoryStdpRuntime's step): Pre0 = x_pre, Post0 = x_post; every synapse of a spike changes.</summary>
internal readonly struct InhibitoryStdpDevice(InhibitoryStdpConstants c) : IDeviceSpikeRule
{
    private readonly InhibitoryStdpConstants _c = c;

    public bool AtPre(StdpLaunch p, int j, int target, ref double w)
    {
        w = InhibitoryStdp.AtPre(w, p.Post0[target], _c.Eta, _c.Alpha);
        return true;
    }

    public bool AtPost(StdpLaunch p, int i, int pre, ref double w)
    {
        w = InhibitoryStdp.AtPost(w, p.Pre0[pre], _c.Eta);
        return true;
    }

    public void BumpPre(StdpLaunch p, int j) => p.Pre0[j] = Trace.Bump(p.Pre0[j], false);
    public void BumpPost(StdpLaunch p, int i) => p.Post0[i] = Trace.Bump(p.Post0[i], false);
}

/// <summary>
/// reward_stdp (RewardModulatedStdpRuntime's step): Pre0 = x_pre, Post0 = x_post, all-to-all. Spikes
/// change the eligibility only (<see cref="DeviceKernels.RewardDepress"/>, <see cref="DeviceKernels.RewardPotentiate"/>),
/// never a weight directly, so <see cref="AtPre"/> and <see cref="AtPost"/> leave the weight alone.
/// </summary>
internal readonly struct RewardStdpDevice(double aPlus, double aMinus) : IDeviceSpikeRule
{
    private readonly double _aPlus = aPlus, _aMinus = aMinus;

    public double AtPreEligibility(StdpLaunch p, double c, int target) => RewardModulatedStdp.DepressEligibility(c, p.Post0[target], _aMinus);
    public double AtPostEligibility(StdpLaunch p, double c, int pre) => RewardModulatedStdp.PotentiateEligibility(c, p.Pre0[pre], _aPlus);

    public bool AtPre(StdpLaunch p, int j, int target, ref double w) => false;
    public bool AtPost(StdpLaunch p, int i, int pre, ref double w) => false;
    public void BumpPre(StdpLaunch p, int j) => p.Pre0[j] = Trace.Bump(p.Pre0[j], false);
    public void BumpPost(StdpLaunch p, int i) => p.Post0[i] = Trace.Bump(p.Post0[i], false);
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
