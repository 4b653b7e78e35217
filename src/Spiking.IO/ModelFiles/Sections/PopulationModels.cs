using Spiking.Models;
using Spiking.Units;

namespace Spiking.IO.ModelFiles.Sections;

/// <summary>
/// The neuron model of each population read so far, by population name: a weight's unit is that of
/// the receptor it lands on (nA for a current-based synapse, nS for a conductance-based one), which
/// only the post population's model knows.
/// </summary>
internal sealed class PopulationModels
{
    private readonly Dictionary<string, INeuronModel> _modelOf = new(StringComparer.Ordinal);

    /// <summary>Remembers <paramref name="model"/> for <paramref name="population"/>; the first one given for a name stays.</summary>
    public void Add(string population, INeuronModel model) => _modelOf.TryAdd(population, model);

    /// <summary>The weight dimension of <paramref name="receptor"/> of <paramref name="population"/>'s model; null when either is unknown.</summary>
    public Dimension? WeightDimension(string population, string receptor)
        => _modelOf.TryGetValue(population, out var m) && m.Receptors.FirstOrDefault(x => x.Name == receptor) is { } rc
            ? rc.WeightDimension : null;
}
