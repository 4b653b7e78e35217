using Spiking.Connectors;
using Spiking.IO.ModelFiles.Reading;
using Spiking.Description;
using Spiking.IO.Toml;
using Spiking.Units;

namespace Spiking.IO.ModelFiles.Sections;

/// <summary>
/// Reads a projection's <c>connector</c>: a kind name alone (<c>"all_to_all"</c>, <c>"one_to_one"</c>)
/// or a table <c>{ kind = "fixed_probability", p = 0.02 }</c> with the kind's own keys. The kinds, their
/// keys and how they read them come from <see cref="ConnectorRegistry"/> (one file per kind in Spiking.Core/Connectors).
/// </summary>
internal static class ConnectorSection
{
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
                kind = r.String("kind", required: true, "a connector kind (" + string.Join(", ", ConnectorRegistry.Names) + ")");
                break;
            default:
                ctx.Error(path, entry.Line, $"expected a table such as {{ kind = \"fixed_probability\", p = 0.02 }}, got {entry.Value.Describe()}");
                return new AllToAllConnector();
        }
        if (kind is null) { ctx.Flag(path); return new AllToAllConnector(); }
        if (!ConnectorRegistry.TryGet(kind, out var connectorKind))
        {
            ctx.Error($"{path}.kind", ctx.LineOf($"{path}.kind"), $"unknown connector kind '{kind}'; expected one of {string.Join(", ", ConnectorRegistry.Names)}");
            ctx.Flag(path);
            return new AllToAllConnector();
        }
        if (r is null)
        {
            if (connectorKind.RequiredKeys.Count > 0)
            {
                ctx.Error(path, entry.Line, $"connector '{kind}' needs {string.Join(" and ", connectorKind.RequiredKeys)}: write {{ kind = \"{kind}\", ... }}");
                ctx.Flag(path);
                return new AllToAllConnector();
            }
            // The name alone: the kind reads an empty table, so its optional keys take their defaults.
            return connectorKind.Read(new ConnectorFields(new TableReader(ctx, new TTable { Line = entry.Line }, path)));
        }
        return FromTable(r, connectorKind);
    }

    /// <summary>A connector written as a table, of a known <paramref name="kind"/>.</summary>
    private static ConnectorSpec FromTable(TableReader r, IConnectorKind kind)
    {
        r.CheckKeys(["kind", "allow_autapses", .. kind.Keys]);
        bool autapses = r.Bool("allow_autapses") ?? true;
        // Every table was read for allow_multapses before the kinds became plugins: a kind that does not
        // take it still has it type-checked here, after the unknown-key error, so such files keep their messages.
        if (!kind.Keys.Contains("allow_multapses")) r.Bool("allow_multapses");
        return kind.Read(new ConnectorFields(r)) with { AllowAutapses = autapses };
    }
}
