using Spiking.Connectors;
using Spiking.Description;

namespace Spiking.Build;

/// <summary>
/// A projection's connector: its numbers against the sizes it joins, and the positions it needs. The
/// checks belong to the connector's kind (<see cref="IConnectorKind.Check"/>); no kind is named here.
/// </summary>
internal static class ConnectorChecks
{
    /// <summary>Checks the connector of projection <paramref name="pr"/>; <paramref name="at"/> is the projection's path.</summary>
    public static void Check(ValidationContext ctx, ProjectionSpec pr, ProjectionEnds ends, string at)
    {
        // A record of no registered kind has nothing to check here; building it says it is not supported.
        if (!ConnectorRegistry.TryGet(pr.Connector, out var kind)) return;
        var check = new ConnectorCheck(pr, ends.PreOk ? ends.Pre.Spec : null, ends.PostOk ? ends.Post.Spec : null, $"{at}.connector",
            ctx.Err, (neurons, size, path) => ValueChecks.CheckNeurons(ctx, neurons, size, path));
        kind.Check(pr.Connector, check);
    }
}
