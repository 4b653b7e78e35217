namespace Spiking.Description;

/// <summary>
/// One problem in a description. <see cref="Path"/> names the field as a model file writes it
/// (for example <c>projections[2].connector.p</c>); <see cref="Line"/> is the line in the model
/// file where the reader knows it.
/// </summary>
public sealed record ValidationError(string Path, string Message)
{
    /// <summary>1-based line in the source file, when known.</summary>
    public int? Line { get; init; }

    /// <summary>The problem as one line: <c>line L: path: message</c> (the line part only when known).</summary>
    public override string ToString() => (Line is { } l ? $"line {l}: " : "") + $"{Path}: {Message}";
}
