using Spiking.Description;
using Spiking.IO.ModelFiles.Reading;
using Spiking.IO.Toml;
using Spiking.Units;

namespace Spiking.IO.ModelFiles.Sections;

/// <summary>Reads a projection's <c>plasticity</c> table: the learning rule, its options and its parameters.</summary>
internal static class PlasticitySection
{
    /// <summary>
    /// Reads <c>plasticity = { rule = "stdp", pairing = "all", tau_plus = "20 ms", w_max = "1 nS", ... }</c>:
    /// the rule's options are strings, its parameters quantities in their dimension (bounds and
    /// normalize_total in the receptor's weight unit). Null when absent or unreadable.
    /// </summary>
    public static PlasticitySpec? Read(ReadContext ctx, TableReader projection, string at, Dimension? weightDimension)
    {
        string path = $"{at}.plasticity";
        var entry = projection.Entry("plasticity");
        if (entry is null) return null;
        if (entry.Value is not TTable t)
        {
            ctx.Error(path, entry.Line, $"expected a table such as {{ rule = \"stdp\", tau_plus = \"20 ms\" }}, got {entry.Value.Describe()}");
            return null;
        }
        var r = new TableReader(ctx, t, path);
        string? name = r.String("rule", required: true, "a learning rule (" + string.Join(", ", Plasticity.PlasticityRegistry.Names) + ")");
        if (name is null) { ctx.Flag(path); return null; }
        if (!Plasticity.PlasticityRegistry.TryGet(name, out var rule))
        {
            ctx.Error($"{path}.rule", r.LineOfKey("rule"), $"unknown rule '{name}'; expected one of {string.Join(", ", Plasticity.PlasticityRegistry.Names)}");
            ctx.Flag(path);
            return null;
        }
        var parameters = Plasticity.PlasticityRegistry.ParametersOf(rule).ToList();
        r.CheckKeys(["rule", .. rule.Options.Select(o => o.Name), .. parameters.Select(p => p.Name)]);
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var o in rule.Options)
        {
            if (r.String(o.Name, required: false, string.Join(" or ", o.Values.Select(v => $"\"{v}\""))) is not { } v) continue;
            if (o.Values.Contains(v)) options[o.Name] = v;
            else ctx.Error($"{path}.{o.Name}", r.LineOfKey(o.Name), $"unknown {o.Name} '{v}' for rule '{rule.Name}'; expected {string.Join(" or ", o.Values)}");
        }
        var values = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var p in parameters)
        {
            if (!r.Has(p.Name)) continue;
            var dim = p.Dimension ?? weightDimension;
            if (r.Quantity(p.Name, dim, required: false) is { } v) values[p.Name] = v;
        }
        return new PlasticitySpec(rule.Name, values, options);
    }
}
