using Spiking.Description;
using Spiking.Random;

namespace Spiking.Connectors;

/// <summary>
/// <c>one_to_one</c> (<see cref="OneToOneConnector"/>): pre neuron i to post neuron i. Written as its
/// name alone or <c>{ kind = "one_to_one" }</c>; both populations must have the same size. Scales
/// unchanged (in-degree 1 at any size).
/// </summary>
internal sealed class OneToOneKind : ConnectorKind<OneToOneConnector>
{
    /// <summary>The one instance, as registered.</summary>
    public static OneToOneKind Instance { get; } = new();

    /// <inheritdoc/>
    public override string Name => "one_to_one";

    /// <inheritdoc/>
    public override OneToOneConnector Read(IConnectorFields fields) => new();

    /// <inheritdoc/>
    public override void Check(OneToOneConnector spec, ConnectorCheck check)
    {
        int preSize = check.PreSize, postSize = check.PostSize;
        if (preSize > 0 && postSize > 0 && preSize != postSize) check.Error("kind", $"one_to_one needs equal sizes (pre {preSize}, post {postSize})");
    }

    /// <inheritdoc/>
    public override ConnectorSpec? Scale(OneToOneConnector spec, ConnectorScaling s) => spec;

    /// <inheritdoc/>
    public override SynapseTable Build(OneToOneConnector spec, in ConnectivityBuilder.Context c)
    {
        int postSize = c.PostSize;
        return ConnectivityBuilder.ByRow(c, (int i, ref PhiloxStream rng, List<int> row) =>
        {
            if (i < postSize) row.Add(i);
        });
    }

    /// <inheritdoc/>
    public override double? ExpectedSynapses(OneToOneConnector spec, long pre, long post) => Math.Min(pre, post);
}
