using Spiking.Description;
using Tomlyn.Syntax;

namespace Spiking.IO.Toml;

/// <summary>
/// Builds the tree and enforces TOML's rules on keys and tables (a key defined twice, a table
/// defined twice, a value used as a table). Tomlyn 2.10.2's own semantic validation is not used: it
/// rejects valid files where a sub-table of one [[array]] element ([projections.connector]) is
/// followed by the same key in a later element.
/// </summary>
internal static class TomlTree
{
    private enum Origin { Header, Implicit, Dotted }

    private sealed class Builder(List<ValidationError> errors)
    {
        private readonly Dictionary<TTable, Origin> _origin = new(ReferenceEqualityComparer.Instance);

        private void Error(int line, string message) => errors.Add(new ValidationError("toml", message) { Line = line });

        public TTable Build(DocumentSyntax doc)
        {
            var root = new TTable { Line = 1 };
            _origin[root] = Origin.Header;
            foreach (var kv in doc.KeyValues) AddKeyValue(root, kv);
            foreach (var t in doc.Tables)
            {
                int line = LineOf(t);
                var target = t.Name is null ? null : OpenTable(root, KeyParts(t.Name), t is TableArraySyntax, line);
                // A table that cannot be opened still gets its keys read (into a detached table) so their errors show.
                target ??= new TTable { Line = line };
                foreach (var kv in t.Items) AddKeyValue(target, kv);
            }
            return root;
        }

        private TTable? OpenTable(TTable root, List<string> keys, bool isArray, int line)
        {
            string name = string.Join('.', keys);
            var parent = root;
            for (int i = 0; i < keys.Count - 1; i++)
            {
                parent = Descend(parent, keys[i], line, Origin.Implicit, name);
                if (parent is null) return null;
            }
            string last = keys[^1];
            var e = parent.Find(last);
            if (isArray)
            {
                TTableArray array;
                if (e is null) { array = new TTableArray { Line = line }; parent.Entries.Add(new TEntry(last, array, line)); }
                else if (e.Value is TTableArray a) array = a;
                else { Error(line, $"[[{name}]] cannot be an array of tables: '{name}' is already defined on line {e.Line} as {e.Value.Describe()}"); return null; }
                var element = new TTable { Line = line };
                _origin[element] = Origin.Header;
                array.Tables.Add(element);
                return element;
            }
            if (e is null)
            {
                var t = new TTable { Line = line };
                _origin[t] = Origin.Header;
                parent.Entries.Add(new TEntry(last, t, line));
                return t;
            }
            if (e.Value is TTable { Inline: false } existing && _origin.GetValueOrDefault(existing) == Origin.Implicit)
            {
                // Created by an earlier [a.b.c] header: this header is where it is defined.
                _origin[existing] = Origin.Header;
                existing.Line = line;
                e.Line = line;
                return existing;
            }
            Error(line, $"[{name}] is already defined on line {e.Line}");
            return null;
        }

        private TTable? Descend(TTable table, string key, int line, Origin origin, string fullName)
        {
            var e = table.Find(key);
            switch (e?.Value)
            {
                case null:
                    var t = new TTable { Line = line };
                    _origin[t] = origin;
                    table.Entries.Add(new TEntry(key, t, line));
                    return t;
                case TTable { Inline: true }:
                    Error(line, $"'{fullName}': '{key}' is an inline table (line {e.Line}), which cannot be extended");
                    return null;
                case TTable tt:
                    return tt;
                case TTableArray a when a.Tables.Count > 0 && origin == Origin.Implicit:
                    return a.Tables[^1];
                default:
                    Error(line, $"'{fullName}': '{key}' is already defined on line {e.Line} as {e.Value.Describe()}, not a table");
                    return null;
            }
        }

        private void AddKeyValue(TTable table, KeyValueSyntax kv)
        {
            int line = LineOf(kv);
            if (kv.Key is null || kv.Value is null) { Error(line, "a key and a value are expected"); return; }
            var keys = KeyParts(kv.Key);
            string name = string.Join('.', keys);
            var t = table;
            for (int i = 0; i < keys.Count - 1; i++)
            {
                t = Descend(t, keys[i], line, Origin.Dotted, name);
                if (t is null) return;
            }
            if (t.Find(keys[^1]) is { } previous)
            {
                Error(line, $"key '{name}' is already defined on line {previous.Line}");
                return;
            }
            if (Convert(kv.Value, line) is { } value) t.Entries.Add(new TEntry(keys[^1], value, line));
        }

        private TNode? Convert(ValueSyntax v, int line)
        {
            int own = v.Span.Start.Line >= 0 ? v.Span.Start.Line + 1 : line;
            switch (v)
            {
                case StringValueSyntax s: return new TScalar(s.Value ?? "", own);
                case IntegerValueSyntax i: return new TScalar(i.Value, own);
                case FloatValueSyntax f: return new TScalar(f.Value, own);
                case BooleanValueSyntax b: return new TScalar(b.Value, own);
                case DateTimeValueSyntax: return new TScalar(TScalar.DateTimeMarker, own);
                case ArraySyntax a:
                    var array = new TArray { Line = own };
                    foreach (var item in a.Items)
                        if (item.Value is { } iv && Convert(iv, LineOf(item)) is { } node) array.Items.Add(node);
                    return array;
                case InlineTableSyntax it:
                    var table = new TTable { Line = own, Inline = true };
                    _origin[table] = Origin.Header;
                    foreach (var item in it.Items)
                        if (item.KeyValue is { } kv) AddKeyValue(table, kv);
                    return table;
                default:
                    Error(own, $"unsupported TOML value ({v.Kind})");
                    return null;
            }
        }
    }

    /// <summary>Builds the tree of <paramref name="doc"/>, adding TOML rule violations to <paramref name="errors"/>.</summary>
    public static TTable Build(DocumentSyntax doc, List<ValidationError> errors) => new Builder(errors).Build(doc);

    private static List<string> KeyParts(KeySyntax key)
    {
        var parts = new List<string> { KeyText(key.Key) };
        if (key.DotKeys is { } dots)
            foreach (var d in dots) parts.Add(KeyText(d.Key));
        return parts;
    }

    private static string KeyText(BareKeyOrStringValueSyntax? k) => k switch
    {
        BareKeySyntax b => b.Key?.Text ?? "",
        StringValueSyntax s => s.Value ?? "",
        _ => "",
    };

    private static int LineOf(SyntaxNode n) => n.Span.Start.Line + 1;
}
