using System.Globalization;

namespace Spiking.Units;

/// <summary>
/// Parses quantities written with units ("20 ms", "-50 mV", "0.5 nA") into numbers in the
/// documented base unit of their dimension. A bare number is taken to be in the base unit.
/// </summary>
public static class Quantity
{
    /// <summary>The base unit symbol of each dimension, as written in documentation and errors.</summary>
    public static string BaseUnit(Dimension d) => d switch
    {
        Dimension.Dimensionless => "",
        Dimension.Time => "ms",
        Dimension.Voltage => "mV",
        Dimension.Current => "nA",
        Dimension.Conductance => "nS",
        Dimension.Capacitance => "pF",
        Dimension.Resistance => "MOhm",
        Dimension.Frequency => "Hz",
        Dimension.Length => "um",
        _ => throw new ArgumentOutOfRangeException(nameof(d)),
    };

    // Unit symbol -> (dimension, factor to the SI unit). Base units are then derived from SI.
    private static readonly Dictionary<string, (Dimension Dim, double Si)> Symbols = Build();

    private static readonly Dictionary<Dimension, double> BaseInSi = new()
    {
        [Dimension.Dimensionless] = 1,
        [Dimension.Time] = 1e-3,
        [Dimension.Voltage] = 1e-3,
        [Dimension.Current] = 1e-9,
        [Dimension.Conductance] = 1e-9,
        [Dimension.Capacitance] = 1e-12,
        [Dimension.Resistance] = 1e6,
        [Dimension.Frequency] = 1,
        [Dimension.Length] = 1e-6,
    };

    private static Dictionary<string, (Dimension, double)> Build()
    {
        var prefixes = new (string P, double F)[]
        {
            ("", 1), ("k", 1e3), ("M", 1e6), ("G", 1e9), ("m", 1e-3), ("u", 1e-6), ("µ", 1e-6), ("μ", 1e-6),
            ("n", 1e-9), ("p", 1e-12), ("f", 1e-15),
        };
        var units = new (string S, Dimension D)[]
        {
            ("s", Dimension.Time), ("V", Dimension.Voltage), ("A", Dimension.Current), ("S", Dimension.Conductance),
            ("F", Dimension.Capacitance), ("Ohm", Dimension.Resistance), ("ohm", Dimension.Resistance), ("Ω", Dimension.Resistance),
            ("Hz", Dimension.Frequency), ("m", Dimension.Length),
        };
        var map = new Dictionary<string, (Dimension, double)>(StringComparer.Ordinal);
        foreach (var (s, d) in units)
            foreach (var (p, f) in prefixes)
                map.TryAdd(p + s, (d, f));
        map["msec"] = (Dimension.Time, 1e-3);
        map["second"] = (Dimension.Time, 1);
        map["min"] = (Dimension.Time, 60);
        return map;
    }

    /// <summary>
    /// Tries to parse <paramref name="text"/> as a quantity of dimension <paramref name="expected"/>.
    /// Returns the value in the base unit, or an explanation of what is wrong.
    /// </summary>
    public static bool TryParse(string text, Dimension expected, out double value, out string error)
    {
        value = 0;
        error = "";
        var s = text.Trim();
        int split = s.Length;
        // The number ends where the unit begins: the first letter that is not an exponent marker.
        for (int k = 0; k < s.Length; k++)
        {
            char c = s[k];
            bool numberChar = char.IsDigit(c) || c is '.' or '+' or '-' || ((c is 'e' or 'E') && k > 0 && k + 1 < s.Length && (char.IsDigit(s[k + 1]) || s[k + 1] is '+' or '-') && char.IsDigit(s[k - 1]));
            if (!numberChar && !char.IsWhiteSpace(c)) { split = k; break; }
        }
        var numberText = s[..split].Trim();
        var unitText = s[split..].Trim();
        if (!double.TryParse(numberText, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
        {
            error = $"'{text}' does not start with a number";
            return false;
        }
        if (unitText.Length == 0)
        {
            value = number;
            return true;
        }
        if (!Symbols.TryGetValue(unitText, out var unit))
        {
            error = $"'{unitText}' is not a known unit";
            return false;
        }
        if (unit.Dim != expected)
        {
            error = expected == Dimension.Dimensionless
                ? $"'{text}' has a unit of {unit.Dim.ToString().ToLowerInvariant()} but a plain number is expected"
                : $"'{text}' is a {unit.Dim.ToString().ToLowerInvariant()}, but a {expected.ToString().ToLowerInvariant()} (base unit {BaseUnit(expected)}) is expected";
            return false;
        }
        // The factor first: exactly 1 for the base unit, so "15 nS" is 15, not 15.000000000000002.
        double factor = unit.Si / BaseInSi[expected];
        value = factor == 1 ? number : number * factor;
        return true;
    }

    /// <summary>Parses a quantity or throws <see cref="FormatException"/>.</summary>
    public static double Parse(string text, Dimension expected)
        => TryParse(text, expected, out var v, out var e) ? v : throw new FormatException(e);
}
