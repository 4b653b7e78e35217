using System.Globalization;
using Spiking.IO.ModelFiles.Reading;
using Spiking.IO.Toml;

namespace Spiking.IO.ModelFiles;

/// <summary>
/// Variants of a model: <c>[variants.NAME]</c> tables of <c>"section.element.field" = value</c>
/// overrides, one of them chosen by the file's <c>variant</c> key or by the caller, and written into
/// the tree before anything is read from it (so that every check, the validator's included, sees
/// the overridden values).
/// </summary>
internal static class Variants
{
    private static readonly string[] ArraySections = ["populations", "projections", "inputs", "monitors", "series", "readouts"];

    /// <summary>
    /// Applies the chosen variant to <paramref name="root"/>: <paramref name="argument"/> when given,
    /// else the file's own <c>variant</c> key; nothing when neither names one.
    /// </summary>
    /// <returns>The name of the variant applied, or null when none was (an unknown name is an error in <paramref name="ctx"/>).</returns>
    public static string? Apply(ReadContext ctx, TTable root, TableReader top, string? argument)
    {
        var variants = new Dictionary<string, (TTable Table, int Line)>(StringComparer.Ordinal);
        if (top.Table("variants", required: false, "a table of variants ([variants.NAME])") is { } vt)
            foreach (var e in vt.Entries)
            {
                if (e.Value is TTable t) variants[e.Key] = (t, e.Line);
                else ctx.Error($"variants.{e.Key}", e.Line, $"expected a table of overrides ([variants.{e.Key}]), got {e.Value.Describe()}");
            }
        string known = variants.Count == 0 ? "this file defines no variants" : "variants in this file: " + string.Join(", ", variants.Keys);

        string? chosen = null;
        int? chosenLine = null;
        if (top.String("variant", required: false, "the name of a variant defined under [variants]") is { } fileDefault)
        {
            chosen = fileDefault;
            chosenLine = top.LineOfKey("variant");
            if (!variants.ContainsKey(fileDefault) && argument is null)
                ctx.Error("variant", chosenLine, $"unknown variant '{fileDefault}'; {known}");
        }
        if (argument is not null)
        {
            chosen = argument;
            chosenLine = null;
            if (!variants.ContainsKey(argument)) ctx.Error("variant", null, $"unknown variant '{argument}'; {known}");
        }
        if (chosen is null || !variants.TryGetValue(chosen, out var variant)) return null;

        var overrides = new List<(string Path, TNode Value, int Line)>();
        Flatten(variant.Table, "", overrides);
        foreach (var (path, value, line) in overrides)
            ApplyOverride(ctx, root, chosen, path, value, line);
        return chosen;
    }

    private static void Flatten(TTable t, string prefix, List<(string, TNode, int)> into)
    {
        foreach (var e in t.Entries)
        {
            string path = prefix.Length == 0 ? e.Key : prefix + "." + e.Key;
            if (e.Value is TTable { Inline: false } sub) Flatten(sub, path, into);
            else into.Add((path, e.Value, e.Line));
        }
    }

    private static void ApplyOverride(ReadContext ctx, TTable root, string variant, string path, TNode value, int line)
    {
        string at = $"variants.{variant}.\"{path}\"";
        var parts = path.Split('.');
        string section = parts[0];
        const string form = "expected section.element.field, for example \"projections.ie.weight\", \"inputs.ext.rate\", \"populations.exc.parameters.tau_m\" or \"simulation.duration\"";
        TTable target;
        int rest;
        if (section == "simulation")
        {
            if (root.Find("simulation")?.Value is not TTable sim) { ctx.Error(at, line, "the file has no [simulation] table to override"); return; }
            target = sim;
            rest = 1;
        }
        else if (ArraySections.Contains(section))
        {
            if (parts.Length < 3) { ctx.Error(at, line, form); return; }
            var elements = root.Find(section)?.Value switch
            {
                TTableArray a => a.Tables,
                TArray a => a.Items.OfType<TTable>().ToList(),
                _ => [],
            };
            string element = parts[1];
            var found = elements.FirstOrDefault(t => t.Find("name")?.Value is TScalar { Value: string n } && n == element);
            if (found is null && int.TryParse(element, NumberStyles.None, CultureInfo.InvariantCulture, out int index) && index < elements.Count)
                found = elements[index];
            if (found is null)
            {
                var names = elements.Select(t => t.Find("name")?.Value is TScalar { Value: string n } ? n : null).OfType<string>().ToList();
                ctx.Error(at, line, $"no element of {section} named '{element}'" + (names.Count > 0 ? $"; names: {string.Join(", ", names)}" : $"; the file has no {section}"));
                return;
            }
            target = found;
            rest = 2;
        }
        else
        {
            ctx.Error(at, line, $"unknown section '{section}'; {form}");
            return;
        }
        if (rest >= parts.Length) { ctx.Error(at, line, form); return; }
        for (int i = rest; i < parts.Length - 1; i++)
        {
            var e = target.Find(parts[i]);
            if (e is null)
            {
                var t = new TTable { Line = line };
                target.Entries.Add(new TEntry(parts[i], t, line));
                target = t;
            }
            else if (e.Value is TTable t) target = t;
            else { ctx.Error(at, line, $"'{parts[i]}' is {e.Value.Describe()}, not a table, so it has no field '{parts[i + 1]}'"); return; }
        }
        target.Set(parts[^1], value, line);
    }
}
