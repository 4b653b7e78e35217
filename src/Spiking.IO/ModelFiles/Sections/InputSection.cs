using Spiking.Description;
using Spiking.IO.ModelFiles.Reading;
using Spiking.Inputs;

namespace Spiking.IO.ModelFiles.Sections;

/// <summary>
/// Reads <c>[[inputs]]</c>: <c>kind</c>, <c>name</c> and <c>target</c>, then the kind's own keys. The kinds,
/// their keys and how they read them come from <see cref="InputRegistry"/> (one file per kind in
/// Spiking.Core/Inputs: poisson, spike_times, current, noise, series).
/// </summary>
internal static class InputSection
{
    /// <summary>The inputs in file order; an input of unknown kind is kept as an empty current input (and flagged).</summary>
    public static List<InputSpec> Read(ReadContext ctx, TableReader top, PopulationModels models)
    {
        var inputs = new List<InputSpec>();
        foreach (var (k, t) in top.Elements("inputs"))
        {
            string at = $"inputs[{k}]";
            inputs.Add(ReadOne(ctx, new TableReader(ctx, t, at), at, models));
        }
        return inputs;
    }

    private static InputSpec ReadOne(ReadContext ctx, TableReader r, string at, PopulationModels models)
    {
        string? kind = r.String("kind", required: true, InputRegistry.NamesText);
        string name = r.String("name", required: true, "an input name") ?? "";
        string target = r.String("target", required: true, "the name of the driven population") ?? "";
        if (kind is not null && InputRegistry.TryGet(kind, out var inputKind))
        {
            r.CheckKeys(["kind", "name", "target", .. inputKind.Keys]);
            return inputKind.Read(name, target, new InputFields(ctx, r, at, models));
        }
        if (kind is not null)
            ctx.Error($"{at}.kind", r.LineOfKey("kind"), $"unknown input kind '{kind}'; expected {InputRegistry.NamesText}");
        ctx.Flag(at);
        return new CurrentInputSpec(name, target, [0], [0]);
    }
}
