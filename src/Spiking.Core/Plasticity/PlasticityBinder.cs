using System.Runtime.CompilerServices;
using Spiking.Description;
using Spiking.Engine;

namespace Spiking.Plasticity;

/// <summary>
/// Attaches the registered rules to the network builder (<see cref="PlasticityBinding"/>) when Spiking.Core
/// loads: the network layer asks for a rule by its spec and this layer answers from
/// <see cref="PlasticityRegistry"/>, so neither namespace depends on the other in both directions.
/// </summary>
internal static class PlasticityBinder
{
#pragma warning disable CA2255 // the builder must find the rules before any network is built, in any host
    [ModuleInitializer]
    internal static void Bind() => PlasticityBinding.Create = Create;
#pragma warning restore CA2255

    private static PlasticityRuntime? Create(ProjectionState projection, PlasticitySpec spec, double dt)
        => PlasticityRegistry.TryGet(spec.Rule, out var rule) ? rule.Create(projection, new PlasticitySettings(rule, spec), dt) : null;
}
