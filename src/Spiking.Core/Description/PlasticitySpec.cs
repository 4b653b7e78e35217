namespace Spiking.Description;

/// <summary>
/// A learning rule attached to a projection (model file: <c>plasticity = { rule = "stdp", ... }</c> on a
/// [[projections]] entry). <paramref name="Rule"/> names a rule of <see cref="Plasticity.PlasticityRegistry"/>;
/// <paramref name="Parameters"/> are numbers in base units (ms, Hz, the receptor's weight unit);
/// <paramref name="Options"/> are the rule's named choices (pairing = "all" | "nearest", ...).
/// Parameters and options not given take the rule's defaults.
/// </summary>
public sealed record PlasticitySpec(
    string Rule,
    IReadOnlyDictionary<string, double> Parameters,
    IReadOnlyDictionary<string, string> Options)
{
    /// <summary>A rule with default parameters and options.</summary>
    public PlasticitySpec(string rule) : this(rule, new Dictionary<string, double>(), new Dictionary<string, string>())
    {
    }
}
