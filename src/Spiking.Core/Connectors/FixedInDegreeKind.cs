using Spiking.Description;
using Spiking.Random;

namespace Spiking.Connectors;

/// <summary>
/// <c>fixed_indegree</c> (<see cref="FixedInDegreeConnector"/>): each post neuron gets exactly k
/// sources. Written <c>{ kind = "fixed_indegree", k = 1000, allow_multapses = false }</c>. Drawn by
/// column: column j from stream (seed, projection, j), then sorted into rows.
/// </summary>
internal sealed class FixedInDegreeKind : ConnectorKind<FixedInDegreeConnector>
{
    /// <summary>The one instance, as registered.</summary>
    public static FixedInDegreeKind Instance { get; } = new();

    /// <inheritdoc/>
    public override string Name => "fixed_indegree";

    /// <inheritdoc/>
    public override IReadOnlyList<string> Keys { get; } = ["k", "allow_multapses"];

    /// <inheritdoc/>
    public override IReadOnlyList<string> RequiredKeys { get; } = ["k"];

    /// <inheritdoc/>
    public override FixedInDegreeConnector Read(IConnectorFields fields)
    {
        bool multapses = fields.Bool("allow_multapses") ?? false;
        return new((int)(fields.Integer("k", required: true, int.MinValue, int.MaxValue, "an integer number of synapses per post neuron") ?? 0), multapses);
    }

    /// <inheritdoc/>
    public override void Check(FixedInDegreeConnector k, ConnectorCheck check)
    {
        int preSize = check.PreSize;
        if (k.K < 0) check.Error("k", $"must be >= 0 (got {k.K})");
        else if (preSize > 0 && !k.AllowMultapses && k.K > preSize) check.Error("k", $"{k.K} distinct sources asked from a population of {preSize}");
    }

    /// <inheritdoc/>
    public override ConnectorSpec? Scale(FixedInDegreeConnector fi, ConnectorScaling s)
        => !fi.AllowMultapses && fi.K > s.PreSize
            ? s.Refuse($"projection '{s.Projection.Name}' has in-degree {fi.K} without multapses, more than the {s.PreSize} neurons of '{s.Projection.Pre}' at scale {s.Scale}")
            : fi;

    /// <inheritdoc/>
    public override SynapseTable Build(FixedInDegreeConnector k, in ConnectivityBuilder.Context c)
    {
        int preSize = c.PreSize, degree = k.K;
        bool skipSelf = c.SkipSelf, multapses = k.AllowMultapses;
        return ConnectivityBuilder.ByColumn(c, degree, (int j, ref PhiloxStream rng, List<int> col)
            => ConnectivityBuilder.DrawDistinct(degree, preSize, skipSelf ? j : -1, multapses, ref rng, col));
    }

    /// <inheritdoc/>
    public override double? ExpectedSynapses(FixedInDegreeConnector spec, long pre, long post) => (double)spec.K * post;
}
