using Spiking.Description;
using Spiking.Engine;
using Spiking.Models;
using Spiking.Units;

namespace Spiking.Plasticity;

/// <summary>
/// The Boltzmann machine learning rule (Ackley, Hinton &amp; Sejnowski 1985, eq. 9):
/// <code>
/// Δw_ij = η (⟨s_i s_j⟩_clamped − ⟨s_i s_j⟩_free)
/// </code>
/// on the recurrent weights of a population of boltzmann units (0/1). The first <c>visible</c> units are
/// the visible ones; with <c>bias_unit = 1</c> the last unit is held at 1 in both phases, so its weights
/// are the biases. One epoch runs, for each image of the data set (bars and stripes of side √visible), a
/// clamped phase (visible units held at the image) and a free phase (all but the bias unit free), each
/// <c>burn_in</c> + <c>phase_sweeps</c> sweeps (steps), averaging s_i s_j over the last
/// <c>phase_sweeps</c>; the weights change once at the end of each epoch, by η times the difference of
/// the averages over the data set. Both phases start from the state the previous phase left.
/// <para>
/// <c>method = "cd"</c> is contrastive divergence CD-k (Hinton 2002) for a restricted machine (no
/// visible–visible or hidden–hidden synapses; units with <c>order = 1</c>, visible first, so that a sweep
/// is v ~ p(v|h) then h ~ p(h|v)): the clamped phase is one sweep (h sampled from the data), the free
/// phase k sweeps, and the statistics are those of the clamped sweep and of the last free sweep.
/// <c>method = "pcd"</c> (persistent CD, Tieleman 2008) runs the free phase of each image from where that
/// image's own chain stopped in the previous epoch instead of from the data.
/// </para>
/// </summary>
internal sealed class BoltzmannLearningRule : IPlasticityRule, IProjectionRequirements
{
    /// <summary>The instance the registry holds.</summary>
    public static readonly BoltzmannLearningRule Instance = new();

    /// <inheritdoc/>
    public string Name => "boltzmann_learning";

    /// <inheritdoc/>
    public string Description => "Boltzmann machine learning dw = eta (<s_i s_j>_clamped - <s_i s_j>_free), clamped and free Gibbs phases per data image";

    /// <inheritdoc/>
    public IReadOnlyList<PlasticityParameter> Parameters { get; } =
    [
        new("eta", Dimension.Dimensionless, 0.5, "learning rate per epoch"),
        new("visible", Dimension.Dimensionless, 9, "number of visible units (the first ones); a square: the bars-and-stripes side squared"),
        new("phase_sweeps", Dimension.Dimensionless, 20, "sweeps averaged per phase and image"),
        new("burn_in", Dimension.Dimensionless, 2, "sweeps discarded at the start of each phase"),
        new("bias_unit", Dimension.Dimensionless, 1, "1: the last unit is held at 1 and its weights are the biases"),
        new("k", Dimension.Dimensionless, 1, "cd, pcd: Gibbs sweeps of the free phase"),
    ];

    /// <inheritdoc/>
    public IReadOnlyList<PlasticityOption> Options { get; } =
    [
        new("data", ["bars_and_stripes"], "the data set the visible units learn"),
        new("method", ["boltzmann", "cd", "pcd"], "boltzmann: averaged phases; cd: contrastive divergence CD-k; pcd: persistent CD"),
    ];

    /// <inheritdoc/>
    public PlasticityActivity Activity => PlasticityActivity.Rates;

    /// <inheritdoc/>
    public IEnumerable<string> Validate(PlasticitySettings s, double dt)
    {
        static bool Whole(double x, double min) => double.IsFinite(x) && x >= min && x == Math.Floor(x) && x < 1 << 20;
        if (!double.IsFinite(s["eta"])) yield return $"eta must be finite (got {s["eta"]})";
        if (!Whole(s["visible"], 1) || Math.Sqrt(s["visible"]) != Math.Floor(Math.Sqrt(s["visible"])))
            yield return $"visible must be a square number >= 1 (bars and stripes of side sqrt(visible)) (got {s["visible"]})";
        if (!Whole(s["phase_sweeps"], 1)) yield return $"phase_sweeps must be a whole number >= 1 (got {s["phase_sweeps"]})";
        if (!Whole(s["burn_in"], 0)) yield return $"burn_in must be a whole number >= 0 (got {s["burn_in"]})";
        if (!Whole(s["k"], 1)) yield return $"k must be a whole number >= 1 (got {s["k"]})";
        if (s["bias_unit"] is not (0.0 or 1.0)) yield return $"bias_unit must be 0 or 1 (got {s["bias_unit"]})";
    }

    /// <inheritdoc/>
    public IEnumerable<(string Field, string Message)> Check(ProjectionSpec projection, INeuronModel pre, INeuronModel post)
    {
        if (projection.Pre != projection.Post)
            yield return ("post", $"rule '{Name}' learns a population's weights onto itself; pre is '{projection.Pre}', post '{projection.Post}'");
        if (post is not HopfieldModel)
            yield return ("plasticity.rule", $"rule '{Name}' needs boltzmann (or hopfield) units; '{projection.Post}' runs '{post.Name}'");
        else if (projection.Receptor != "in")
            yield return ("receptor", $"rule '{Name}' learns the symmetric weights on receptor 'in'; got '{projection.Receptor}'");
        if (projection.Delay is not ConstantValue { Value: 0 })
            yield return ("delay", $"boltzmann units read their recurrent weights themselves, so the delay must be 0 ms (got {(projection.Delay is ConstantValue c ? $"{c.Value} ms" : "a drawn delay")})");
    }

    /// <inheritdoc/>
    public PlasticityRuntime Create(ProjectionState projection, PlasticitySettings settings, double dt) => new BoltzmannLearningRuntime(projection, settings, dt);
}
