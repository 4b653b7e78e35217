using Spiking.Units;

namespace Spiking.Plasticity;

/// <summary>
/// Learning rules by the name model files use. Built-in rules are registered at start; a program adds
/// its own with <see cref="Register"/> (as <see cref="Models.ModelRegistry"/> does for neuron models).
/// </summary>
public static class PlasticityRegistry
{
    /// <summary>
    /// Parameters every rule has: hard weight bounds (applied after every change; on a conductance
    /// receptor w_min is at least 0) and homeostatic normalisation (every normalize_every ms, each post
    /// neuron's incoming weights are scaled so that their sum is normalize_total, or the sum they had
    /// when the run was built when normalize_total is not given; 0 ms switches it off).
    /// </summary>
    public static IReadOnlyList<PlasticityParameter> CommonParameters { get; } =
    [
        new("w_min", null, double.NegativeInfinity, "lower hard bound of the weight"),
        new("w_max", null, double.PositiveInfinity, "upper hard bound of the weight"),
        new("normalize_every", Dimension.Time, 0, "period of the homeostatic normalisation of each neuron's summed incoming weight (0: off)"),
        new("normalize_total", null, double.NaN, "summed incoming weight kept per post neuron (default: its initial sum)"),
    ];

    private static readonly Dictionary<string, IPlasticityRule> Rules = new(StringComparer.Ordinal)
    {
        [PairStdp.Instance.Name] = PairStdp.Instance,
        [TripletStdp.Instance.Name] = TripletStdp.Instance,
        [RewardModulatedStdp.Instance.Name] = RewardModulatedStdp.Instance,
        [InhibitoryStdp.Instance.Name] = InhibitoryStdp.Instance,
        [ShortTermPlasticity.Instance.Name] = ShortTermPlasticity.Instance,
        [HebbianRule.Instance.Name] = HebbianRule.Instance,
        [OjaRule.Instance.Name] = OjaRule.Instance,
        [BcmRule.Instance.Name] = BcmRule.Instance,
        [BgRnnRule.Instance.Name] = BgRnnRule.Instance,
        [HopfieldStorageRule.Instance.Name] = HopfieldStorageRule.Instance,
        [BoltzmannLearningRule.Instance.Name] = BoltzmannLearningRule.Instance,
    };

    private static readonly object Gate = new();

    /// <summary>Adds or replaces a rule.</summary>
    public static void Register(IPlasticityRule rule)
    {
        lock (Gate) Rules[rule.Name] = rule;
    }

    /// <summary>Looks a rule up by name.</summary>
    public static bool TryGet(string name, out IPlasticityRule rule)
    {
        lock (Gate) return Rules.TryGetValue(name, out rule!);
    }

    /// <summary>Names of all registered rules, sorted.</summary>
    public static IReadOnlyList<string> Names
    {
        get { lock (Gate) return Rules.Keys.Order(StringComparer.Ordinal).ToArray(); }
    }

    /// <summary>The rule's parameters followed by the common ones.</summary>
    public static IEnumerable<PlasticityParameter> ParametersOf(IPlasticityRule rule) => rule.Parameters.Concat(CommonParameters);
}
