namespace Spiking.Description;

/// <summary>A description that cannot run, with every problem found (not only the first).</summary>
public sealed class SpecException : Exception
{
    /// <summary>An exception listing <paramref name="errors"/>, each prefixed with <paramref name="source"/> when given.</summary>
    /// <param name="errors">All problems, in the order they were found.</param>
    /// <param name="source">The file (or other source) the description came from, if any.</param>
    public SpecException(IReadOnlyList<ValidationError> errors, string? source = null)
        : base(Format(errors, source))
    {
        Errors = errors;
        Source = source;
    }

    /// <summary>All problems, in the order they were found.</summary>
    public IReadOnlyList<ValidationError> Errors { get; }

    /// <summary>The file (or other source) the description came from, if any.</summary>
    public new string? Source { get; }

    private static string Format(IReadOnlyList<ValidationError> errors, string? source)
        => string.Join(Environment.NewLine, errors.Select(e => (source is null ? "" : source + ": ") + e));
}
