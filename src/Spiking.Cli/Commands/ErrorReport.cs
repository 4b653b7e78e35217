using Spiking.Description;
using Spiking.IO.ModelFiles;

namespace Spiking.Cli.Commands;

/// <summary>
/// Writes the problems of a model file to stderr: one line for a file that is not a model file at all,
/// else the first <see cref="MaxShown"/> problems (file, line, field, expectation) and a count of the rest,
/// so a wrong file cannot flood the terminal.
/// </summary>
internal static class ErrorReport
{
    /// <summary>Problems printed before the rest are only counted.</summary>
    public const int MaxShown = 20;

    /// <summary>Writes <paramref name="errors"/> of the file <paramref name="path"/>; <paramref name="what"/> names what it should be ("model", "bgG-RNN model").</summary>
    public static void Write(TextWriter stderr, string path, IReadOnlyList<ValidationError> errors, string what = "model")
    {
        if (errors.Count == 1 && errors[0].Path == ModelText.WholeFile)
        {
            stderr.WriteLine($"error: {path} {errors[0].Message}");
            return;
        }
        stderr.WriteLine($"error: {path} is not a valid {what} ({errors.Count} problem{(errors.Count == 1 ? "" : "s")}):");
        Lines(stderr, path, errors);
    }

    /// <summary>Writes each error as "  PATH: line L: field: message", capped at <see cref="MaxShown"/>.</summary>
    public static void Lines(TextWriter stderr, string path, IReadOnlyList<ValidationError> errors, string prefix = "  ")
    {
        for (int k = 0; k < Math.Min(errors.Count, MaxShown); k++) stderr.WriteLine($"{prefix}{path}: {errors[k]}");
        if (errors.Count > MaxShown) stderr.WriteLine($"{prefix}... and {errors.Count - MaxShown} more");
    }
}
