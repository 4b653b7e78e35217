namespace Spiking.IO.Toml;

/// <summary>
/// A node of the small tree over Tomlyn's syntax (tables, arrays and scalars), each with its 1-based
/// line, so that every message about a value can name where it was written.
/// </summary>
internal abstract class TNode
{
    public int Line { get; set; }

    /// <summary>What the node is, as messages say it: "the string \"x\"", "the integer 3", "a table", ...</summary>
    public string Describe() => this switch
    {
        TScalar { Value: string s } => $"the string \"{s}\"",
        TScalar { Value: long l } => $"the integer {l}",
        TScalar { Value: double d } => $"the number {NumberText.Of(d)}",
        TScalar { Value: bool b } => b ? "the boolean true" : "the boolean false",
        TScalar => "a date/time",
        TArray => "an array",
        TTable => "a table",
        TTableArray => "an array of tables",
        _ => "a value",
    };

    /// <summary>The value of an integer or floating-point scalar; null for anything else.</summary>
    public double? AsNumber() => this switch
    {
        TScalar { Value: long l } => l,
        TScalar { Value: double d } => d,
        _ => null,
    };
}
