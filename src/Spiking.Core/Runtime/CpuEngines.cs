using Spiking.Description;
using Spiking.Engine;
using Spiking.EventDriven;

namespace Spiking.Runtime;

/// <summary>The time-stepped CPU engine (<see cref="Simulator"/>): every model, rule, input and monitor of the catalog.</summary>
internal sealed class CpuStepEngine : IEngine
{
    public static readonly CpuStepEngine Instance = new();

    public string Name => "cpu-step";
    public IReadOnlyList<string> Backends { get; } = ["cpu"];
    public IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>();
    public bool Runs(SimulationMode mode) => mode == SimulationMode.Step;
    public bool IsPresent(string backend) => true;
    public IReadOnlyList<string> Unsupported(Network network, EngineOptions options) => [];
    public ISimulation Create(Network network, EngineOptions options) => new Simulator(network, options.Threads);
}

/// <summary>
/// The event-driven CPU engine (<see cref="EventSimulator"/>): models that declare
/// <see cref="Models.INeuronModel.SupportsEventDriven"/>, on one thread.
/// </summary>
internal sealed class CpuEventEngine : IEngine
{
    public static readonly CpuEventEngine Instance = new();

    public string Name => "cpu-event";
    public IReadOnlyList<string> Backends { get; } = ["cpu"];
    public IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>();
    public bool Runs(SimulationMode mode) => mode == SimulationMode.Event;
    public bool IsPresent(string backend) => true;

    public IReadOnlyList<string> Unsupported(Network network, EngineOptions options)
        => network.Populations.Where(p => !p.Model.SupportsEventDriven)
            .Select(p => $"model '{p.Model.Name}' (population '{p.Spec.Name}'): it cannot be advanced exactly between events").ToArray();

    public ISimulation Create(Network network, EngineOptions options) => new EventSimulator(network);
}
