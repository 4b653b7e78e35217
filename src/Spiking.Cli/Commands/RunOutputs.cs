using Spiking.IO.Files;

namespace Spiking.Cli.Commands;

/// <summary>
/// The files a run writes (--out and --save-trained), checked before anything is built: each is a
/// writable file name, neither replaces a file the run reads (the model, a movie) nor the other, and an
/// existing file is replaced only when it is of the kind written there.
/// </summary>
internal static class RunOutputs
{
    /// <summary>
    /// The output path and the --save-trained path, or null after writing why not. When --out is not given,
    /// the default (the model's name with .h5, here) is used unless it would replace an input; then
    /// NAME.run.h5 is used and a note says so.
    /// </summary>
    public static (string Out, string? SaveTrained)? Resolve(string model, string? outOption, string? saveTrained, IReadOnlyList<(string Role, string Path)> inputs, bool quiet, TextWriter stdout, TextWriter stderr)
    {
        string outPath = outOption ?? Path.ChangeExtension(Path.GetFileName(model), ".h5");
        foreach (var (option, path) in new[] { ("--out", outPath), ("--save-trained", saveTrained) })
            if (path is not null && string.IsNullOrWhiteSpace(path))
            {
                stderr.WriteLine($"error: {option}: the file name is empty");
                return null;
            }
        if (outOption is null && OutputPaths.Collision(outPath, inputs) is { } hit)
        {
            string stem = Path.GetFileNameWithoutExtension(outPath), chosen;
            int n = 1;
            do chosen = $"{stem}.run{(n == 1 ? "" : n.ToString(System.Globalization.CultureInfo.InvariantCulture))}.h5";
            while (OutputPaths.Collision(chosen, inputs) is not null && ++n < 100);
            if (!quiet) stdout.WriteLine($"note: writing the recordings to {chosen}: the default name {outPath} is the {hit.Role} this run reads (give --out to choose)");
            outPath = chosen;
        }
        else if (OutputPaths.Collision(outPath, inputs) is { } clash)
        {
            stderr.WriteLine($"error: --out {outPath}: is the {clash.Role} this run reads ({clash.Path}); an output never replaces an input: choose another name");
            return null;
        }
        if (OutputPaths.Problem("--out", outPath, ReplaceableByOutput) is { } why)
        {
            stderr.WriteLine(why);
            return null;
        }
        if (saveTrained is null) return (outPath, null);
        if (OutputPaths.Collision(saveTrained, inputs) is { } c)
        {
            stderr.WriteLine($"error: --save-trained {saveTrained}: is the {c.Role} this run reads ({c.Path}); choose another name");
            return null;
        }
        if (OutputPaths.Same(saveTrained, outPath))
        {
            stderr.WriteLine($"error: --save-trained {saveTrained}: is also the output (--out {outPath}); the two must be different files");
            return null;
        }
        if (OutputPaths.Problem("--save-trained", saveTrained, ReplaceableBySavedModel) is { } whySave)
        {
            stderr.WriteLine(whySave);
            return null;
        }
        return (outPath, saveTrained);
    }

    /// <summary>A run's output replaces an earlier output (or a damaged file), never a saved model or someone else's HDF5.</summary>
    private static bool ReplaceableByOutput(string path) => Kind(path) is FileContentKind.Hdf5Results or FileContentKind.Hdf5Damaged;

    /// <summary>--save-trained replaces an earlier saved model (or a damaged file).</summary>
    private static bool ReplaceableBySavedModel(string path) => Kind(path) is FileContentKind.Hdf5TrainedModel or FileContentKind.Hdf5Damaged;

    private static FileContentKind? Kind(string path)
    {
        try
        {
            return FileContent.Classify(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
