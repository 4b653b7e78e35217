using Spiking.Description;
using Spiking.IO.ModelFiles;

namespace Spiking.IO.ModelFiles.Reading;

/// <summary>
/// What reading a model file has found so far: every error with its line, the line of every field
/// read (so that a complaint of <see cref="NetworkValidator"/>, which knows only the path, can name
/// the line too), and the paths already reported (so the validator does not report them again, less
/// precisely).
/// </summary>
internal sealed class ReadContext
{
    private readonly List<ValidationError> _errors = [];
    private readonly HashSet<string> _flagged = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _lines = new(StringComparer.Ordinal);

    public ReadContext() => Quantities = new QuantityReader(this);

    /// <summary>Reads quantities and per-element values, reporting their errors here.</summary>
    public QuantityReader Quantities { get; }

    public IReadOnlyList<ValidationError> Errors => _errors;

    public void Error(string path, int? line, string message)
    {
        _errors.Add(new ValidationError(path, message) { Line = line });
        _flagged.Add(path);
    }

    public void Record(string path, int line) => _lines[path] = line;

    /// <summary>Marks a path as already reported (or unreadable) so the validator's complaints under it are dropped.</summary>
    public void Flag(string path) => _flagged.Add(path);

    /// <summary>Whether <paramref name="path"/> or a field containing it was already reported by the reader.</summary>
    public bool IsFlagged(string path)
    {
        for (var p = path; p.Length > 0; p = Parent(p))
            if (_flagged.Contains(p)) return true;
        return false;
    }

    /// <summary>The line recorded for <paramref name="path"/> or, failing that, for the nearest field containing it.</summary>
    public int? LineOf(string path)
    {
        for (var p = path; p.Length > 0; p = Parent(p))
            if (_lines.TryGetValue(p, out var l)) return l;
        return null;
    }

    private static string Parent(string path)
    {
        if (path.EndsWith(']'))
        {
            int b = path.LastIndexOf('[');
            return b > 0 ? path[..b] : "";
        }
        int d = path.LastIndexOf('.');
        return d > 0 ? path[..d] : "";
    }
}
