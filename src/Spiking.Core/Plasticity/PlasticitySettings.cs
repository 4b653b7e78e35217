using Spiking.Description;

namespace Spiking.Plasticity;

/// <summary>A rule's parameters and options as given in a <see cref="PlasticitySpec"/>, falling back to the rule's defaults.</summary>
public readonly struct PlasticitySettings(IPlasticityRule rule, PlasticitySpec spec)
{
    /// <summary>The rule these settings belong to.</summary>
    public IPlasticityRule Rule => rule;

    /// <summary>A parameter's value in base units.</summary>
    public double this[string name]
    {
        get
        {
            if (spec.Parameters.TryGetValue(name, out var v)) return v;
            foreach (var p in PlasticityRegistry.ParametersOf(rule))
                if (p.Name == name) return p.Default;
            throw new ArgumentException($"rule '{rule.Name}' has no parameter '{name}'");
        }
    }

    /// <summary>An option's value.</summary>
    public string Option(string name)
    {
        if (spec.Options.TryGetValue(name, out var v)) return v;
        foreach (var o in rule.Options)
            if (o.Name == name) return o.Default;
        throw new ArgumentException($"rule '{rule.Name}' has no option '{name}'");
    }
}
