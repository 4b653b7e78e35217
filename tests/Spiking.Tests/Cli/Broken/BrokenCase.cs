namespace Spiking.Tests.Cli.Broken;

/// <summary>
/// One bad input: files written into a fresh folder, then either a model file run through
/// <c>spiking validate</c> and <c>spiking run</c> (<see cref="ModelFile"/>) or one argument list
/// (<see cref="Args"/>, with {dir}, {model}, {results}, {trained}, {text} filled in). Each must exit 2
/// with every string of <see cref="Expect"/> (and "line <see cref="Line"/>" when known) on stderr.
/// </summary>
internal sealed record BrokenCase(string Id, IReadOnlyList<string> Expect, int? Line = null)
{
    /// <summary>The model file's name in the case folder (null for an argument case).</summary>
    public string? ModelFile { get; init; }

    /// <summary>Only <c>spiking run</c> for the model file (a saved trained model: validate names it for what it is).</summary>
    public bool RunOnly { get; init; }

    /// <summary>The argument list of an argument case.</summary>
    public IReadOnlyList<string>? Args { get; init; }

    /// <summary>Writes the case's files into the folder (the fixtures give the shared HDF5 files).</summary>
    public Action<string, BrokenFixtures> Write { get; init; } = (_, _) => { };
}
