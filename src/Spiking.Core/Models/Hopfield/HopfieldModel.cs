using Spiking.Units;

namespace Spiking.Models;

/// <summary>
/// Binary units updated one at a time in a keyed random order (asynchronous, Hopfield 1982) or all at
/// once (synchronous), at temperature T:
/// <code>
/// h_i = Σ_j w_ij s_j + ext_i + b,
/// T = 0:  s_i ← s_high if h_i &gt; 0, s_low if h_i &lt; 0, unchanged if h_i = 0           (Hopfield 1982)
/// T &gt; 0:  P(s_i = s_high) = σ((s_high − s_low)·h_i / T)                              (Glauber dynamics;
///         for 0/1 units σ(h/T), Ackley, Hinton &amp; Sejnowski 1985, eq. 2)
/// </code>
/// with s ∈ {−1, +1} (<c>spin = 1</c>) or {0, 1} (<c>spin = 0</c>). Asynchronous updates at T &gt; 0
/// are Gibbs sampling of p(s) ∝ exp(−E(s)/T) with E = −½ sᵀWs − (b + ext)ᵀs for symmetric W with zero
/// diagonal; at T = 0 each flip lowers E, so E never increases. Weights on receptor <c>in</c> from the
/// population onto itself are read directly (<see cref="IRecurrentWeightsReader"/>); receptor <c>ext</c>
/// and current inputs are an external field, linear in E. State variables: s (also the output), h
/// (the field at the unit's last update) and e, the unit's share −s_i(½(Ws)_i + b + ext_i) of E after
/// the step (the sum of e over the units is E). With <c>anneal_steps</c> &gt; 0 the temperature follows
/// the geometric schedule T·(T_end/T)^(n/steps) of simulated annealing (Kirkpatrick et al. 1983).
/// </summary>
internal sealed class HopfieldModel : INeuronModel
{
    /// <summary><c>hopfield</c>: ±1 threshold units (T = 0), asynchronous.</summary>
    public static readonly HopfieldModel Hopfield = new("hopfield", 0.0, 1.0,
        "binary threshold unit s = sign(W s + ext + b) updated asynchronously in keyed random order (Hopfield 1982); T > 0 gives Glauber dynamics");

    /// <summary><c>boltzmann</c>: 0/1 stochastic units at T = 1, asynchronous (sequential Gibbs sampling).</summary>
    public static readonly HopfieldModel Boltzmann = new("boltzmann", 1.0, 0.0,
        "stochastic binary unit P(s=1) = sigma((W s + ext + b)/T) updated one at a time in keyed random order: Gibbs sampling of a Boltzmann machine (Ackley, Hinton & Sejnowski 1985)");

    private HopfieldModel(string name, double temperature, double spin, string description)
    {
        Name = name;
        Description = description;
        Parameters =
        [
            new("bias", Dimension.Dimensionless, 0.0, "bias b added to every unit's field"),
            new("temperature", Dimension.Dimensionless, temperature, "temperature T >= 0 (0: deterministic threshold units)"),
            new("spin", Dimension.Dimensionless, spin, "1: states -1/+1; 0: states 0/1"),
            new("asynchronous", Dimension.Dimensionless, 1.0, "1: one unit at a time in a random order drawn per step; 0: all units at once from the previous state"),
            new("order", Dimension.Dimensionless, 0.0, "asynchronous order: 0: a random permutation drawn per step; 1: by index (for an RBM with the visible units first: alternating block Gibbs)"),
            new("anneal_steps", Dimension.Dimensionless, 0.0, "simulated annealing: steps over which T falls geometrically from temperature to anneal_to (0: no annealing)"),
            new("anneal_to", Dimension.Dimensionless, 0.0, "final temperature of the annealing schedule (> 0), kept after anneal_steps"),
        ];
    }

    /// <inheritdoc/>
    public string Name { get; }

    /// <inheritdoc/>
    public string Description { get; }

    /// <inheritdoc/>
    public IReadOnlyList<ParameterInfo> Parameters { get; }

    /// <inheritdoc/>
    public IReadOnlyList<VariableInfo> Variables { get; } =
    [
        new("s", Dimension.Dimensionless, 0, "state (-1/+1 or 0/1), also the output"),
        new("h", Dimension.Dimensionless, 0, "field W s + ext + b the unit saw at its last update"),
        new("e", Dimension.Dimensionless, 0, "the unit's share -s (W s / 2 + b + ext) of the energy E after the step"),
    ];

    /// <inheritdoc/>
    public IReadOnlyList<ReceptorInfo> Receptors { get; } =
    [
        new("in", Dimension.Dimensionless, false, "symmetric recurrent weights (quadratic term of the energy)"),
        new("ext", Dimension.Dimensionless, false, "external field (linear term of the energy)"),
    ];

    /// <inheritdoc/>
    public bool IsRate => true;

    /// <inheritdoc/>
    public bool SupportsPreciseSpikeTimes => false;

    /// <inheritdoc/>
    public IEnumerable<string> Validate(IReadOnlyDictionary<string, double> parameters, double dt)
    {
        var p = new ParameterReader(this, parameters);
        if (!double.IsFinite(p["bias"])) yield return $"bias must be finite (got {p["bias"]})";
        if (!(p["temperature"] >= 0) || !double.IsFinite(p["temperature"])) yield return $"temperature must be >= 0 (got {p["temperature"]})";
        if (p["spin"] is not (0.0 or 1.0)) yield return $"spin must be 1 (states -1/+1) or 0 (states 0/1) (got {p["spin"]})";
        if (p["asynchronous"] is not (0.0 or 1.0)) yield return $"asynchronous must be 1 or 0 (got {p["asynchronous"]})";
        if (p["order"] is not (0.0 or 1.0)) yield return $"order must be 0 (random) or 1 (by index) (got {p["order"]})";
        double steps = p["anneal_steps"];
        if (!(steps >= 0) || steps != Math.Floor(steps) || steps > long.MaxValue / 2) yield return $"anneal_steps must be a whole number >= 0 (got {steps})";
        else if (steps > 0)
        {
            if (!(p["temperature"] > 0)) yield return $"annealing starts from temperature > 0 (got {p["temperature"]})";
            if (!(p["anneal_to"] > 0) || !double.IsFinite(p["anneal_to"])) yield return $"anneal_to must be > 0 when anneal_steps > 0 (got {p["anneal_to"]}); a geometric schedule never reaches 0";
        }
    }

    /// <inheritdoc/>
    public NeuronGroup Create(int size, IReadOnlyDictionary<string, double> parameters, double dt, bool preciseSpikeTimes)
    {
        var p = new ParameterReader(this, parameters);
        return new HopfieldGroup(this, size, p["bias"], p["temperature"], p["spin"] == 1.0, p["asynchronous"] == 1.0, p["anneal_to"], (long)p["anneal_steps"], p["order"] == 1.0);
    }
}
