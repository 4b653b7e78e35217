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
public sealed class InhibitoryStdp : IPlasticityRule
{
    public static readonly InhibitoryStdp Instance = new();

    public string Name => "inhibitory_stdp";
    public string Description => "symmetric inhibitory STDP driving the post rate to rho0 (Vogels et al. 2011)";

    public IReadOnlyList<PlasticityParameter> Parameters { get; } =
    [
        new("tau", Dimension.Time, 20, "decay time of both traces"),
        new("eta", Dimension.Dimensionless, 1e-3, "learning rate (weight unit per pair)"),
        new("rho0", Dimension.Frequency, 5, "target postsynaptic rate"),
    ];

    public IReadOnlyList<PlasticityOption> Options { get; } = [];

    public PlasticityActivity Activity => PlasticityActivity.Spikes;

    public IEnumerable<string> Validate(PlasticitySettings s, double dt)
    {
        if (!(s["tau"] > 0)) yield return $"tau must be > 0 ms (got {s["tau"]})";
        if (!(s["eta"] >= 0)) yield return $"eta must be >= 0 (got {s["eta"]})";
        if (!(s["rho0"] >= 0)) yield return $"rho0 must be >= 0 Hz (got {s["rho0"]})";
    }

    public PlasticityRuntime Create(ProjectionState projection, PlasticitySettings settings, double dt) => new InhibitoryStdpRuntime(projection, settings, dt);

    /// <summary>The depression offset α = 2·ρ0·τ (ρ0 in Hz, τ in ms).</summary>
    public static double Alpha(double rho0Hz, double tauMs) => 2 * rho0Hz * tauMs * 1e-3;

    /// <summary>The weight after a pre spike that reads post trace <paramref name="xPost"/>: w + η·(x_post − α).</summary>
    public static double AtPre(double w, double xPost, double eta, double alpha) => w + eta * (xPost - alpha);

    /// <summary>The weight after a post spike that reads pre trace <paramref name="xPre"/>: w + η·x_pre.</summary>
    public static double AtPost(double w, double xPre, double eta) => w + eta * xPre;
}

/// <summary>The per-dt constants of one inhibitory-STDP projection in the time-stepped kernel: the trace factor e^(−dt/τ), η and α.</summary>
public readonly record struct InhibitoryStdpConstants(double F, double Eta, double Alpha);

internal sealed class InhibitoryStdpRuntime : PlasticityRuntime
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
        _ = Columns;
    }

    /// <summary>The constants of the time-stepped rule (for the device backend).</summary>
    internal InhibitoryStdpConstants Constants => new(_f, _eta, _alpha);

    /// <summary>The trace arrays, which the device backend uploads and writes back after a run.</summary>
    internal double[] PreTraceArray => _xPre;
    internal double[] PostTraceArray => _xPost;

    protected internal override void AfterPropagation(long step)
    {
        var pre = Projection.Pre; var post = Projection.Post;
        Trace.DecayAll(_xPre, _f);
        Trace.DecayAll(_xPost, _f);
        var rowStart = Projection.Synapses.RowStart; var target = Projection.Synapses.Target;
        var w = Weights;
        for (int k = 0; k < pre.SpikeCount; k++)
        {
            int j = pre.SpikeBuffer[k];
            for (int s = (int)rowStart[j], e = (int)rowStart[j + 1]; s < e; s++)
                Store(s, InhibitoryStdp.AtPre(w[s], _xPost[target[s]], _eta, _alpha));
        }
        var cols = Columns;
        for (int k = 0; k < post.SpikeCount; k++)
        {
            int i = post.SpikeBuffer[k];
            for (int c = cols.Start[i], e = cols.Start[i + 1]; c < e; c++)
            {
                int s = cols.Synapse[c];
                Store(s, InhibitoryStdp.AtPost(w[s], _xPre[cols.Pre[c]], _eta));
            }
        }
        for (int k = 0; k < pre.SpikeCount; k++) { int j = pre.SpikeBuffer[k]; _xPre[j] = Trace.Bump(_xPre[j], false); }
        for (int k = 0; k < post.SpikeCount; k++) { int i = post.SpikeBuffer[k]; _xPost[i] = Trace.Bump(_xPost[i], false); }
    }
}
