using Spiking.Engine;
using Spiking.Units;

namespace Spiking.Plasticity;

/// <summary>
/// BCM rule (Bienenstock, Cooper &amp; Munro 1982; sliding threshold as Intrator &amp; Cooper 1992):
/// Δw = η·post·(post − θ)·pre per step, with θ per post unit a running average of post² of time
/// constant τθ: θ ← θ + (post² − θ)·(1 − e^(−dt/τθ)), updated after the weights of the step.
/// </summary>
internal sealed class BcmRule : IPlasticityRule
{
    /// <summary>The instance the registry holds.</summary>
    public static readonly BcmRule Instance = new();
    /// <inheritdoc/>
    public string Name => "bcm";
    /// <inheritdoc/>
    public string Description => "BCM rule dw = eta*post*(post - theta)*pre, theta a sliding average of post^2 (Bienenstock et al. 1982)";

    /// <inheritdoc/>
    public IReadOnlyList<PlasticityParameter> Parameters { get; } =
    [
        new("eta", Dimension.Dimensionless, 1e-3, "learning rate per step"),
        new("tau_theta", Dimension.Time, 100, "averaging time of the threshold"),
        new("theta0", Dimension.Dimensionless, 0, "initial threshold"),
    ];

    /// <inheritdoc/>
    public IReadOnlyList<PlasticityOption> Options { get; } = [];
    /// <inheritdoc/>
    public PlasticityActivity Activity => PlasticityActivity.Rates;

    /// <inheritdoc/>
    public IEnumerable<string> Validate(PlasticitySettings s, double dt)
    {
        if (!(s["eta"] >= 0)) yield return $"eta must be >= 0 (got {s["eta"]})";
        if (!(s["tau_theta"] > 0)) yield return $"tau_theta must be > 0 ms (got {s["tau_theta"]})";
    }

    /// <inheritdoc/>
    public PlasticityRuntime Create(ProjectionState projection, PlasticitySettings settings, double dt) => new BcmRuntime(projection, settings, dt);

    /// <summary>Δw = η·post·(post − θ)·pre.</summary>
    public static double Change(double eta, double pre, double post, double theta) => eta * post * (post - theta) * pre;

    /// <summary>The threshold after one step of averaging post² with weight <paramref name="gain"/> = 1 − e^(−dt/τθ).</summary>
    public static double Threshold(double theta, double post, double gain) => theta + (post * post - theta) * gain;
}

/// <summary>The state of a <see cref="BcmRule"/> projection: the threshold θ per post unit.</summary>
internal sealed class BcmRuntime : RateRuleRuntime
{
    private readonly double _eta, _gain;
    private readonly double[] _theta;

    public BcmRuntime(ProjectionState p, PlasticitySettings s, double dt) : base(p, s, dt)
    {
        _eta = s["eta"];
        _gain = 1 - Trace.Factor(dt, s["tau_theta"]);
        _theta = new double[p.Post.Size];
        Array.Fill(_theta, s["theta0"]);
    }

    public ReadOnlySpan<double> Theta => _theta;

    /// <summary>η, the threshold's averaging weight 1 − e^(−dt/τθ) and the threshold array (for the device backend, which writes it back after a run).</summary>
    internal double Eta => _eta;
    internal double Gain => _gain;
    internal double[] ThetaArray => _theta;

    protected override double Change(double pre, double post, double w, int postIndex) => BcmRule.Change(_eta, pre, post, _theta[postIndex]);

    protected override void AfterWeights(double[] postOut)
    {
        for (int i = 0; i < _theta.Length; i++) _theta[i] = BcmRule.Threshold(_theta[i], postOut[i], _gain);
    }
}
