using Spiking.Description;
using Spiking.Engine;
using Spiking.Models;
using Spiking.Random;
using Spiking.Units;

namespace Spiking.Plasticity;

/// <summary>
/// One-shot storage of P patterns in the recurrent weights of <c>hopfield</c>/<c>boltzmann</c> units, when
/// the network is built (the weights do not change afterwards):
/// <code>
/// hebbian:        w_ij = (1/N) Σ_μ ξ_i^μ ξ_j^μ                        (Hopfield 1982; Amit et al. 1985)
/// pseudo_inverse: w_ij = (1/N) Σ_μν ξ_i^μ (C⁻¹)_μν ξ_j^ν, C_μν = ξ^μ·ξ^ν / N   (Personnaz et al. 1986)
/// </code>
/// for every synapse i ≠ j of the projection (a synapse i → i gets 0), times <c>scale</c>·N when
/// <c>scale</c> is given. The matrix is symmetric when the connector is (all_to_all). Patterns are ±1,
/// drawn from <c>pattern_seed</c> (<see cref="HopfieldPatterns.Generate"/>). With <c>cue</c> ≥ 0 the
/// post population starts from pattern <c>cue</c> with a fraction <c>cue_flip</c> of its units flipped
/// (exactly round(cue_flip·N) units, chosen by a keyed shuffle).
/// </summary>
public sealed class HopfieldStorageRule : IPlasticityRule, IProjectionRequirements
{
    /// <summary>The instance the registry holds.</summary>
    public static readonly HopfieldStorageRule Instance = new();

    /// <inheritdoc/>
    public string Name => "hopfield_storage";

    /// <inheritdoc/>
    public string Description => "stores P random patterns once: w_ij = (1/N) sum_mu xi_i xi_j (or the pseudo-inverse rule), zero diagonal; optional cue";

    /// <inheritdoc/>
    public IReadOnlyList<PlasticityParameter> Parameters { get; } =
    [
        new("patterns", Dimension.Dimensionless, 1, "number P of stored patterns"),
        new("pattern_seed", Dimension.Dimensionless, 1, "seed of the patterns' streams"),
        new("scale", Dimension.Dimensionless, double.NaN, "factor in front of the sum (default 1/N)"),
        new("cue", Dimension.Dimensionless, -1, "pattern the post units start from (-1: leave the initial state alone)"),
        new("cue_flip", Dimension.Dimensionless, 0, "fraction of the cue's units flipped"),
    ];

    /// <inheritdoc/>
    public IReadOnlyList<PlasticityOption> Options { get; } =
    [
        new("storage", ["hebbian", "pseudo_inverse"], "storage prescription"),
    ];

    /// <inheritdoc/>
    public PlasticityActivity Activity => PlasticityActivity.Rates;

    /// <inheritdoc/>
    public IEnumerable<string> Validate(PlasticitySettings s, double dt)
    {
        static bool Whole(double x, double min) => double.IsFinite(x) && x >= min && x == Math.Floor(x) && x < int.MaxValue;
        if (!Whole(s["patterns"], 1)) yield return $"patterns must be a whole number >= 1 (got {s["patterns"]})";
        if (!Whole(s["pattern_seed"], 0)) yield return $"pattern_seed must be a whole number >= 0 (got {s["pattern_seed"]})";
        if (!double.IsNaN(s["scale"]) && !double.IsFinite(s["scale"])) yield return $"scale must be finite (got {s["scale"]})";
        if (!Whole(s["cue"], -1)) yield return $"cue must be -1 or a pattern index (got {s["cue"]})";
        else if (s["cue"] >= s["patterns"]) yield return $"cue must be below patterns ({s["patterns"]}) (got {s["cue"]})";
        if (!(s["cue_flip"] >= 0 && s["cue_flip"] <= 1)) yield return $"cue_flip must be in [0, 1] (got {s["cue_flip"]})";
    }

    /// <inheritdoc/>
    public IEnumerable<(string Field, string Message)> Check(ProjectionSpec projection, INeuronModel pre, INeuronModel post)
    {
        if (projection.Pre != projection.Post)
            yield return ("post", $"rule '{Name}' stores patterns in a population's weights onto itself; pre is '{projection.Pre}', post '{projection.Post}'");
        if (post is not HopfieldModel)
            yield return ("plasticity.rule", $"rule '{Name}' needs hopfield or boltzmann units; '{projection.Post}' runs '{post.Name}'");
        else if (projection.Receptor != "in")
            yield return ("receptor", $"rule '{Name}' stores into receptor 'in' (the symmetric recurrent weights); got '{projection.Receptor}'");
        if (projection.Delay is not ConstantValue { Value: 0 })
            yield return ("delay", $"the units read the stored weights themselves between propagations, so the delay must be 0 ms (got {(projection.Delay is ConstantValue c ? $"{c.Value} ms" : "a drawn delay")})");
    }

    /// <inheritdoc/>
    public PlasticityRuntime Create(ProjectionState projection, PlasticitySettings settings, double dt) => new Runtime(projection, settings, dt);

    /// <summary>The stored patterns of a projection (its weights do not change after the build).</summary>
    public sealed class Runtime : PlasticityRuntime
    {
        internal Runtime(ProjectionState projection, PlasticitySettings settings, double dt) : base(projection, settings, dt)
        {
            int n = projection.Post.Size, count = (int)settings["patterns"];
            ulong seed = (ulong)settings["pattern_seed"];
            Patterns = HopfieldPatterns.Generate(seed, count, n);
            double scale = double.IsNaN(settings["scale"]) ? 1.0 / n : settings["scale"];
            var table = projection.Synapses;
            var weights = new double[table.Count];
            if (settings.Option("storage") == "hebbian")
            {
                var sums = HopfieldPatterns.HebbianSums(Patterns, n);
                Parallel.For(0, projection.Pre.Size, j =>
                {
                    for (long s = table.RowStart[j]; s < table.RowStart[j + 1]; s++)
                        weights[s] = table.Target[s] == j ? 0 : scale * sums(table.Target[s], j);
                });
            }
            else
            {
                var y = HopfieldPatterns.ProjectionFactors(Patterns, n);
                Parallel.For(0, projection.Pre.Size, j =>
                {
                    for (long s = table.RowStart[j]; s < table.RowStart[j + 1]; s++)
                    {
                        int i = table.Target[s];
                        if (i == j) continue;
                        double sum = 0;
                        for (int mu = 0; mu < Patterns.Length; mu++) sum += y[i][mu] * Patterns[mu][j];
                        weights[s] = scale * sum;
                    }
                });
            }
            SetWeights(weights);
            int cue = (int)settings["cue"];
            if (cue >= 0) Cue(projection.Post.Group, Patterns[cue], settings["cue_flip"], seed);
        }

        /// <summary>The stored patterns ξ^μ (entries ±1), in order.</summary>
        public sbyte[][] Patterns { get; }

        /// <inheritdoc/>
        protected internal override bool ChangesWeightsEachStep => false;

        /// <inheritdoc/>
        protected internal override void AfterPropagation(long step)
        {
        }

        /// <summary>Sets the units to <paramref name="pattern"/> with round(<paramref name="flip"/>·N) of them flipped (a keyed partial shuffle).</summary>
        private static void Cue(NeuronGroup group, sbyte[] pattern, double flip, ulong seed)
        {
            var s = group.Variable("s");
            double low = group is HopfieldGroup h ? h.Low : -1;
            int n = pattern.Length, flips = (int)Math.Round(flip * n);
            var order = new int[n];
            for (int i = 0; i < n; i++) order[i] = i;
            var rng = new PhiloxStream(seed, StreamKind.TaskInput, 21, uint.MaxValue);
            for (int k = 0; k < flips; k++)
            {
                int j = k + rng.NextInt(n - k);
                (order[k], order[j]) = (order[j], order[k]);
            }
            for (int i = 0; i < n; i++) s[i] = pattern[i] > 0 ? 1 : low;
            for (int k = 0; k < flips; k++) s[order[k]] = s[order[k]] == 1 ? low : 1;
        }
    }
}
