using Spiking.Description;

namespace Spiking.Runtime;

/// <summary>What a user asks of an engine: where (<see cref="Backend"/>), how (<see cref="Mode"/>) and with what.</summary>
public sealed record EngineOptions
{
    /// <summary>Backend name as <c>--backend</c> takes it: cpu, cuda, opencl, ilgpu-cpu (auto is resolved by <see cref="EngineCatalog.Resolve"/>).</summary>
    public string Backend { get; init; } = "cpu";

    /// <summary>Time-stepped or event-driven; null takes the spec's <see cref="SimulationSpec.Mode"/>.</summary>
    public SimulationMode? Mode { get; init; }

    /// <summary>Worker threads, 0: the spec's setting, else automatic. Results never depend on it.</summary>
    public int Threads { get; init; }

    /// <summary>
    /// Engine-specific settings by name, as given on the command line (e.g. "sums" = "fast" for a device
    /// engine). An engine refuses a setting it does not know, by name.
    /// </summary>
    public IReadOnlyDictionary<string, string> Settings { get; init; } = new Dictionary<string, string>();
}
