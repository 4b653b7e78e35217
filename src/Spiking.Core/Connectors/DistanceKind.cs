using Spiking.Description;
using Spiking.Random;
using Spiking.Units;

namespace Spiking.Connectors;

/// <summary>
/// <c>distance</c> (<see cref="DistanceConnector"/>): each pair with probability C·exp(−(D/λ)²), D the
/// distance of the two neurons on their layouts. Written <c>{ kind = "distance", C = 0.3, lambda = 2 }</c>;
/// both populations need a layout, and <c>--scale</c> refuses it (it cannot resize a layout).
/// </summary>
internal sealed class DistanceKind : ConnectorKind<DistanceConnector>
{
    /// <summary>The one instance, as registered.</summary>
    public static DistanceKind Instance { get; } = new();

    /// <inheritdoc/>
    public override string Name => "distance";

    /// <inheritdoc/>
    public override IReadOnlyList<string> Keys { get; } = ["C", "lambda"];

    /// <inheritdoc/>
    public override IReadOnlyList<string> RequiredKeys { get; } = ["C", "lambda"];

    /// <inheritdoc/>
    public override DistanceConnector Read(IConnectorFields fields)
        => new(fields.Quantity("C", Dimension.Dimensionless, required: true) ?? 0, fields.Quantity("lambda", Dimension.Dimensionless, required: true) ?? 1);

    /// <inheritdoc/>
    public override void Check(DistanceConnector dc, ConnectorCheck check)
    {
        if (!(dc.C >= 0 && dc.C <= 1)) check.Error("C", $"the peak probability C must be between 0 and 1 (got {dc.C})");
        if (!(dc.Lambda > 0) || !double.IsFinite(dc.Lambda)) check.Error("lambda", $"must be a positive distance in grid units (got {dc.Lambda})");
        var pr = check.Projection;
        if (check.Pre is { Layout: null }) check.Error("", $"a distance connector needs positions: population '{pr.Pre}' has no layout (give it layout = {{ grid = [nx, ny, nz] }})");
        if (check.Post is { Layout: null } && pr.Post != pr.Pre) check.Error("", $"a distance connector needs positions: population '{pr.Post}' has no layout (give it layout = {{ grid = [nx, ny, nz] }})");
    }

    /// <inheritdoc/>
    public override ConnectorSpec? Scale(DistanceConnector spec, ConnectorScaling s)
        => s.Refuse($"projection '{s.Projection.Name}' connects by distance on a layout, which --scale cannot resize");

    /// <inheritdoc/>
    public override SynapseTable Build(DistanceConnector dc, in ConnectivityBuilder.Context c)
    {
        // One uniform per candidate pair, in post order: O(post size) per row, which the
        // columns of a few hundred neurons this connector is made for can afford.
        var pre = c.PrePositions!; var post = c.PostPositions!;
        int postSize = c.PostSize;
        bool skipSelf = c.SkipSelf;
        double peak = dc.C;
        double inverseLambdaSq = 1 / (dc.Lambda * dc.Lambda);
        return ConnectivityBuilder.ByRow(c, (int i, ref PhiloxStream rng, List<int> row) =>
        {
            for (int j = 0; j < postSize; j++)
            {
                double u = rng.NextDouble();
                if (skipSelf && j == i) continue;
                double d = NeuronPositions.Distance(pre, i, post, j);
                if (u < peak * Math.Exp(-d * d * inverseLambdaSq)) row.Add(j);
            }
        });
    }
}
