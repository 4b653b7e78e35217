using System.Globalization;

namespace Spiking.IO.Toml;

/// <summary>Numbers as messages show them.</summary>
internal static class NumberText
{
    /// <summary>The shortest text that reads back as <paramref name="v"/>, whatever the culture.</summary>
    public static string Of(double v) => v.ToString("R", CultureInfo.InvariantCulture);
}
