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
}
