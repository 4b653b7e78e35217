using Spiking.Description;
using Spiking.Random;

namespace Spiking.Connectors;

/// <summary>
/// <c>fixed_total_number</c> (<see cref="FixedTotalNumberConnector"/>): exactly n synapses between
/// pairs drawn uniformly with replacement, from one stream for the projection. Written
/// <c>{ kind = "fixed_total_number", n = 5000 }</c>.
/// </summary>
internal sealed class FixedTotalNumberKind : ConnectorKind<FixedTotalNumberConnector>
{
    /// <summary>The one instance, as registered.</summary>
    public static FixedTotalNumberKind Instance { get; } = new();

    /// <inheritdoc/>
    public override string Name => "fixed_total_number";

    /// <inheritdoc/>
    public override IReadOnlyList<string> Keys { get; } = ["n"];

    /// <inheritdoc/>
    public override IReadOnlyList<string> RequiredKeys { get; } = ["n"];

    /// <inheritdoc/>
    public override FixedTotalNumberConnector Read(IConnectorFields fields)
        => new(fields.Integer("n", required: true, long.MinValue, long.MaxValue, "an integer number of synapses") ?? 0);

    /// <inheritdoc/>
    public override void Check(FixedTotalNumberConnector n, ConnectorCheck check)
    {
        if (n.N < 0) check.Error("n", $"must be >= 0 (got {n.N})");
    }

    /// <inheritdoc/>
    public override ConnectorSpec? Scale(FixedTotalNumberConnector ft, ConnectorScaling s)
    {
        // In-degree n/N_post: n shrinks with N_post.
        return ft with { N = (long)Math.Round(ft.N * s.PostRatio) };
    }

    /// <inheritdoc/>
    public override SynapseTable Build(FixedTotalNumberConnector n, in ConnectivityBuilder.Context c)
        => ConnectivityBuilder.FromPairs(c, DrawPairs(c, n));

    private static (int Pre, int Post)[] DrawPairs(in ConnectivityBuilder.Context c, FixedTotalNumberConnector n)
    {
        bool skipSelf = c.SkipSelf;
        var rng = new PhiloxStream(c.Seed, StreamKind.ProjectionGlobal, c.ProjectionIndex, 0);
        var pairs = new (int, int)[n.N];
        for (long m = 0; m < n.N; m++)
        {
            int i, j;
            do { i = rng.NextInt(c.PreSize); j = rng.NextInt(c.PostSize); } while (skipSelf && i == j);
            pairs[m] = (i, j);
        }
        return pairs;
    }

    /// <inheritdoc/>
    public override double? ExpectedSynapses(FixedTotalNumberConnector spec, long pre, long post) => spec.N;
}
