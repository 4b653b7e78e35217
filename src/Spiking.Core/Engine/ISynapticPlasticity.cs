using Spiking.Description;

namespace Spiking.Engine;

/// <summary>
/// What the built network knows of a learning rule on one projection: the rule's working weights. The
/// rules themselves (<c>Spiking.Plasticity</c>) sit above this layer and implement it; the engines, above
/// both, step them as <c>Spiking.Plasticity.PlasticityRuntime</c>.
/// </summary>
public interface ISynapticPlasticity
{
    /// <summary>The weights in double, parallel to the projection's synapse table; the rule's working copy.</summary>
    double[] Weights { get; }

    /// <summary>The weights as a weight monitor records them (a rule that applies updates in batches shows the applied ones).</summary>
    ReadOnlySpan<double> SnapshotWeights { get; }
}

/// <summary>
/// How <see cref="Network.Build(NetworkSpec, int)"/> attaches a rule to a plastic projection: a hook the
/// plasticity layer sets when the assembly loads (<c>Spiking.Plasticity.PlasticityBinder</c>), as engines
/// register with the engine catalog, so that the network layer does not depend on the rules above it.
/// </summary>
internal static class PlasticityBinding
{
    /// <summary>Creates the rule of a plastic projection from its spec and dt; null for an unknown rule (validation reports it).</summary>
    internal static Func<ProjectionState, PlasticitySpec, double, ISynapticPlasticity?> Create { get; set; } = (_, _, _) => null;
}
