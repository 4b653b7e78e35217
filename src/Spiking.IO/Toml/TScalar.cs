namespace Spiking.IO.Toml;

/// <summary>A string, integer, float, boolean or date/time value.</summary>
internal sealed class TScalar : TNode
{
    public TScalar(object value, int line)
    {
        Value = value;
        Line = line;
    }

    /// <summary>string, long, double, bool, or <see cref="DateTimeMarker"/>.</summary>
    public object Value { get; }

    public static readonly object DateTimeMarker = new();
}
