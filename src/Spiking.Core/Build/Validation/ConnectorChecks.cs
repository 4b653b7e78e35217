using Spiking.Description;

namespace Spiking.Build;

/// <summary>A projection's connector: its numbers against the sizes it joins, and the positions it needs.</summary>
internal static class ConnectorChecks
{
    /// <summary>Checks the connector of projection <paramref name="pr"/>; <paramref name="at"/> is the projection's path.</summary>
    public static void Check(ValidationContext ctx, ProjectionSpec pr, ProjectionEnds ends, string at)
    {
        CheckConnector(ctx, pr.Connector, ends.PreOk ? ends.Pre.Spec.Size : -1, ends.PostOk ? ends.Post.Spec.Size : -1, $"{at}.connector");
        if (pr.Connector is DistanceConnector)
        {
            if (ends.PreOk && ends.Pre.Spec.Layout is null) ctx.Err($"{at}.connector", $"a distance connector needs positions: population '{pr.Pre}' has no layout (give it layout = {{ grid = [nx, ny, nz] }})");
            if (ends.PostOk && ends.Post.Spec.Layout is null && pr.Post != pr.Pre) ctx.Err($"{at}.connector", $"a distance connector needs positions: population '{pr.Post}' has no layout (give it layout = {{ grid = [nx, ny, nz] }})");
        }
    }

    /// <summary>The connector's own numbers; a size of −1 (unknown population) skips the checks against it.</summary>
    private static void CheckConnector(ValidationContext ctx, ConnectorSpec c, int preSize, int postSize, string at)
    {
        switch (c)
        {
            case FixedProbabilityConnector fp:
                if (!(fp.P >= 0 && fp.P <= 1)) ctx.Err($"{at}.p", $"a probability must be between 0 and 1 (got {fp.P})");
                break;
            case FixedInDegreeConnector k:
                if (k.K < 0) ctx.Err($"{at}.k", $"must be >= 0 (got {k.K})");
                else if (preSize > 0 && !k.AllowMultapses && k.K > preSize) ctx.Err($"{at}.k", $"{k.K} distinct sources asked from a population of {preSize}");
                break;
            case FixedOutDegreeConnector k:
                if (k.K < 0) ctx.Err($"{at}.k", $"must be >= 0 (got {k.K})");
                else if (postSize > 0 && !k.AllowMultapses && k.K > postSize) ctx.Err($"{at}.k", $"{k.K} distinct targets asked from a population of {postSize}");
                break;
            case FixedTotalNumberConnector n:
                if (n.N < 0) ctx.Err($"{at}.n", $"must be >= 0 (got {n.N})");
                break;
            case DistanceConnector dc:
                if (!(dc.C >= 0 && dc.C <= 1)) ctx.Err($"{at}.C", $"the peak probability C must be between 0 and 1 (got {dc.C})");
                if (!(dc.Lambda > 0) || !double.IsFinite(dc.Lambda)) ctx.Err($"{at}.lambda", $"must be a positive distance in grid units (got {dc.Lambda})");
                break;
            case OneToOneConnector:
                if (preSize > 0 && postSize > 0 && preSize != postSize) ctx.Err($"{at}.kind", $"one_to_one needs equal sizes (pre {preSize}, post {postSize})");
                break;
            case ExplicitConnector e:
                if (e.Pre.Count != e.Post.Count) ctx.Err($"{at}.post", $"{e.Post.Count} post indices for {e.Pre.Count} pre indices; give pairs");
                if (preSize > 0) ValueChecks.CheckNeurons(ctx, e.Pre, preSize, $"{at}.pre");
                if (postSize > 0) ValueChecks.CheckNeurons(ctx, e.Post, postSize, $"{at}.post");
                break;
        }
    }
}
