using Spiking.Description;
using Spiking.IO.Toml;
using Spiking.Units;

namespace Spiking.IO.ModelFiles.Sections;

/// <summary>
/// Reads a projection's <c>connector</c>: a kind name alone (<c>"all_to_all"</c>, <c>"one_to_one"</c>)
/// or a table <c>{ kind = "fixed_probability", p = 0.02 }</c> with the kind's own keys.
/// </summary>
internal static class ConnectorSection
{
    /// <summary>The keys each kind takes besides kind and allow_autapses.</summary>
    private static readonly Dictionary<string, string[]> ConnectorKeys = new(StringComparer.Ordinal)
    {
        ["all_to_all"] = [],
        ["one_to_one"] = [],
        ["fixed_probability"] = ["p"],
        ["distance"] = ["C", "lambda"],
        ["fixed_indegree"] = ["k", "allow_multapses"],
        ["fixed_outdegree"] = ["k", "allow_multapses"],
        ["fixed_total_number"] = ["n"],
        ["explicit"] = ["pre", "post"],
    };

    /// <summary>The connector of <paramref name="projection"/>; all-to-all (with the error reported) when it cannot be read.</summary>
    public static ConnectorSpec Read(ReadContext ctx, TableReader projection, string at)
    {
        string path = $"{at}.connector";
        var entry = projection.Entry("connector");
        if (entry is null)
        {
            ctx.Error(path, projection.Line, "required: a connector such as { kind = \"fixed_probability\", p = 0.02 }");
            return new AllToAllConnector();
        }
        string? kind;
        TableReader? r = null;
        switch (entry.Value)
        {
            case TScalar { Value: string s }:
                kind = s;
                ctx.Record($"{path}.kind", entry.Line);
                break;
            case TTable t:
                r = new TableReader(ctx, t, path);
                kind = r.String("kind", required: true, "a connector kind (" + string.Join(", ", ConnectorKeys.Keys) + ")");
                break;
            default:
                ctx.Error(path, entry.Line, $"expected a table such as {{ kind = \"fixed_probability\", p = 0.02 }}, got {entry.Value.Describe()}");
                return new AllToAllConnector();
        }
        if (kind is null) { ctx.Flag(path); return new AllToAllConnector(); }
        if (!ConnectorKeys.TryGetValue(kind, out var extra))
        {
            ctx.Error($"{path}.kind", ctx.LineOf($"{path}.kind"), $"unknown connector kind '{kind}'; expected one of {string.Join(", ", ConnectorKeys.Keys)}");
            ctx.Flag(path);
            return new AllToAllConnector();
        }
        if (r is null)
        {
            if (extra.Length > 0)
            {
                ctx.Error(path, entry.Line, $"connector '{kind}' needs {string.Join(" and ", extra.Where(x => x != "allow_multapses"))}: write {{ kind = \"{kind}\", ... }}");
                ctx.Flag(path);
            }
            return kind switch { "one_to_one" => new OneToOneConnector(), _ => new AllToAllConnector() };
        }
        return FromTable(r, kind, extra);
    }

    /// <summary>A connector written as a table, of a known <paramref name="kind"/> taking the <paramref name="extra"/> keys.</summary>
    private static ConnectorSpec FromTable(TableReader r, string kind, string[] extra)
    {
        r.CheckKeys(["kind", "allow_autapses", .. extra]);
        bool autapses = r.Bool("allow_autapses") ?? true;
        bool multapses = r.Bool("allow_multapses") ?? false;
        ConnectorSpec c = kind switch
        {
            "all_to_all" => new AllToAllConnector(),
            "one_to_one" => new OneToOneConnector(),
            "fixed_probability" => new FixedProbabilityConnector(r.Quantity("p", Dimension.Dimensionless, required: true) ?? 0),
            "distance" => new DistanceConnector(r.Quantity("C", Dimension.Dimensionless, required: true) ?? 0, r.Quantity("lambda", Dimension.Dimensionless, required: true) ?? 1),
            "fixed_indegree" => new FixedInDegreeConnector((int)(r.Integer("k", required: true, int.MinValue, int.MaxValue, "an integer number of synapses per post neuron") ?? 0), multapses),
            "fixed_outdegree" => new FixedOutDegreeConnector((int)(r.Integer("k", required: true, int.MinValue, int.MaxValue, "an integer number of synapses per pre neuron") ?? 0), multapses),
            "fixed_total_number" => new FixedTotalNumberConnector(r.Integer("n", required: true, long.MinValue, long.MaxValue, "an integer number of synapses") ?? 0),
            "explicit" => new ExplicitConnector(r.IntList("pre", required: true) ?? [], r.IntList("post", required: true) ?? []),
            _ => throw new InvalidOperationException(kind),
        };
        return c with { AllowAutapses = autapses };
    }
}
