using Spiking.Engine;
using Spiking.Units;

namespace Spiking.Plasticity;

/// <summary>
/// Inhibitory STDP of Vogels, Sprekeler, Zenke, Clopath &amp; Gerstner 2011 (Science 334:1569): a
/// symmetric window plus a constant depression at each pre spike,
/// <code>
/// pre spike:  w ← w + η·(x_post − α),   α = 2·ρ0·τ
/// post spike: w ← w + η·x_pre
/// </code>
/// with traces of decay time τ jumping by 1. Any postsynaptic rate above ρ0 strengthens inhibition, any
/// rate below weakens it, so the rate settles at ρ0. Weights are the (positive) inhibitory weights of
/// the projection; bound them with w_min (0 on conductance receptors) and w_max.
/// </summary>
internal sealed class InhibitoryStdp : IPlasticityRule
{
    /// <summary>The instance the registry holds.</summary>
    public static readonly InhibitoryStdp Instance = new();

    /// <inheritdoc/>
    public string Name => "inhibitory_stdp";
    /// <inheritdoc/>
    public string Description => "symmetric inhibitory STDP driving the post rate to rho0 (Vogels et al. 2011)";

    /// <inheritdoc/>
    public IReadOnlyList<PlasticityParameter> Parameters { get; } =
    [
        new("tau", Dimension.Time, 20, "decay time of both traces"),
        new("eta", Dimension.Dimensionless, 1e-3, "learning rate (weight unit per pair)"),
        new("rho0", Dimension.Frequency, 5, "target postsynaptic rate"),
    ];

    /// <inheritdoc/>
    public IReadOnlyList<PlasticityOption> Options { get; } = [];

    /// <inheritdoc/>
    public PlasticityActivity Activity => PlasticityActivity.Spikes;

    /// <inheritdoc/>
    public IEnumerable<string> Validate(PlasticitySettings s, double dt)
    {
        if (!(s["tau"] > 0)) yield return $"tau must be > 0 ms (got {s["tau"]})";
        if (!(s["eta"] >= 0)) yield return $"eta must be >= 0 (got {s["eta"]})";
        if (!(s["rho0"] >= 0)) yield return $"rho0 must be >= 0 Hz (got {s["rho0"]})";
    }

    /// <inheritdoc/>
    public PlasticityRuntime Create(ProjectionState projection, PlasticitySettings settings, double dt) => new InhibitoryStdpRuntime(projection, settings, dt);

    /// <summary>The depression offset α = 2·ρ0·τ (ρ0 in Hz, τ in ms).</summary>
    public static double Alpha(double rho0Hz, double tauMs) => 2 * rho0Hz * tauMs * 1e-3;

    /// <summary>The weight after a pre spike that reads post trace <paramref name="xPost"/>: w + η·(x_post − α).</summary>
    public static double AtPre(double w, double xPost, double eta, double alpha) => w + eta * (xPost - alpha);

    /// <summary>The weight after a post spike that reads pre trace <paramref name="xPre"/>: w + η·x_pre.</summary>
    public static double AtPost(double w, double xPre, double eta) => w + eta * xPre;
}

/// <summary>The per-dt constants of one inhibitory-STDP projection in the time-stepped kernel: the trace factor e^(−dt/τ), η and α.</summary>
internal readonly record struct InhibitoryStdpConstants(double F, double Eta, double Alpha);

/// <summary>inhibitory_stdp's step as a kernel struct (CPU and device): x_pre is the first pre trace, x_post the first post trace; every synapse of a spike changes.</summary>
internal readonly struct InhibitoryStdpKernel(InhibitoryStdpConstants c) : ISpikeRuleKernel
{
    private readonly InhibitoryStdpConstants _c = c;

    /// <inheritdoc/>
    public bool AtPre<TTraces>(TTraces t, int j, int target, ref double w) where TTraces : struct, ISpikeTraces
    {
        w = InhibitoryStdp.AtPre(w, t.Post(target), _c.Eta, _c.Alpha);
        return true;
    }

    /// <inheritdoc/>
    public bool AtPost<TTraces>(TTraces t, int i, int pre, ref double w) where TTraces : struct, ISpikeTraces
    {
        w = InhibitoryStdp.AtPost(w, t.Pre(pre), _c.Eta);
        return true;
    }

    /// <inheritdoc/>
    public void BumpPre<TTraces>(TTraces t, int j) where TTraces : struct, ISpikeTraces => t.SetPre(j, Trace.Bump(t.Pre(j), false));
    /// <inheritdoc/>
    public void BumpPost<TTraces>(TTraces t, int i) where TTraces : struct, ISpikeTraces => t.SetPost(i, Trace.Bump(t.Post(i), false));
}

internal sealed class InhibitoryStdpRuntime : SpikeRuleRuntime<InhibitoryStdpKernel>
{
    private readonly double[] _xPre, _xPost;
    private readonly double _f, _eta, _alpha;

    public InhibitoryStdpRuntime(ProjectionState projection, PlasticitySettings s, double dt) : base(projection, s, dt)
    {
        _f = Trace.Factor(dt, s["tau"]);
        _eta = s["eta"];
        _alpha = InhibitoryStdp.Alpha(s["rho0"], s["tau"]);
        _xPre = new double[projection.Pre.Size];
        _xPost = new double[projection.Post.Size];
        Use(new InhibitoryStdpKernel(Constants), new SpikeTrace(_xPre, _f, true), new SpikeTrace(_xPost, _f, false));
        _ = Columns;
    }

    /// <summary>The constants of the time-stepped rule (for the device backend).</summary>
    internal InhibitoryStdpConstants Constants => new(_f, _eta, _alpha);

    protected internal override void AfterPropagation(long step) => SpikeStep();
}
