using Spiking.Description;
using Spiking.IO.ModelFiles.Reading;
using Spiking.IO.Toml;
using Spiking.Tasks;

namespace Spiking.IO.ModelFiles.Sections;

/// <summary>
/// Reads <c>[[series]]</c>: time series generated in code (name, generator, and the generator's
/// parameters as quantities), which inputs drive and readouts learn.
/// </summary>
internal static class SeriesSection
{
    /// <summary>The series in file order.</summary>
    public static List<SeriesSpec> Read(ReadContext ctx, TableReader top)
    {
        var seriesList = new List<SeriesSpec>();
        foreach (var (k, t) in top.Elements("series"))
            seriesList.Add(ReadOne(ctx, t, $"series[{k}]"));
        return seriesList;
    }

    /// <summary>"name" or "name.channel" of a series.</summary>
    public static (string Series, string Channel) Reference(string text) => Inputs.SeriesKind.Reference(text);

    private static SeriesSpec ReadOne(ReadContext ctx, TTable t, string at)
    {
        var r = new TableReader(ctx, t, at);
        string name = r.String("name", required: true, "a series name") ?? "";
        string generator = r.String("generator", required: true, "a generator (" + string.Join(", ", SeriesGenerators.All.Keys) + ")") ?? "";
        var parameters = new Dictionary<string, double>(StringComparer.Ordinal);
        SeriesGenerators.All.TryGetValue(generator, out var info);
        if (info is null && r.Has("generator"))
            ctx.Error($"{at}.generator", r.LineOfKey("generator"), $"unknown generator '{generator}'; expected one of {string.Join(", ", SeriesGenerators.All.Keys)}");
        foreach (var e in t.Entries)
        {
            if (e.Key is "name" or "generator") continue;
            string path = $"{at}.{e.Key}";
            ctx.Record(path, e.Line);
            if (info is null) continue;
            if (!info.Parameters.ContainsKey(e.Key))
            {
                ctx.Error(path, e.Line, $"generator '{generator}' has no parameter '{e.Key}'; allowed: {(info.Parameters.Count == 0 ? "(none)" : string.Join(", ", info.Parameters.Keys))}");
                continue;
            }
            if (ctx.Quantities.QuantityOf(e.Value, SeriesGenerators.DimensionOf(e.Key), path, e.Line) is { } v) parameters[e.Key] = v;
        }
        return new SeriesSpec(name, generator, parameters);
    }
}
