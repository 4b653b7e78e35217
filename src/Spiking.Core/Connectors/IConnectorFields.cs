using Spiking.Units;

namespace Spiking.Connectors;

/// <summary>
/// The fields of one connector table in a model file, as <see cref="IConnectorKind.Read"/> sees them.
/// Implemented by the model-file reader (Spiking.IO) over its tables, so Core does not depend on IO.
/// Each getter records the key's line and reports a missing or mistyped value with the file's line
/// and the field's path, returning null; the kind then uses a stand-in value.
/// </summary>
public interface IConnectorFields
{
    /// <summary>A boolean; null when absent or not a boolean.</summary>
    bool? Bool(string key);

    /// <summary>An integer within [<paramref name="min"/>, <paramref name="max"/>]; <paramref name="expected"/> says what it is in messages.</summary>
    long? Integer(string key, bool required, long min, long max, string expected);

    /// <summary>A quantity of dimension <paramref name="dimension"/> in base units (a bare number, or a string with a unit); null dimension: a plain number.</summary>
    double? Quantity(string key, Dimension? dimension, bool required);

    /// <summary>An array of neuron indices such as [0, 1, 2].</summary>
    IReadOnlyList<int>? IntList(string key, bool required);

    /// <summary>A string; <paramref name="expected"/> says what it is in messages.</summary>
    string? String(string key, bool required, string expected);
}
