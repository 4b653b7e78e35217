using Spiking.Engine;
using Spiking.Units;

namespace Spiking.Plasticity;

/// <summary>
/// Oja's rule (Oja 1982, J Math Biol 15:267): Δw = η·post·(pre − post·w) per step. For a linear unit
/// post = Σ w·pre the weight vector converges to the unit-norm principal eigenvector of the input correlation.
/// </summary>
internal sealed class OjaRule : IPlasticityRule
{
    /// <summary>The instance the registry holds.</summary>
    public static readonly OjaRule Instance = new();
    /// <inheritdoc/>
    public string Name => "oja";
    /// <inheritdoc/>
    public string Description => "Oja's normalised Hebbian rule dw = eta*post*(pre - post*w) (Oja 1982)";
    /// <inheritdoc/>
    public IReadOnlyList<PlasticityParameter> Parameters { get; } = [new("eta", Dimension.Dimensionless, 1e-3, "learning rate per step")];
    /// <inheritdoc/>
    public IReadOnlyList<PlasticityOption> Options { get; } = [];
    /// <inheritdoc/>
    public PlasticityActivity Activity => PlasticityActivity.Rates;

    /// <inheritdoc/>
    public IEnumerable<string> Validate(PlasticitySettings s, double dt)
    {
        if (!(s["eta"] >= 0)) yield return $"eta must be >= 0 (got {s["eta"]})";
    }

    /// <inheritdoc/>
    public PlasticityRuntime Create(ProjectionState projection, PlasticitySettings settings, double dt) => new Runtime(projection, settings, dt);

    /// <summary>Δw = η·post·(pre − post·w).</summary>
    public static double Change(double eta, double pre, double post, double w) => eta * post * (pre - post * w);

    internal sealed class Runtime(ProjectionState p, PlasticitySettings s, double dt) : RateRuleRuntime(p, s, dt)
    {
        private readonly double _eta = s["eta"];
        /// <summary>η (for the device backend).</summary>
        internal double Eta => _eta;
        protected override double Change(double pre, double post, double w, int postIndex) => OjaRule.Change(_eta, pre, post, w);
    }
}
