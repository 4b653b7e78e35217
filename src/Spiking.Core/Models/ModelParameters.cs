using Spiking.Units;

namespace Spiking.Models;

/// <summary>
/// Parameters of a neuron model written with units in C#, as in a model file: each value is a quantity
/// string ("20 ms", "-49 mV", "0.06 nA") checked against the dimension the model declares for that
/// parameter, then converted to its base unit. A wrong dimension or an unknown name is an error when the
/// dictionary is made (Brian2's DimensionMismatchError), not a silent factor of 1000 later.
/// </summary>
public static class ModelParameters
{
    /// <summary>The parameters of model <paramref name="model"/> in base units, from name–quantity pairs.</summary>
    /// <exception cref="ArgumentException">Unknown model or parameter, a value that is not a quantity of the parameter's dimension, or a parameter given twice; the message lists every problem.</exception>
    public static IReadOnlyDictionary<string, double> For(string model, params (string Name, string Value)[] values)
    {
        if (!ModelRegistry.TryGet(model, out var m))
            throw new ArgumentException($"no model named '{model}'; models: {string.Join(", ", ModelRegistry.Names)}", nameof(model));
        var result = new Dictionary<string, double>(StringComparer.Ordinal);
        var problems = new List<string>();
        foreach (var (name, text) in values)
        {
            var info = m.Parameters.FirstOrDefault(p => p.Name == name);
            if (info is null)
                problems.Add($"model '{model}' has no parameter '{name}'; its parameters: {string.Join(", ", m.Parameters.Select(p => p.Name))}");
            else if (!Quantity.TryParse(text, info.Dimension, out double v, out string why))
                problems.Add($"{name} = \"{text}\": {why}");
            else if (!result.TryAdd(name, v))
                problems.Add($"{name} is given twice");
        }
        return problems.Count == 0 ? result : throw new ArgumentException(string.Join("; ", problems), nameof(values));
    }
}
