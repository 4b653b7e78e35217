using Spiking.Description;
using Spiking.Engine;

namespace Spiking.Runtime;

/// <summary>
/// The engines by the backends and modes they serve. The time-stepped CPU engine (<c>Spiking.Cpu</c>) registers itself when this assembly loads;
/// the engines in their own assemblies (event-driven: <c>Spiking.EventDriven.EventEngine</c>; ILGPU device:
/// <c>Spiking.Gpu.DeviceEngine</c>) register themselves with <see cref="Register"/> from the program's
/// start-up, so no caller switches on engine types.
/// </summary>
public static class EngineCatalog
{
    private static readonly object Gate = new();
    private static readonly List<IEngine> Registered = [];

    /// <summary>Adds an engine (once; a second registration of the same name replaces the first).</summary>
    public static void Register(IEngine engine)
    {
        lock (Gate)
        {
            Registered.RemoveAll(e => e.Name == engine.Name);
            Registered.Add(engine);
        }
    }

    /// <summary>The registered engines, in registration order.</summary>
    public static IReadOnlyList<IEngine> Engines
    {
        get { lock (Gate) return Registered.ToArray(); }
    }

    /// <summary>Every backend name some engine serves, and "auto", in the order help lists them.</summary>
    public static IReadOnlyList<string> BackendNames => [.. Engines.SelectMany(e => e.Backends).Distinct(StringComparer.Ordinal), "auto"];

    /// <summary>
    /// What "auto" means here: the first of <paramref name="preference"/> that some engine serves and
    /// finds present, else cpu. Any other name is returned as it is (lower case).
    /// </summary>
    public static string Resolve(string backend, params string[] preference)
    {
        backend = backend.Trim().ToLowerInvariant();
        if (backend != "auto") return backend;
        foreach (var b in preference.Length > 0 ? preference : ["cuda"])
            if (Engines.Any(e => e.Backends.Contains(b) && e.IsPresent(b))) return b;
        return "cpu";
    }

    /// <summary>
    /// The engine for <paramref name="backend"/> in <paramref name="mode"/>; false with a sentence for a
    /// person when no registered engine serves that pair.
    /// </summary>
    public static bool TryFind(string backend, SimulationMode mode, out IEngine engine, out string why)
    {
        var forBackend = Engines.Where(e => e.Backends.Contains(backend)).ToArray();
        engine = forBackend.FirstOrDefault(e => e.Runs(mode))!;
        if (engine is not null)
        {
            why = "";
            return true;
        }
        why = forBackend.Length == 0
            ? $"unknown backend '{backend}'; expected one of {string.Join(", ", BackendNames)}"
            : $"the {forBackend[0].Name} backend does not run: {(mode == SimulationMode.Event ? "event-driven mode (--mode event)" : "time-stepped mode (--mode step)")}";
        return false;
    }

    /// <summary>
    /// Creates the simulation of <paramref name="network"/> that <paramref name="options"/> ask for.
    /// </summary>
    /// <exception cref="UnsupportedFeatureException">No engine serves the backend and mode, or the engine cannot run the network (with every reason).</exception>
    public static ISimulation Create(Network network, EngineOptions? options = null)
    {
        options ??= new EngineOptions();
        var mode = options.Mode ?? network.Spec.Simulation.Mode;
        string backend = Resolve(options.Backend);
        if (!TryFind(backend, mode, out var engine, out var why)) throw new UnsupportedFeatureException(why);
        foreach (var key in options.Settings.Keys)
            if (!engine.Settings.ContainsKey(key))
                throw new UnsupportedFeatureException($"the {engine.Name} engine has no setting '{key}'" +
                    (engine.Settings.Count > 0 ? $"; it takes {string.Join(", ", engine.Settings.Keys)}" : ""));
        return engine.Create(network, options with { Backend = backend, Mode = mode });
    }
}
