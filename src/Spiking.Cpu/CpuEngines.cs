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

/// <summary>
/// Registers the time-stepped CPU engine with <see cref="EngineCatalog"/>: by itself when this assembly
/// loads (any use of <see cref="Simulator"/> loads it), and by <see cref="Register"/>, which a program
/// that only goes through the catalog calls at start, as it calls the other engines' Register.
/// </summary>
/// <remarks>
/// Registration from below, not a line in the catalog, so that the catalog (Spiking.Core's Runtime) does
/// not depend on this engine: the layers stay acyclic and the engine lives in its own assembly.
/// </remarks>
public static class CpuEngine
{
    /// <summary>Adds the CPU engine to the catalog (idempotent).</summary>
    public static void Register() => EngineCatalog.Register(CpuStepEngine.Instance);

#pragma warning disable CA2255 // a program that uses the Simulator directly must also find it in the catalog
    [ModuleInitializer]
    internal static void RegisterOnLoad() => Register();
#pragma warning restore CA2255
}
