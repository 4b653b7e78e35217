using System.Runtime.CompilerServices;
using Spiking.Description;
using Spiking.Engine;
using Spiking.Runtime;

namespace Spiking.Cpu;

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

/// <summary>Registers the CPU engine with <see cref="EngineCatalog"/> when Spiking.Core loads.</summary>
/// <remarks>
/// A module initializer, not a line in the catalog, so that the catalog (Runtime) does not depend on this
/// engine (Cpu): the layers stay acyclic, and every program sees the CPU engine first without calling
/// anything, as before.
/// </remarks>
internal static class CpuEngineRegistration
{
#pragma warning disable CA2255 // the catalog must hold the CPU engine before any caller looks, in any host
    [ModuleInitializer]
    internal static void Register() => EngineCatalog.Register(CpuStepEngine.Instance);
#pragma warning restore CA2255
}
