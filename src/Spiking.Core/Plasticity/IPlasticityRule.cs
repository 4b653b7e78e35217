using Spiking.Engine;
using Spiking.Models;

namespace Spiking.Plasticity;

/// <summary>
/// A learning rule as the registry knows it: its parameters and options, the activity it reads, the
/// checks its parameters must pass, and a factory for the runtime of one projection. Engines call
/// the runtime once per projection per step, never per synapse through an interface.
/// </summary>
public interface IPlasticityRule
{
    /// <summary>The name model files use (<c>rule = "stdp"</c>).</summary>
    string Name { get; }

    /// <summary>One line: equations and source.</summary>
    string Description { get; }

    /// <summary>The rule's own parameters (the bounds and normalisation of <see cref="PlasticityRegistry.CommonParameters"/> come on top).</summary>
    IReadOnlyList<PlasticityParameter> Parameters { get; }

    /// <summary>Named choices.</summary>
    IReadOnlyList<PlasticityOption> Options { get; }

    /// <summary>Spiking populations, rate populations, or both.</summary>
    PlasticityActivity Activity { get; }

    /// <summary>
    /// Whether the rule also runs in the event-driven kernel, where its runtime is told of every spike
    /// at its exact time (<see cref="PlasticityRuntime.OnSpike"/>) instead of once per step.
    /// </summary>
    bool SupportsEventDriven => false;

    /// <summary>Checks across parameters; one message per problem.</summary>
    IEnumerable<string> Validate(PlasticitySettings settings, double dt);

    /// <summary>
    /// Checks of the settings against the receptor the projection feeds (null when it has none), which
    /// need no dt: one (field, message) per problem, field relative to the plasticity table (<c>w_min</c>).
    /// The validator asks after the bounds every rule shares (<see cref="PlasticityRegistry.CommonParameters"/>).
    /// </summary>
    IEnumerable<(string Field, string Message)> CheckWeights(PlasticitySettings settings, ReceptorInfo? receptor) => [];

    /// <summary>Creates the per-projection state (traces, per-synapse variables) with per-dt constants precomputed.</summary>
    PlasticityRuntime Create(ProjectionState projection, PlasticitySettings settings, double dt);
}
