namespace Spiking.Models;

/// <summary>Reads a model's parameters from a spec dictionary, falling back to the model's defaults.</summary>
internal readonly struct ParameterReader(INeuronModel model, IReadOnlyDictionary<string, double> given)
{
    public double this[string name]
    {
        get
        {
            if (given.TryGetValue(name, out var v)) return v;
            foreach (var p in model.Parameters)
                if (p.Name == name) return p.Default;
            throw new ArgumentException($"model '{model.Name}' has no parameter '{name}'");
        }
    }

    /// <summary>Messages for the checks every LIF shares: positive constants, t_ref ≥ 0, V_reset below V_th.</summary>
    public IEnumerable<string> LifChecks(params string[] positive)
    {
        foreach (var n in positive)
            if (!(this[n] > 0)) yield return $"{n} must be > 0 (got {this[n]})";
        if (!(this["t_ref"] >= 0)) yield return $"t_ref must be >= 0 (got {this["t_ref"]})";
        if (!(this["V_reset"] < this["V_th"])) yield return $"V_reset ({this["V_reset"]} mV) must be below V_th ({this["V_th"]} mV)";
    }
}
