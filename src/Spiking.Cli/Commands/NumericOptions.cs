using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace Spiking.Cli.Commands;

/// <summary>
/// Numeric command-line options that parse and bound their value themselves, so that a wrong value is
/// refused by name in the user's words ("--seed expects a whole number from 0 to ...; got 'abc'") and an
/// absurd one (<c>--threads 100000</c>) never reaches the program.
/// </summary>
internal static class NumericOptions
{
    /// <summary>The most worker threads <c>--threads</c> accepts: four per core, at least 16 (to test thread independence on small machines), at most 1024.</summary>
    public static int MaxThreads => Math.Clamp(4 * Environment.ProcessorCount, 16, Build.NetworkValidator.MaxThreads);

    /// <summary>The largest <c>--scale</c>: a thousand times a model's size is past any machine for every shipped model.</summary>
    public const double MaxScale = 1000;

    /// <summary>An integer option accepting <paramref name="min"/> to <paramref name="max"/>.</summary>
    public static Option<int?> Int(string name, string description, int min, int max, string? meaning = null)
    {
        var o = new Option<int?>(name) { Description = description };
        o.CustomParser = r =>
        {
            string text = Token(r);
            if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long v) && v >= min && v <= max) return (int)v;
            r.AddError($"{name} expects a whole number from {min} to {max}{meaning}; got '{text}'");
            return null;
        };
        return o;
    }

    /// <summary>A non-negative 64-bit integer option (a seed).</summary>
    public static Option<ulong?> UInt64(string name, string description)
    {
        var o = new Option<ulong?>(name) { Description = description };
        o.CustomParser = r =>
        {
            string text = Token(r);
            if (ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out ulong v)) return v;
            r.AddError($"{name} expects a whole number from 0 to {ulong.MaxValue}; got '{text}'");
            return null;
        };
        return o;
    }

    /// <summary>A real option accepting values above 0 up to <paramref name="max"/>.</summary>
    public static Option<double?> Positive(string name, string description, double max)
    {
        var o = new Option<double?>(name) { Description = description };
        o.CustomParser = r =>
        {
            string text = Token(r);
            if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) && v > 0 && v <= max) return v;
            r.AddError($"{name} expects a positive number, at most {max.ToString(CultureInfo.InvariantCulture)}; got '{text}'");
            return null;
        };
        return o;
    }

    private static string Token(ArgumentResult r) => r.Tokens.Count > 0 ? r.Tokens[^1].Value : "";
}
