namespace Spiking.Plasticity;

/// <summary>A named choice of a learning rule; the first of <paramref name="Values"/> is the default.</summary>
public sealed record PlasticityOption(string Name, IReadOnlyList<string> Values, string Description)
{
    /// <summary>The value used when the option is not given.</summary>
    public string Default => Values[0];
}
