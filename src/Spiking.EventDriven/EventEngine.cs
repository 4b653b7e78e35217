using Spiking.Description;
using Spiking.Engine;
using Spiking.Runtime;

namespace Spiking.EventDriven;

/// <summary>
/// The event-driven CPU engine in the <see cref="EngineCatalog"/> (<see cref="EventSimulator"/>): backend
/// cpu, event mode, models that declare <see cref="Models.INeuronModel.SupportsEventDriven"/>, one thread.
/// A program registers it once at start with <see cref="Register"/>.
/// </summary>
public sealed class EventEngine : IEngine
{
    /// <summary>The engine's one instance.</summary>
    public static EventEngine Instance { get; } = new();

    private EventEngine()
    {
    }

    /// <summary>Adds the event-driven engine to <see cref="EngineCatalog"/>.</summary>
    public static void Register() => EngineCatalog.Register(Instance);

    /// <inheritdoc/>
    public string Name => "cpu-event";

    /// <inheritdoc/>
    public IReadOnlyList<string> Backends { get; } = ["cpu"];

    /// <inheritdoc/>
    public IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>();

    /// <inheritdoc/>
    public bool Runs(SimulationMode mode) => mode == SimulationMode.Event;

    /// <inheritdoc/>
    public bool IsPresent(string backend) => true;

    /// <inheritdoc/>
    public IReadOnlyList<string> Unsupported(Network network, EngineOptions options)
        => network.Populations.Where(p => !p.Model.SupportsEventDriven)
            .Select(p => $"model '{p.Model.Name}' (population '{p.Spec.Name}'): it cannot be advanced exactly between events").ToArray();

    /// <inheritdoc/>
    public ISimulation Create(Network network, EngineOptions options) => new EventSimulator(network);
}
