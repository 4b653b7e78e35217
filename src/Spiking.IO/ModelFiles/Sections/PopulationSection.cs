using Spiking.Description;
using Spiking.IO.ModelFiles.Reading;
using Spiking.IO.Toml;
using Spiking.Models;
using Spiking.Units;

namespace Spiking.IO.ModelFiles.Sections;

/// <summary>
/// Reads <c>[[populations]]</c>: name, model, size, precise_spike_times, layout, column, spike_times,
/// and the model's parameters and initial state, each checked against the named model.
/// </summary>
internal static class PopulationSection
{
    /// <summary>The populations in file order; <paramref name="models"/> gets the model of each one whose model is known.</summary>
    public static List<PopulationSpec> Read(ReadContext ctx, TableReader top, PopulationModels models)
    {
        var populations = new List<PopulationSpec>();
        foreach (var (k, t) in top.Elements("populations"))
            populations.Add(ReadOne(ctx, new TableReader(ctx, t, $"populations[{k}]"), $"populations[{k}]", models));
        return populations;
    }

    private static PopulationSpec ReadOne(ReadContext ctx, TableReader r, string at, PopulationModels models)
    {
        r.CheckKeys("name", "model", "size", "precise_spike_times", "parameters", "initial", "layout", "column", "spike_times");
        string name = r.String("name", required: true, "a population name") ?? "";
        string modelName = r.String("model", required: true, "a model name (" + string.Join(", ", ModelRegistry.Names) + ")") ?? "";
        int size = (int)(r.Integer("size", required: true, int.MinValue, int.MaxValue, "an integer number of neurons") ?? 0);
        bool precise = r.Bool("precise_spike_times") ?? false;
        var layout = ReadLayout(ctx, r, at);
        string? column = r.String("column", required: false, "the name of a column whose grid sites this population shares");
        var spikeTimes = r.QuantityLists("spike_times", Dimension.Time, required: false);
        ModelRegistry.TryGet(modelName, out var model);
        if (model is not null) models.Add(name, model);
        var parameters = ReadParameters(ctx, r, at, model);
        var initial = ReadInitial(ctx, r, at, model);
        return new PopulationSpec(name, modelName, size, parameters, initial)
        {
            PreciseSpikeTimes = precise,
            Layout = layout,
            Column = column,
            SpikeTimes = spikeTimes,
        };
    }

    /// <summary>Reads <c>[populations.parameters]</c>, each a quantity in the dimension the model gives it.</summary>
    private static Dictionary<string, double> ReadParameters(ReadContext ctx, TableReader r, string at, INeuronModel? model)
    {
        var parameters = new Dictionary<string, double>(StringComparer.Ordinal);
        if (r.Table("parameters", required: false, "a table of parameter values") is not { } pt) return parameters;
        if (model is null)
        {
            ctx.Flag($"{at}.parameters");
            return parameters;
        }
        foreach (var e in pt.Entries)
        {
            string path = $"{at}.parameters.{e.Key}";
            ctx.Record(path, e.Line);
            var info = model.Parameters.FirstOrDefault(p => p.Name == e.Key);
            if (info is null)
            {
                ctx.Error(path, e.Line, $"model '{model.Name}' has no parameter '{e.Key}'; allowed: {string.Join(", ", model.Parameters.Select(p => p.Name))}");
                continue;
            }
            if (ctx.Quantities.QuantityOf(e.Value, info.Dimension, path, e.Line) is { } v) parameters[e.Key] = v;
        }
        return parameters;
    }

    /// <summary>Reads <c>[populations.initial]</c>, each a quantity or a distribution drawn per neuron.</summary>
    private static Dictionary<string, ValueSpec> ReadInitial(ReadContext ctx, TableReader r, string at, INeuronModel? model)
    {
        var initial = new Dictionary<string, ValueSpec>(StringComparer.Ordinal);
        if (r.Table("initial", required: false, "a table of initial values") is not { } it) return initial;
        if (model is null)
        {
            ctx.Flag($"{at}.initial");
            return initial;
        }
        foreach (var e in it.Entries)
        {
            string path = $"{at}.initial.{e.Key}";
            ctx.Record(path, e.Line);
            var info = model.Variables.FirstOrDefault(p => p.Name == e.Key);
            if (info is null)
            {
                ctx.Error(path, e.Line, $"model '{model.Name}' has no state variable '{e.Key}'; allowed: {string.Join(", ", model.Variables.Select(p => p.Name))}");
                continue;
            }
            if (ctx.Quantities.ValueOf(e.Value, info.Dimension, path, e.Line) is { } v) initial[e.Key] = v;
        }
        return initial;
    }

    /// <summary>Reads <c>layout = { grid = [nx, ny, nz] }</c>; null when absent or unreadable.</summary>
    private static GridLayout? ReadLayout(ReadContext ctx, TableReader population, string at)
    {
        string path = $"{at}.layout";
        var entry = population.Entry("layout");
        if (entry is null) return null;
        const string expected = "a table such as { grid = [15, 3, 3] }";
        if (entry.Value is not TTable t)
        {
            ctx.Error(path, entry.Line, $"expected {expected}, got {entry.Value.Describe()}");
            return null;
        }
        var r = new TableReader(ctx, t, path);
        r.CheckKeys("grid");
        var grid = r.IntList("grid", required: true);
        if (grid is null) return null;
        if (grid.Count != 3)
        {
            ctx.Error($"{path}.grid", r.LineOfKey("grid"), $"expected three grid dimensions [nx, ny, nz], got {grid.Count}");
            return null;
        }
        return new GridLayout(grid[0], grid[1], grid[2]);
    }
}
