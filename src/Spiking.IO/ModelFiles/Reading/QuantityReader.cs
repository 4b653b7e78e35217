using System.Globalization;
using Spiking.IO.ModelFiles.Reading;
using Spiking.Description;
using Spiking.IO.Toml;
using Spiking.Units;
using Spiking.IO.ModelFiles;

namespace Spiking.IO.ModelFiles.Reading;

/// <summary>
/// Reads quantities (a bare number in the field's base unit, or a string with a unit such as
/// <c>"20 ms"</c>) and per-element values (a quantity or a distribution), reporting every problem
/// with its path and line.
/// </summary>
internal sealed class QuantityReader(ReadContext ctx)
{
    private static string Example(Dimension d) => d switch
    {
        Dimension.Time => "\"20 ms\"",
        Dimension.Voltage => "\"-50 mV\"",
        Dimension.Current => "\"0.5 nA\"",
        Dimension.Conductance => "\"6 nS\"",
        Dimension.Capacitance => "\"200 pF\"",
        Dimension.Resistance => "\"100 Mohm\"",
        Dimension.Frequency => "\"10 Hz\"",
        Dimension.Length => "\"10 um\"",
        _ => "0.5",
    };

    private static string Expectation(Dimension? d) => d switch
    {
        null => "a number, or a string with a unit",
        Dimension.Dimensionless => "a plain number",
        { } x => $"a {x.ToString().ToLowerInvariant()}: a number in {Quantity.BaseUnit(x)} or a string with a unit such as {Example(x)}",
    };

    /// <summary>
    /// Drops the last-bit noise of unit conversion ("15 nS" comes out of <see cref="Quantity.TryParse"/> as
    /// 15.000000000000002, "1620 uV" as 1.6199999999999999): a value written in a file has at most 15
    /// significant digits that mean anything.
    /// </summary>
    private static double Snap(double v)
        => double.IsFinite(v) ? double.Parse(v.ToString("G15", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture) : v;

    /// <summary>Reads a quantity of dimension <paramref name="dim"/> (null: any dimension, when it cannot be known yet).</summary>
    public double? QuantityOf(TNode node, Dimension? dim, string path, int line)
    {
        var v = RawQuantityOf(node, dim, path, line);
        // The state is float32 and every number of a model is a measurement: NaN, infinity and magnitudes
        // past float32's range are always a mistake, and would poison the run silently.
        if (v is { } x && !(double.IsFinite(x) && Math.Abs(x) <= float.MaxValue))
        {
            ctx.Error(path, line, $"{(double.IsNaN(x) ? "NaN" : double.IsInfinity(x) ? "an infinite value" : $"{x:G3}, past the range of 32-bit floats,")} is not a usable value; expected {Expectation(dim)}");
            return null;
        }
        return v;
    }

    private double? RawQuantityOf(TNode node, Dimension? dim, string path, int line)
    {
        switch (node)
        {
            case TScalar { Value: long l }: return l;
            case TScalar { Value: double d }: return d;
            case TScalar { Value: string s }:
                if (dim is { } dd)
                {
                    if (Quantity.TryParse(s, dd, out var v, out var err)) return Snap(v);
                    ctx.Error(path, line, err.Contains("does not start with a number") || err.Contains("not a known unit")
                        ? $"{err}; expected {Expectation(dim)}" : err);
                    return null;
                }
                foreach (var any in Enum.GetValues<Dimension>())
                    if (Quantity.TryParse(s, any, out var v2, out _)) return Snap(v2);
                ctx.Error(path, line, $"'{s}' is not a number with a known unit; expected {Expectation(dim)}");
                return null;
            default:
                ctx.Error(path, line, $"expected {Expectation(dim)}, got {node.Describe()}");
                return null;
        }
    }

    /// <summary>Reads a per-element value: a quantity, { uniform = [low, high] } or { normal = [mean, sd] }.</summary>
    public ValueSpec? ValueOf(TNode node, Dimension? dim, string path, int line)
    {
        if (node is TScalar)
            return QuantityOf(node, dim, path, line) is { } c ? new ConstantValue(c) : null;
        string expected = $"expected {Expectation(dim)}, {{ uniform = [low, high] }}, {{ normal = [mean, sd] }} (optionally with min = ..., max = ...) or {{ gamma = [mean, sd] }}";
        // { normal = [..], min = .., max = .. } in any order (TOML itself refuses a key given twice).
        if (node is TTable nt && nt.Entries.Count is 2 or 3 && nt.Entries.Count(b => b.Key == "normal") == 1
            && nt.Entries.All(b => b.Key is "normal" or "min" or "max"))
            return TruncatedNormalOf(nt, dim, path);
        if (node is not TTable t || t.Entries.Count != 1 || t.Entries[0].Key is not ("uniform" or "normal" or "gamma"))
        {
            string got = node is TTable tt && tt.Entries.Count > 0 ? $"a table with keys {string.Join(", ", tt.Entries.Select(e => e.Key))}" : node.Describe();
            ctx.Error(path, line, $"{expected}; got {got}");
            return null;
        }
        var e = t.Entries[0];
        if (e.Value is not TArray { Items.Count: 2 } a)
        {
            ctx.Error(path, e.Line, $"{e.Key} takes two values: {(e.Key == "uniform" ? "[low, high]" : "[mean, sd]")}; got {e.Value.Describe()}");
            return null;
        }
        var x = QuantityOf(a.Items[0], dim, path, a.Items[0].Line);
        var y = QuantityOf(a.Items[1], dim, path, a.Items[1].Line);
        if (x is null || y is null) return null;
        return e.Key switch
        {
            "uniform" => new UniformValue(x.Value, y.Value),
            "gamma" => new GammaValue(x.Value, y.Value),
            _ => new NormalValue(x.Value, y.Value),
        };
    }

    /// <summary>{ normal = [mean, sd], min = ..., max = ... }: a normal redrawn outside [min, max].</summary>
    private ValueSpec? TruncatedNormalOf(TTable t, Dimension? dim, string path)
    {
        var only = new TTable { Inline = true, Line = t.Line };
        only.Entries.Add(t.Entries.Single(b => b.Key == "normal"));
        if (ValueOf(only, dim, path, t.Line) is not NormalValue n) return null;
        foreach (var b in t.Entries.Where(b => b.Key != "normal"))
        {
            if (QuantityOf(b.Value, dim, $"{path}.{b.Key}", b.Line) is not { } v) return null;
            n = b.Key == "min" ? n with { Low = v } : n with { High = v };
        }
        return n;
    }
}
