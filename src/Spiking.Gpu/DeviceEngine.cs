using Spiking.Description;
using Spiking.Engine;
using Spiking.Runtime;

namespace Spiking.Gpu;

/// <summary>
/// The ILGPU device engine in the <see cref="EngineCatalog"/>: backends cuda, opencl and ilgpu-cpu,
/// time-stepped mode, with the setting "sums" (deterministic or fast, <see cref="DeviceSums"/>).
/// A program registers it once at start with <see cref="Register"/>.
/// </summary>
public sealed class DeviceEngine : IEngine
{
    /// <summary>The engine's one instance.</summary>
    public static DeviceEngine Instance { get; } = new();

    private DeviceEngine()
    {
    }

    /// <summary>Adds the device engine to <see cref="EngineCatalog"/>.</summary>
    public static void Register() => EngineCatalog.Register(Instance);

    /// <inheritdoc/>
    public string Name => "device";

    /// <inheritdoc/>
    public IReadOnlyList<string> Backends { get; } = ["cuda", "opencl", "ilgpu-cpu"];

    /// <inheritdoc/>
    public IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>
    {
        ["sums"] = "deterministic (default: the CPU backend's spikes bit for bit) or fast (atomic additions)",
    };

    /// <inheritdoc/>
    public bool Runs(SimulationMode mode) => mode == SimulationMode.Step;

    /// <inheritdoc/>
    public bool IsPresent(string backend) => DeviceBackends.TryParse(backend, out var b) && DeviceBackends.IsPresent(b);

    /// <inheritdoc/>
    public IReadOnlyList<string> Unsupported(Network network, EngineOptions options)
        => DeviceSimulator.Unsupported(network, ParseBackend(options.Backend));

    /// <inheritdoc/>
    public ISimulation Create(Network network, EngineOptions options)
    {
        var sums = DeviceSums.Deterministic;
        if (options.Settings.TryGetValue("sums", out var s))
            sums = s.Trim().ToLowerInvariant() switch
            {
                "deterministic" => DeviceSums.Deterministic,
                "fast" => DeviceSums.Fast,
                _ => throw new UnsupportedFeatureException($"device sums '{s}': expected deterministic or fast"),
            };
        return new DeviceSimulator(network, ParseBackend(options.Backend), sums);
    }

    private static DeviceBackend ParseBackend(string name)
        => DeviceBackends.TryParse(name, out var b) && b is not (DeviceBackend.Cpu or DeviceBackend.Auto)
            ? b
            : throw new ArgumentException($"backend '{name}' is not a device backend", nameof(name));
}
