using Spiking.Engine;
using Spiking.Units;

namespace Spiking.Plasticity;

/// <summary>
/// Reward-modulated STDP with eligibility traces (Izhikevich 2007, "Solving the distal reward problem
/// through linkage of STDP and dopamine signaling", Cereb Cortex 17:2443, eq. 1–2):
/// <code>
/// dc/dt = −c/τc + STDP(Δt)·δ(t − t_pre/post)     (pair STDP with traces, all-to-all, as PairStdp)
/// dd/dt = −d/τd + reward(t)                       (reward added from the C# API: AddReward)
/// dw/dt = c·d
/// </code>
/// STDP pairings change only the eligibility c; the weight moves only while d ≠ 0. Between steps c and
/// d decay exponentially, so the weight change over a step is integrated exactly:
/// ∫ c0·d0·e^(−t/τc − t/τd) dt = c0·d0·τ'(1 − e^(−dt/τ')), 1/τ' = 1/τc + 1/τd.
/// </summary>
internal sealed class RewardModulatedStdp : IPlasticityRule
{
    /// <summary>The instance the registry holds.</summary>
    public static readonly RewardModulatedStdp Instance = new();

    /// <inheritdoc/>
    public string Name => "reward_stdp";
    /// <inheritdoc/>
    public string Description => "dopamine-modulated STDP with eligibility traces, dw/dt = c*d (Izhikevich 2007)";

    /// <inheritdoc/>
    public IReadOnlyList<PlasticityParameter> Parameters { get; } =
    [
        new("tau_plus", Dimension.Time, 20, "decay time of the presynaptic trace"),
        new("tau_minus", Dimension.Time, 20, "decay time of the postsynaptic trace"),
        new("A_plus", Dimension.Dimensionless, 1.0, "eligibility per pre-before-post pair at Δt → 0+"),
        new("A_minus", Dimension.Dimensionless, 1.5, "eligibility removed per post-before-pre pair at Δt → 0−"),
        new("tau_c", Dimension.Time, 1000, "decay time of the eligibility trace"),
        new("tau_d", Dimension.Time, 200, "decay time of the dopamine (reward) concentration"),
    ];

    /// <inheritdoc/>
    public IReadOnlyList<PlasticityOption> Options { get; } = [];

    /// <inheritdoc/>
    public PlasticityActivity Activity => PlasticityActivity.Spikes;

    /// <inheritdoc/>
    public IEnumerable<string> Validate(PlasticitySettings s, double dt)
    {
        foreach (var n in new[] { "tau_plus", "tau_minus", "tau_c", "tau_d" })
            if (!(s[n] > 0)) yield return $"{n} must be > 0 ms (got {s[n]})";
        foreach (var n in new[] { "A_plus", "A_minus" })
            if (!(s[n] >= 0)) yield return $"{n} must be >= 0 (got {s[n]})";
    }

    /// <inheritdoc/>
    public PlasticityRuntime Create(ProjectionState projection, PlasticitySettings settings, double dt) => new RewardModulatedStdpRuntime(projection, settings, dt);

    /// <summary>∫0^interval e^(−t/τc − t/τd) dt: the weight change per unit c0·d0 over an interval.</summary>
    public static double ProductIntegral(double interval, double tauC, double tauD)
    {
        double tau = 1.0 / (1.0 / tauC + 1.0 / tauD);
        return tau * (1 - Math.Exp(-interval / tau));
    }

    /// <summary>Synapse of eligibility c over one step at gain g = d·k: its new weight (before clipping), w + c·g.</summary>
    public static double Rewarded(double w, double c, double gain) => w + c * gain;

    /// <summary>A presynaptic spike lowers the eligibility by A−·x_post.</summary>
    public static double DepressEligibility(double c, double xPost, double aMinus) => c - aMinus * xPost;

    /// <summary>A postsynaptic spike raises the eligibility by A+·x_pre.</summary>
    public static double PotentiateEligibility(double c, double xPre, double aPlus) => c + aPlus * xPre;
}

/// <summary>The state of a <see cref="RewardModulatedStdp"/> projection; <see cref="AddReward"/> is the reward input.</summary>
internal sealed class RewardModulatedStdpRuntime : PlasticityRuntime
{
    private readonly double[] _xPre, _xPost, _c;
    private readonly double _fPre, _fPost, _fc, _fd, _k, _aPlus, _aMinus;

    internal RewardModulatedStdpRuntime(ProjectionState projection, PlasticitySettings s, double dt) : base(projection, s, dt)
    {
        _fPre = Trace.Factor(dt, s["tau_plus"]); _fPost = Trace.Factor(dt, s["tau_minus"]);
        _fc = Trace.Factor(dt, s["tau_c"]); _fd = Trace.Factor(dt, s["tau_d"]);
        _k = RewardModulatedStdp.ProductIntegral(dt, s["tau_c"], s["tau_d"]);
        _aPlus = s["A_plus"]; _aMinus = s["A_minus"];
        _xPre = new double[projection.Pre.Size];
        _xPost = new double[projection.Post.Size];
        _c = new double[projection.Synapses.Weight.Length];
        _ = Columns;
    }

    /// <summary>Dopamine concentration d (1/ms).</summary>
    public double Dopamine { get; private set; }

    /// <summary>Eligibility per synapse.</summary>
    public ReadOnlySpan<double> Eligibility => _c;

    /// <summary>Adds <paramref name="amount"/> to the dopamine concentration d now (a reward; negative for punishment).</summary>
    public void AddReward(double amount) => Dopamine += amount;

    /// <summary>Per-step factors of the pre, post and eligibility traces, the dopamine's, the step's product integral, A+ and A−.</summary>
    internal (double FPre, double FPost, double Fc, double Fd, double K, double APlus, double AMinus) Constants => (_fPre, _fPost, _fc, _fd, _k, _aPlus, _aMinus);

    internal double[] PreTraceArray => _xPre;
    internal double[] PostTraceArray => _xPost;
    internal double[] EligibilityArray => _c;

    /// <summary>
    /// The step's reward: whether d ≠ 0 (the weights move), the gain d·k the weights move by, and d
    /// decays by one step. The CPU step and the device backend (which keeps d on the host, so that
    /// <see cref="AddReward"/> between runs works on both) both take it from here.
    /// </summary>
    internal bool AdvanceDopamine(out double gain)
    {
        double d = Dopamine;
        gain = d * _k;
        Dopamine = d * _fd;
        return d != 0;
    }

    /// <inheritdoc/>
    protected internal override void AfterPropagation(long step)
    {
        // Over the step: weights follow c·d, then c and d decay (both exactly).
        if (AdvanceDopamine(out double g))
        {
            for (int s = 0; s < _c.Length; s++)
                if (_c[s] != 0) Store(s, RewardModulatedStdp.Rewarded(Weights[s], _c[s], g));
        }
        Trace.DecayAll(_c, _fc);

        // At the step's end: this step's spikes change the eligibility (traces read before their jumps).
        var pre = Projection.Pre; var post = Projection.Post;
        Trace.DecayAll(_xPre, _fPre);
        Trace.DecayAll(_xPost, _fPost);
        var rowStart = Projection.Synapses.RowStart; var target = Projection.Synapses.Target;
        for (int k = 0; k < pre.SpikeCount; k++)
        {
            int j = pre.SpikeBuffer[k];
            for (int s = (int)rowStart[j], e = (int)rowStart[j + 1]; s < e; s++) _c[s] = RewardModulatedStdp.DepressEligibility(_c[s], _xPost[target[s]], _aMinus);
        }
        var cols = Columns;
        for (int k = 0; k < post.SpikeCount; k++)
        {
            int i = post.SpikeBuffer[k];
            for (int c = cols.Start[i], e = cols.Start[i + 1]; c < e; c++) { int syn = cols.Synapse[c]; _c[syn] = RewardModulatedStdp.PotentiateEligibility(_c[syn], _xPre[cols.Pre[c]], _aPlus); }
        }
        for (int k = 0; k < pre.SpikeCount; k++) _xPre[pre.SpikeBuffer[k]] = Trace.Bump(_xPre[pre.SpikeBuffer[k]], false);
        for (int k = 0; k < post.SpikeCount; k++) _xPost[post.SpikeBuffer[k]] = Trace.Bump(_xPost[post.SpikeBuffer[k]], false);
    }
}
