using Spiking.Description;
using Spiking.IO.Toml;
using Spiking.Units;
using Spiking.IO.ModelFiles;

namespace Spiking.IO.ModelFiles.Reading;

/// <summary>Typed access to the keys of one table, recording lines and reporting errors under a path.</summary>
internal sealed class TableReader(ReadContext ctx, TTable table, string path)
{
    public int Line => table.Line;

    private string PathOf(string key) => path.Length == 0 ? key : $"{path}.{key}";

    public void CheckKeys(params string[] allowed)
    {
        foreach (var e in table.Entries)
            if (!allowed.Contains(e.Key))
                ctx.Error(PathOf(e.Key), e.Line, $"unknown key '{e.Key}'; allowed keys here: {string.Join(", ", allowed)}");
    }

    public bool Has(string key) => table.Find(key) is not null;

    public int? LineOfKey(string key) => table.Find(key)?.Line;

    /// <summary>The entry for <paramref name="key"/>, with its line recorded; null when absent.</summary>
    public TEntry? Entry(string key)
    {
        var e = table.Find(key);
        if (e is not null) ctx.Record(PathOf(key), e.Line);
        return e;
    }

    private TEntry? Get(string key, bool required, string expected)
    {
        var e = Entry(key);
        if (e is null && required) ctx.Error(PathOf(key), table.Line, $"required: {expected}");
        return e;
    }

    /// <summary>Reports that the value of <paramref name="e"/> is not of the <paramref name="expected"/> kind.</summary>
    public void TypeError(TEntry e, string expected) => Expected(e.Key, e.Line, expected, e.Value.Describe());

    /// <summary>
    /// Reports "expected <paramref name="expected"/>, got <paramref name="got"/>" under <paramref name="key"/>,
    /// on <paramref name="line"/> (the key's, or that of the element of it at fault).
    /// </summary>
    public void Expected(string key, int line, string expected, string got)
        => ctx.Error(PathOf(key), line, $"expected {expected}, got {got}");

    public string? String(string key, bool required, string expected)
    {
        if (Get(key, required, expected) is not { } e) return null;
        if (e.Value is TScalar { Value: string s }) return s;
        TypeError(e, $"a string: {expected}");
        return null;
    }

    public bool? Bool(string key)
    {
        if (Get(key, false, "") is not { } e) return null;
        if (e.Value is TScalar { Value: bool b }) return b;
        TypeError(e, "true or false");
        return null;
    }

    public long? Integer(string key, bool required, long min, long max, string expected)
    {
        if (Get(key, required, expected) is not { } e) return null;
        long v;
        switch (e.Value)
        {
            case TScalar { Value: long l }: v = l; break;
            case TScalar { Value: double d } when d == Math.Floor(d) && Math.Abs(d) < 9e15: v = (long)d; break;
            default: TypeError(e, expected); return null;
        }
        if (v < min || v > max)
        {
            ctx.Error(PathOf(key), e.Line, v < min && min == 0 ? $"expected {expected}, got {v}" : $"{v} is out of range; expected {expected}");
            return null;
        }
        return v;
    }

    public TTable? Table(string key, bool required, string expected)
    {
        if (Get(key, required, expected) is not { } e) return null;
        if (e.Value is TTable t) return t;
        TypeError(e, expected);
        return null;
    }

    /// <summary>The tables of an array-of-tables section ([[key]] or key = [{...}, ...]), with their index.</summary>
    public IEnumerable<(int Index, TTable Table)> Elements(string key)
    {
        var e = Entry(key);
        if (e is null) yield break;
        List<TTable>? tables = e.Value switch
        {
            TTableArray a => a.Tables,
            TArray a when a.Items.All(x => x is TTable) => a.Items.Cast<TTable>().ToList(),
            _ => null,
        };
        if (tables is null)
        {
            TypeError(e, $"an array of tables, written [[{key}]]");
            yield break;
        }
        for (int k = 0; k < tables.Count; k++)
        {
            ctx.Record($"{PathOf(key)}[{k}]", tables[k].Line);
            yield return (k, tables[k]);
        }
    }

    public double? Quantity(string key, Dimension? dim, bool required)
    {
        if (Get(key, required, dim is { } d ? $"a quantity in {Units.Quantity.BaseUnit(d)}" : "a number") is not { } e) return null;
        return ctx.Quantities.QuantityOf(e.Value, dim, PathOf(key), e.Line);
    }

    public ValueSpec? Value(string key, Dimension? dim, bool required)
    {
        if (Get(key, required, "a value, { uniform = [low, high] } or { normal = [mean, sd] }") is not { } e) return null;
        return ctx.Quantities.ValueOf(e.Value, dim, PathOf(key), e.Line);
    }

    private TArray? Array(string key, bool required, string expected)
    {
        if (Get(key, required, expected) is not { } e) return null;
        if (e.Value is TArray a) return a;
        TypeError(e, expected);
        return null;
    }

    public IReadOnlyList<int>? IntList(string key, bool required)
    {
        const string expected = "an array of neuron indices such as [0, 1, 2]";
        if (Array(key, required, expected) is not { } a) return null;
        var list = new List<int>(a.Items.Count);
        foreach (var item in a.Items)
        {
            if (item is TScalar { Value: long l } && l >= int.MinValue && l <= int.MaxValue) list.Add((int)l);
            else { ctx.Error(PathOf(key), item.Line, $"expected {expected}; entry {list.Count} is {item.Describe()}"); return null; }
        }
        return list;
    }

    public IReadOnlyList<double>? QuantityList(string key, Dimension dim, bool required)
    {
        if (Array(key, required, $"an array of quantities in {Units.Quantity.BaseUnit(dim)}") is not { } a) return null;
        var list = new List<double>(a.Items.Count);
        foreach (var item in a.Items)
        {
            if (ctx.Quantities.QuantityOf(item, dim, PathOf(key), item.Line) is { } v) list.Add(v);
            else return null;
        }
        return list;
    }

    /// <summary>An array of arrays of quantities, such as spike_times = [[10, 20], ["15 ms"], []].</summary>
    public IReadOnlyList<IReadOnlyList<double>>? QuantityLists(string key, Dimension dim, bool required)
    {
        string expected = $"an array of arrays of quantities in {Units.Quantity.BaseUnit(dim)}, one per unit, such as [[10, 20], [15]]";
        if (Array(key, required, expected) is not { } a) return null;
        var lists = new List<IReadOnlyList<double>>(a.Items.Count);
        foreach (var item in a.Items)
        {
            if (item is not TArray inner) { ctx.Error(PathOf(key), item.Line, $"expected {expected}; entry {lists.Count} is {item.Describe()}"); return null; }
            var list = new List<double>(inner.Items.Count);
            foreach (var x in inner.Items)
            {
                if (ctx.Quantities.QuantityOf(x, dim, PathOf(key), x.Line) is { } v) list.Add(v);
                else return null;
            }
            lists.Add(list);
        }
        return lists;
    }

    public IReadOnlyList<string>? StringList(string key, bool required)
    {
        const string expected = "an array of names such as [\"v\"]";
        if (Array(key, required, expected) is not { } a) return null;
        var list = new List<string>(a.Items.Count);
        foreach (var item in a.Items)
        {
            if (item is TScalar { Value: string s }) list.Add(s);
            else { ctx.Error(PathOf(key), item.Line, $"expected {expected}; entry {list.Count} is {item.Describe()}"); return null; }
        }
        return list;
    }
}
