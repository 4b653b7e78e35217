namespace Spiking.Models;

/// <summary>
/// Neuron models by the name model files use. Built-in models are registered at start; a program
/// adds its own with <see cref="Register"/> (as Nengo's builder registry), so no switch grows with
/// every model.
/// </summary>
public static class ModelRegistry
{
    private static readonly Dictionary<string, INeuronModel> Models = new(StringComparer.Ordinal)
    {
        [LifCubaModel.Instance.Name] = LifCubaModel.Instance,
        [LifCobaModel.Instance.Name] = LifCobaModel.Instance,
        [LifDeltaModel.Instance.Name] = LifDeltaModel.Instance,
        [IzhikevichModel.Instance.Name] = IzhikevichModel.Instance,
        [AdExModel.Instance.Name] = AdExModel.Instance,
        [RateEsnModel.Instance.Name] = RateEsnModel.Instance,
        [RateTanhModel.Instance.Name] = RateTanhModel.Instance,
        [RateDiscreteModel.Instance.Name] = RateDiscreteModel.Instance,
        [RateInputModel.Instance.Name] = RateInputModel.Instance,
        [RateLinearModel.Instance.Name] = RateLinearModel.Instance,
        [RateLinearDiscreteModel.Instance.Name] = RateLinearDiscreteModel.Instance,
        [BinarySigmoidModel.Instance.Name] = BinarySigmoidModel.Instance,
        [BinaryGatedModel.Instance.Name] = BinaryGatedModel.Instance,
        [HopfieldModel.Hopfield.Name] = HopfieldModel.Hopfield,
        [HopfieldModel.Boltzmann.Name] = HopfieldModel.Boltzmann,
        [PoissonSourceModel.Instance.Name] = PoissonSourceModel.Instance,
        [SpikeSourceModel.Instance.Name] = SpikeSourceModel.Instance,
    };

    private static readonly object Gate = new();

    /// <summary>Adds or replaces a model.</summary>
    public static void Register(INeuronModel model)
    {
        lock (Gate) Models[model.Name] = model;
    }

    /// <summary>Looks a model up by name.</summary>
    public static bool TryGet(string name, out INeuronModel model)
    {
        lock (Gate) return Models.TryGetValue(name, out model!);
    }

    /// <summary>Names of all registered models, sorted.</summary>
    public static IReadOnlyList<string> Names
    {
        get { lock (Gate) return Models.Keys.Order(StringComparer.Ordinal).ToArray(); }
    }
}
