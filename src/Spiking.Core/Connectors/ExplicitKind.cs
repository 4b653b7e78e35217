using Spiking.Description;

namespace Spiking.Connectors;

/// <summary>
/// <c>explicit</c> (<see cref="ExplicitConnector"/>): the synapses listed as (pre[k], post[k]) pairs.
/// Written <c>{ kind = "explicit", pre = [0, 1], post = [5, 7] }</c>; <c>--scale</c> refuses it.
/// </summary>
internal sealed class ExplicitKind : ConnectorKind<ExplicitConnector>
{
    /// <summary>The one instance, as registered.</summary>
    public static ExplicitKind Instance { get; } = new();

    /// <inheritdoc/>
    public override string Name => "explicit";

    /// <inheritdoc/>
    public override IReadOnlyList<string> Keys { get; } = ["pre", "post"];

    /// <inheritdoc/>
    public override IReadOnlyList<string> RequiredKeys { get; } = ["pre", "post"];

    /// <inheritdoc/>
    public override ExplicitConnector Read(IConnectorFields fields)
        => new(fields.IntList("pre", required: true) ?? [], fields.IntList("post", required: true) ?? []);

    /// <inheritdoc/>
    public override void Check(ExplicitConnector e, ConnectorCheck check)
    {
        if (e.Pre.Count != e.Post.Count) check.Error("post", $"{e.Post.Count} post indices for {e.Pre.Count} pre indices; give pairs");
        if (check.PreSize > 0) check.CheckNeurons(e.Pre, check.PreSize, "pre");
        if (check.PostSize > 0) check.CheckNeurons(e.Post, check.PostSize, "post");
    }

    /// <inheritdoc/>
    public override ConnectorSpec? Scale(ExplicitConnector spec, ConnectorScaling s)
        => s.Refuse($"projection '{s.Projection.Name}' lists its synapses explicitly, which --scale cannot resize");

    /// <inheritdoc/>
    public override SynapseTable Build(ExplicitConnector e, in ConnectivityBuilder.Context c)
        => ConnectivityBuilder.FromPairs(c, e.Pre.Zip(e.Post).Select(p => (p.First, p.Second)).ToArray());

    /// <inheritdoc/>
    public override double? ExpectedSynapses(ExplicitConnector spec, long pre, long post) => spec.Pre.Count;
}
