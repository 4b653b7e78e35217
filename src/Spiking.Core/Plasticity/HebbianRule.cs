using Spiking.Engine;
using Spiking.Units;

namespace Spiking.Plasticity;

/// <summary>Plain Hebbian learning on rate units (Hebb 1949): Δw = η·post·pre per step. Unstable without bounds or normalisation.</summary>
internal sealed class HebbianRule : IPlasticityRule
{
    /// <summary>The instance the registry holds.</summary>
    public static readonly HebbianRule Instance = new();
    /// <inheritdoc/>
    public string Name => "hebbian";
    /// <inheritdoc/>
    public string Description => "Hebbian rate rule dw = eta*post*pre per step";
    /// <inheritdoc/>
    public IReadOnlyList<PlasticityParameter> Parameters { get; } = [new("eta", Dimension.Dimensionless, 1e-3, "learning rate per step")];
    /// <inheritdoc/>
    public IReadOnlyList<PlasticityOption> Options { get; } = [];
    /// <inheritdoc/>
    public PlasticityActivity Activity => PlasticityActivity.Rates;

    /// <inheritdoc/>
    public IEnumerable<string> Validate(PlasticitySettings s, double dt)
    {
        if (!double.IsFinite(s["eta"])) yield return $"eta must be a finite number (got {s["eta"]})";
    }

    /// <inheritdoc/>
    public PlasticityRuntime Create(ProjectionState projection, PlasticitySettings settings, double dt) => new Runtime(projection, settings, dt);

    /// <summary>Δw = η·post·pre.</summary>
    public static double Change(double eta, double pre, double post) => eta * post * pre;

    internal sealed class Runtime(ProjectionState p, PlasticitySettings s, double dt) : RateRuleRuntime(p, s, dt)
    {
        private readonly double _eta = s["eta"];
        /// <summary>η (for the device backend).</summary>
        internal double Eta => _eta;
        protected override double Change(double pre, double post, double w, int postIndex) => HebbianRule.Change(_eta, pre, post);
    }
}
