using Spiking.Units;

namespace Spiking.Inputs;

/// <summary>
/// The fields of one <c>[[inputs]]</c> table in a model file, as <see cref="IInputKind.Read"/> sees them.
/// Implemented by the model-file reader (Spiking.IO) over its tables, so Core does not depend on IO.
/// Each getter records the key's line and reports a missing or mistyped value with the file's line
/// and the field's path, returning null; the kind then uses a stand-in value. Fields are named
/// relative to the input (<c>"rate"</c> for <c>inputs[0].rate</c>; <c>""</c>: the input itself).
/// </summary>
public interface IInputFields
{
    /// <summary>The line of the input's table.</summary>
    int Line { get; }

    /// <summary>Whether the table holds <paramref name="key"/> (nothing is recorded or reported).</summary>
    bool Has(string key);

    /// <summary>The line of <paramref name="key"/>; null when absent.</summary>
    int? LineOf(string key);

    /// <summary>An integer within [<paramref name="min"/>, <paramref name="max"/>]; <paramref name="expected"/> says what it is in messages.</summary>
    long? Integer(string key, bool required, long min, long max, string expected);

    /// <summary>A quantity of dimension <paramref name="dimension"/> in base units (a bare number, or a string with a unit); null dimension: a plain number.</summary>
    double? Quantity(string key, Dimension? dimension, bool required);

    /// <summary>An array of quantities of dimension <paramref name="dimension"/>, such as ["1 ms", "2 ms"].</summary>
    IReadOnlyList<double>? QuantityList(string key, Dimension dimension, bool required);

    /// <summary>An array of neuron indices such as [0, 1, 2].</summary>
    IReadOnlyList<int>? IntList(string key, bool required);

    /// <summary>A string; <paramref name="expected"/> says what it is in messages.</summary>
    string? String(string key, bool required, string expected);

    /// <summary>The dimension of a weight onto <paramref name="receptor"/> of the target's model; null when either is unknown (a plain number then).</summary>
    Dimension? WeightDimension(string target, string receptor);

    /// <summary>Reports a problem with <paramref name="field"/> on <paramref name="line"/> (null: no line).</summary>
    void Error(string field, int? line, string message);

    /// <summary>Records <paramref name="line"/> as the line of <paramref name="field"/>, for the validator's messages about a field the file does not write as such.</summary>
    void Record(string field, int line);

    /// <summary>Marks <paramref name="field"/> as reported, so the validator's complaints under it are dropped.</summary>
    void Flag(string field);
}
