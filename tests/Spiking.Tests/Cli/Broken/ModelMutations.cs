using System.Text.RegularExpressions;

namespace Spiking.Tests.Cli.Broken;

/// <summary>
/// Generates broken model files from the shipped ones, changing one field at a time: an unknown key
/// next to it (and inside each inline table), a value of the wrong type, NaN, infinity, a wrong unit, a
/// negative count, the key given twice, a reference to nothing, and the file cut inside the value. Each
/// mutation knows the line and the key that the message must name. Variant tables are left alone (their
/// values are paths into the model, checked by the hand-written cases).
/// </summary>
internal static partial class ModelMutations
{
    /// <summary>Cases of each kind taken per model (evenly over its lines), to keep the run short.</summary>
    public const int PerKindPerModel = 8;

    [GeneratedRegex(@"^\s*(?<key>[A-Za-z_][A-Za-z0-9_]*)\s*=\s*(?<value>.+?)\s*$")]
    private static partial Regex KeyLine();

    [GeneratedRegex(@"^\s*""([^""]+)""\s*=")]
    private static partial Regex VariantPath();

    [GeneratedRegex(@"^[+-]?\d[\d_]*(\.\d+)?([eE][+-]?\d+)?$")]
    private static partial Regex BareNumber();

    [GeneratedRegex(@"^""(?<num>[+-]?\d[\d.]*(?:[eE][+-]?\d+)?)\s*(?<unit>[^""\d\s][^""]*)""$")]
    private static partial Regex QuotedQuantity();

    private static readonly HashSet<string> References = ["pre", "post", "target", "population", "series", "projection"];

    /// <summary>The mutated cases of the model file <paramref name="name"/> with text <paramref name="text"/>.</summary>
    public static IEnumerable<BrokenCase> Of(string name, string text)
    {
        var lines = text.Split('\n');
        var byKind = new Dictionary<string, List<BrokenCase>>();
        void Add(string kind, int line, string mutated, int expectLine, params string[] expect)
        {
            if (!byKind.TryGetValue(kind, out var list)) byKind[kind] = list = [];
            string id = $"gen/{Path.GetFileNameWithoutExtension(name)}/{kind}/L{line}";
            list.Add(new BrokenCase(id, expect, expectLine) { ModelFile = "case.toml", Write = (dir, _) => File.WriteAllText(Path.Combine(dir, "case.toml"), mutated) });
        }
        string With(int index, string replacement) => string.Join('\n', lines.Take(index).Append(replacement).Concat(lines.Skip(index + 1)));

        // Fields a variant sets are replaced before they are read: a broken value there is never used.
        var overridden = lines.Select(l => VariantPath().Match(l)).Where(m => m.Success).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);
        bool inVariants = false;
        int depth = 0;
        string section = "", element = "";
        for (int i = 0; i < lines.Length; i++)
        {
            var (code, comment) = SplitComment(lines[i]);
            int balance = Balance(code);
            if (depth != 0) { depth += balance; continue; } // inside a multi-line array
            if (code.TrimStart().StartsWith('['))
            {
                string header = code.Trim().Trim('[', ']');
                inVariants = header.StartsWith("variants", StringComparison.Ordinal);
                if (code.TrimStart().StartsWith("[[", StringComparison.Ordinal)) (section, element) = (header, "");
                else if (!header.StartsWith(section + ".", StringComparison.Ordinal) || section.Length == 0) (section, element) = (header, "");
                continue;
            }
            var m = KeyLine().Match(code);
            if (!m.Success) { depth += balance; continue; }
            if (balance != 0 || inVariants) { depth += balance; continue; }
            string key = m.Groups["key"].Value, value = m.Groups["value"].Value;
            if (key == "name" && value.StartsWith('"')) element = value.Trim('"');
            string field = element.Length > 0 ? $"{section.Split('.')[0]}.{element}{string.Concat(section.Split('.').Skip(1).Select(x => "." + x))}.{key}" : $"{section}.{key}";
            if (overridden.Contains(field)) continue;
            string prefix = code[..m.Groups["value"].Index];
            string suffix = comment.Length > 0 ? "  " + comment : "";
            int n = i + 1;

            Add("unknown-key", n, With(i, lines[i] + $"\n{key}_unknown = 1"), n + 1, $"{key}_unknown");
            Add("duplicate-key", n, With(i, lines[i] + "\n" + code), n + 1, key);
            Add("wrong-type", n, With(i, prefix + (value is "true" or "false" ? "\"maybe\"" : "true") + suffix), n, key);
            if (value.StartsWith('{'))
                Add("unknown-inline-key", n, With(i, prefix + "{ bogus_unknown = 1, " + value.TrimStart('{').TrimStart() + suffix), n, "bogus_unknown");
            if (BareNumber().IsMatch(value))
            {
                Add("nan", n, With(i, prefix + "nan" + suffix), n, key);
                Add("inf", n, With(i, prefix + "inf" + suffix), n, key);
                // A negative shift (predict the past: memory tasks), a negative divisor and a bias (signed) are
                // meaningful, and "-0" is 0.
                if (!value.Contains('.') && !value.Contains('e') && !value.Contains('E') && !value.StartsWith('-') && value.Trim('0').Length > 0
                    && key is not ("shift" or "scale" or "bias"))
                    Add("negative-count", n, With(i, prefix + "-" + value + suffix), n, key);
                Add("cut-after-equals", n, string.Join('\n', lines.Take(i).Append(prefix.TrimEnd())), n);
            }
            else if (QuotedQuantity().Match(value) is { Success: true } q)
            {
                string unit = q.Groups["unit"].Value;
                Add("nan", n, With(i, prefix + $"\"nan {unit}\"" + suffix), n, key);
                Add("inf", n, With(i, prefix + $"\"inf {unit}\"" + suffix), n, key);
                Add("unknown-unit", n, With(i, prefix + $"\"{q.Groups["num"].Value} furlongs\"" + suffix), n, key);
            }
            else if (value.StartsWith('"') && References.Contains(key))
            {
                Add("missing-reference", n, With(i, prefix + "\"nosuch_ref\"" + suffix), n, "nosuch_ref");
            }
            if (value.StartsWith('"'))
                Add("unclosed-string", n, string.Join('\n', lines.Take(i).Append(prefix + value[..^1])), n);
        }
        foreach (var list in byKind.Values)
        {
            int take = Math.Min(PerKindPerModel, list.Count);
            for (int k = 0; k < take; k++) yield return list[(int)((long)k * list.Count / take)];
        }
    }

    /// <summary>The code of a line and its comment (a # outside a string).</summary>
    private static (string Code, string Comment) SplitComment(string line)
    {
        bool inString = false;
        char quote = '\0';
        for (int k = 0; k < line.Length; k++)
        {
            char c = line[k];
            if (inString)
            {
                if (c == '\\' && quote == '"') k++;
                else if (c == quote) inString = false;
            }
            else if (c is '"' or '\'') { inString = true; quote = c; }
            else if (c == '#') return (line[..k].TrimEnd(), line[k..]);
        }
        return (line.TrimEnd(), "");
    }

    /// <summary>Open brackets minus closed ones, outside strings.</summary>
    private static int Balance(string code)
    {
        int b = 0;
        bool inString = false;
        foreach (char c in code)
        {
            if (c == '"') inString = !inString;
            else if (!inString && c is '[' or '{') b++;
            else if (!inString && c is ']' or '}') b--;
        }
        // A table header ([x] or [[x]]) balances itself.
        return b;
    }
}
