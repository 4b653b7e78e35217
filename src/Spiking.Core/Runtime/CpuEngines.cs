using Spiking.Description;
using Spiking.Engine;

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
