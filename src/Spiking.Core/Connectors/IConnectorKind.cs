using Spiking.Description;
using Spiking.Random;

namespace Spiking.Connectors;

/// <summary>
/// A kind of connector as a plugin (DESIGN.md, "Plugins"): the name model files write, the record it
/// makes, its file syntax, its checks, how it behaves under <c>--scale</c> and how its synapses are
/// drawn. Built-in kinds live one to a file in <c>Connectors/</c> and are registered in
/// <see cref="ConnectorRegistry"/>; a program adds its own with <see cref="ConnectorRegistry.Register"/>.
/// Derive from <see cref="ConnectorKind{TSpec}"/> rather than implementing this directly.
/// </summary>
public interface IConnectorKind
{
    /// <summary>The name model files write: <c>connector = "all_to_all"</c> or <c>{ kind = "fixed_probability", ... }</c>.</summary>
    string Name { get; }

    /// <summary>The record this kind reads into and builds from (a subclass of <see cref="ConnectorSpec"/>).</summary>
    Type SpecType { get; }

    /// <summary>The keys a connector table of this kind may hold besides <c>kind</c> and <c>allow_autapses</c>, in the order messages list them.</summary>
    IReadOnlyList<string> Keys { get; }

    /// <summary>The keys that must be given; a kind with none may be written as its name alone.</summary>
    IReadOnlyList<string> RequiredKeys { get; }

    /// <summary>
    /// Reads the record from a model file's connector table (the reader has checked the keys against
    /// <see cref="Keys"/> and sets <see cref="ConnectorSpec.AllowAutapses"/> afterwards). A field that
    /// cannot be read is reported by <paramref name="fields"/>; return a record with a stand-in value then.
    /// </summary>
    ConnectorSpec Read(IConnectorFields fields);

    /// <summary>The record's own checks: its numbers against the sizes it joins and what it needs of the populations.</summary>
    void Check(ConnectorSpec spec, ConnectorCheck check);

    /// <summary>The record at a run's <c>--scale</c>, keeping each neuron's mean in-degree; null after <see cref="ConnectorScaling.Refuse"/>.</summary>
    ConnectorSpec? Scale(ConnectorSpec spec, ConnectorScaling scaling);

    /// <summary>
    /// Draws the projection's synapses, normally through <see cref="ConnectivityBuilder.ByRow"/> (row i of
    /// the targets of pre neuron i from the keyed stream (seed, projection, i)), else
    /// <see cref="ConnectivityBuilder.ByColumn"/> or <see cref="ConnectivityBuilder.FromPairs"/>.
    /// </summary>
    SynapseTable Build(ConnectorSpec spec, in ConnectivityBuilder.Context c);

    /// <summary>
    /// The number of synapses <see cref="Build"/> will draw (its mean, for random connectors) between
    /// <paramref name="pre"/> and <paramref name="post"/> neurons, known from the record alone, so that a
    /// network too large for memory is refused before anything is allocated; null when it cannot be
    /// told without drawing (no estimate is then made for the projection).
    /// </summary>
    double? ExpectedSynapses(ConnectorSpec spec, long pre, long post) => null;
}

/// <summary>
/// Draws the partners of one neuron (the targets of pre neuron <paramref name="neuron"/>, or the
/// sources of a post neuron) from its keyed stream, appending them to <paramref name="partners"/>;
/// the builder then draws each synapse's weight and delay from the same stream, in that order.
/// </summary>
public delegate void PartnerDraw(int neuron, ref PhiloxStream rng, List<int> partners);
