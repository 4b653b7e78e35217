using Spiking.Description;
using Spiking.Random;

namespace Spiking.Connectors;

/// <summary>
/// <c>all_to_all</c> (<see cref="AllToAllConnector"/>): every pre neuron to every post neuron. Written
/// as its name alone or <c>{ kind = "all_to_all" }</c>; its in-degree is the pre population's size,
/// so <c>--scale</c> refuses it.
/// </summary>
internal sealed class AllToAllKind : ConnectorKind<AllToAllConnector>
{
    /// <summary>The one instance, as registered.</summary>
    public static AllToAllKind Instance { get; } = new();

    /// <inheritdoc/>
    public override string Name => "all_to_all";

    /// <inheritdoc/>
    public override AllToAllConnector Read(IConnectorFields fields) => new();

    /// <inheritdoc/>
    public override ConnectorSpec? Scale(AllToAllConnector spec, ConnectorScaling s)
        => s.Refuse($"projection '{s.Projection.Name}' is all_to_all, whose in-degree (the size of '{s.Projection.Pre}') changes with --scale; use fixed_probability or fixed_indegree to keep it");

    /// <inheritdoc/>
    public override SynapseTable Build(AllToAllConnector spec, in ConnectivityBuilder.Context c)
    {
        int postSize = c.PostSize;
        bool skipSelf = c.SkipSelf;
        return ConnectivityBuilder.ByRow(c, (int i, ref PhiloxStream rng, List<int> row) => AllTargets(i, postSize, skipSelf, row));
    }

    /// <summary>Every post neuron, but i itself when <paramref name="skipSelf"/>; shared with p = 1 (<see cref="FixedProbabilityKind"/>).</summary>
    internal static void AllTargets(int i, int postSize, bool skipSelf, List<int> row)
    {
        for (int j = 0; j < postSize; j++)
            if (!(skipSelf && j == i)) row.Add(j);
    }

    /// <inheritdoc/>
    public override double? ExpectedSynapses(AllToAllConnector spec, long pre, long post) => (double)pre * post;
}
