using Spiking.Description;
using Spiking.IO.ModelFiles;

namespace Spiking.Tests.ModelFiles;

/// <summary>Parses inline TOML and checks the errors the reader reports.</summary>
internal static class ModelFileTestHelper
{
    public const string Source = "models/test.toml";

    /// <summary>Parses <paramref name="toml"/> expecting it to fail; returns the exception.</summary>
    public static SpecException Fail(string toml, string? variant = null)
        => Assert.Throws<SpecException>(() => ModelFileReader.Parse(toml, Source, variant));

    /// <summary>Parses <paramref name="toml"/> expecting it to succeed.</summary>
    public static NetworkSpec Ok(string toml, string? variant = null) => ModelFileReader.Parse(toml, Source, variant);

    /// <summary>The 1-based line of the first line of <paramref name="toml"/> that contains <paramref name="snippet"/>.</summary>
    public static int LineOf(string toml, string snippet)
    {
        var lines = toml.Split('\n');
        for (int i = 0; i < lines.Length; i++)
            if (lines[i].Contains(snippet, StringComparison.Ordinal)) return i + 1;
        throw new ArgumentException($"'{snippet}' is not in the text");
    }

    /// <summary>
    /// Asserts that <paramref name="ex"/> holds an error at <paramref name="line"/> for <paramref name="path"/>,
    /// that its message says each of <paramref name="expected"/>, and that the exception's message names the
    /// file, the line and the field in the documented form "FILE: line N: PATH: ...".
    /// </summary>
    public static ValidationError AssertError(SpecException ex, int? line, string path, params string[] expected)
    {
        var error = ex.Errors.FirstOrDefault(e => e.Path == path && e.Line == line);
        Assert.True(error is not null, $"no error for {path} at line {line}; got:\n{ex.Message}");
        foreach (var s in expected)
            Assert.Contains(s, error!.Message, StringComparison.Ordinal);
        string prefix = line is { } l ? $"{Source}: line {l}: {path}: " : $"{Source}: {path}: ";
        Assert.Contains(prefix + error!.Message, ex.Message, StringComparison.Ordinal);
        return error;
    }

    /// <summary>A small valid model; tests replace one line of it to make one mistake.</summary>
    public const string Valid = """
        [simulation]
        dt = "0.1 ms"
        duration = "100 ms"

        [[populations]]
        name = "exc"
        model = "lif_cuba"
        size = 80
        [populations.parameters]
        tau_m = "20 ms"
        V_th = "-50 mV"
        [populations.initial]
        v = { uniform = ["-60 mV", "-50 mV"] }

        [[populations]]
        name = "inh"
        model = "lif_cuba"
        size = 20

        [[projections]]
        name = "ee"
        pre = "exc"
        post = "exc"
        receptor = "exc"
        connector = { kind = "fixed_probability", p = 0.1 }
        weight = "1.62 mV"
        delay = "1 ms"
        sign = "excitatory"

        [[projections]]
        name = "ie"
        pre = "inh"
        post = "exc"
        receptor = "inh"
        connector = { kind = "fixed_probability", p = 0.1 }
        weight = "-9 mV"
        sign = "inhibitory"

        [[inputs]]
        kind = "poisson"
        name = "ext"
        target = "exc"
        receptor = "exc"
        rate = "20 Hz"
        weight = "0.5 mV"

        [[monitors]]
        kind = "spikes"
        population = "exc"

        [variants.strong]
        "projections.ee.weight" = "3 mV"
        """;

    /// <summary><see cref="Valid"/> with the first line containing <paramref name="find"/> replaced by <paramref name="replacement"/>.</summary>
    public static string ValidWith(string find, string replacement)
    {
        var lines = Valid.Split('\n').ToList();
        int i = lines.FindIndex(l => l.Contains(find, StringComparison.Ordinal));
        if (i < 0) throw new ArgumentException($"'{find}' is not in the valid model");
        lines[i] = replacement;
        return string.Join('\n', lines);
    }
}
