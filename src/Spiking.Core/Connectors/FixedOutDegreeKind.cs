using Spiking.Description;
using Spiking.Random;

namespace Spiking.Connectors;

/// <summary>
/// <c>fixed_outdegree</c> (<see cref="FixedOutDegreeConnector"/>): each pre neuron sends exactly k
/// synapses. Written <c>{ kind = "fixed_outdegree", k = 100, allow_multapses = false }</c>.
/// </summary>
internal sealed class FixedOutDegreeKind : ConnectorKind<FixedOutDegreeConnector>
{
    /// <summary>The one instance, as registered.</summary>
    public static FixedOutDegreeKind Instance { get; } = new();

    /// <inheritdoc/>
    public override string Name => "fixed_outdegree";

    /// <inheritdoc/>
    public override IReadOnlyList<string> Keys { get; } = ["k", "allow_multapses"];

    /// <inheritdoc/>
    public override IReadOnlyList<string> RequiredKeys { get; } = ["k"];

    /// <inheritdoc/>
    public override FixedOutDegreeConnector Read(IConnectorFields fields)
    {
        bool multapses = fields.Bool("allow_multapses") ?? false;
        return new((int)(fields.Integer("k", required: true, int.MinValue, int.MaxValue, "an integer number of synapses per pre neuron") ?? 0), multapses);
    }

    /// <inheritdoc/>
    public override void Check(FixedOutDegreeConnector k, ConnectorCheck check)
    {
        int postSize = check.PostSize;
        if (k.K < 0) check.Error("k", $"must be >= 0 (got {k.K})");
        else if (postSize > 0 && !k.AllowMultapses && k.K > postSize) check.Error("k", $"{k.K} distinct targets asked from a population of {postSize}");
    }

    /// <inheritdoc/>
    public override ConnectorSpec? Scale(FixedOutDegreeConnector fo, ConnectorScaling s)
    {
        // Out-degree K keeps the in-degree K·N_pre/N_post when both populations scale alike.
        return !fo.AllowMultapses && fo.K > s.PostSize
            ? s.Refuse($"projection '{s.Projection.Name}' has out-degree {fo.K} without multapses, more than the {s.PostSize} neurons of '{s.Projection.Post}' at scale {s.Scale}")
            : fo;
    }

    /// <inheritdoc/>
    public override SynapseTable Build(FixedOutDegreeConnector k, in ConnectivityBuilder.Context c)
    {
        int postSize = c.PostSize, degree = k.K;
        bool skipSelf = c.SkipSelf, multapses = k.AllowMultapses;
        return ConnectivityBuilder.ByRow(c, (int i, ref PhiloxStream rng, List<int> row)
            => ConnectivityBuilder.DrawDistinct(degree, postSize, skipSelf ? i : -1, multapses, ref rng, row));
    }

    /// <inheritdoc/>
    public override double? ExpectedSynapses(FixedOutDegreeConnector spec, long pre, long post) => (double)spec.K * pre;
}
