using Spiking.Description;
using Spiking.Engine;

namespace Spiking.Runtime;

/// <summary>
/// One way of running networks, registered in <see cref="EngineCatalog"/> (as a Brian2 device or an
/// Arbor backend): which backends and modes it serves, what of a network it cannot run, and how to
/// create a simulation. The command line picks an engine through the catalog and never names its type.
/// </summary>
public interface IEngine
{
    /// <summary>Short name for messages and docs (cpu-step, cpu-event, device).</summary>
    string Name { get; }

    /// <summary>Backend names it serves, as <c>--backend</c> takes them.</summary>
    IReadOnlyList<string> Backends { get; }

    /// <summary>Whether it runs networks in <paramref name="mode"/>.</summary>
    bool Runs(SimulationMode mode);

    /// <summary>Settings of <see cref="EngineOptions.Settings"/> it accepts, with a line of help each.</summary>
    IReadOnlyDictionary<string, string> Settings { get; }

    /// <summary>Whether <paramref name="backend"/> can be used on this machine (a GPU present, a driver loadable).</summary>
    bool IsPresent(string backend);

    /// <summary>
    /// Why this engine cannot run <paramref name="network"/>: one line per feature and where it is used
    /// (derived from what each model, rule, input and monitor declares); empty when it can.
    /// </summary>
    IReadOnlyList<string> Unsupported(Network network, EngineOptions options);

    /// <summary>Creates a simulation of <paramref name="network"/>; throws <see cref="UnsupportedFeatureException"/> with <see cref="Unsupported"/>'s lines when it cannot run it.</summary>
    ISimulation Create(Network network, EngineOptions options);
}
