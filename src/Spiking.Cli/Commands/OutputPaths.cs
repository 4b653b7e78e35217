using Spiking.IO.Files;

namespace Spiking.Cli.Commands;

/// <summary>
/// Where a command may write. Every destination is checked before any work starts (the simulation
/// must not run for an hour and then fail to write), and no output may be one of the files the command
/// reads: paths are compared in full with every symbolic link resolved.
/// </summary>
internal static class OutputPaths
{
    /// <summary>
    /// The full path of <paramref name="path"/> with the symbolic links of the path and of each folder
    /// on it resolved (as far as they exist), so two names of one file compare equal.
    /// </summary>
    public static string Real(string path) => Real(Path.GetFullPath(path), 0);

    private static string Real(string full, int depth)
    {
        string root = Path.GetPathRoot(full) ?? "/";
        string current = root;
        foreach (var part in full[root.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries))
        {
            string next = Path.Combine(current, part);
            FileSystemInfo info = Directory.Exists(next) ? new DirectoryInfo(next) : new FileInfo(next);
            if (info.LinkTarget is not null && depth < 40)
            {
                var target = info.ResolveLinkTarget(returnFinalTarget: true);
                if (target is not null) next = Real(target.FullName, depth + 1);
            }
            current = next;
        }
        return current;
    }

    /// <summary>Whether <paramref name="a"/> and <paramref name="b"/> name the same file.</summary>
    public static bool Same(string a, string b) => string.Equals(Real(a), Real(b), StringComparison.Ordinal);

    /// <summary>
    /// Why <paramref name="path"/> (given as <paramref name="option"/>) cannot receive an output, or null
    /// when it can: it is empty, a directory, in a folder that is missing or not writable, or an existing
    /// file that is not of the kind written there (an output never replaces a model file or other data).
    /// </summary>
    /// <param name="option">The option that named it, for the message (--out, --save-trained, --raster).</param>
    /// <param name="path">The destination.</param>
    /// <param name="replaceable">Whether an existing file of this content may be replaced (HDF5 for --out, PNG for a plot).</param>
    public static string? Problem(string option, string path, Func<string, bool> replaceable)
    {
        if (string.IsNullOrWhiteSpace(path)) return $"error: {option}: the file name is empty";
        string full;
        try
        {
            full = Path.GetFullPath(path);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            return $"error: {option} {path}: not a usable file name ({e.Message})";
        }
        if (Directory.Exists(full) || path.EndsWith(Path.DirectorySeparatorChar))
            return $"error: {option} {path}: names a directory; give a file name in it, such as {Path.Combine(path, "run.h5")}";
        string dir = Path.GetDirectoryName(full)!;
        if (!Directory.Exists(dir))
            return File.Exists(dir)
                ? $"error: {option} {path}: {dir} is a file, not a folder"
                : $"error: {option} {path}: the folder {dir} does not exist (create it first)";
        if (File.Exists(full) && new FileInfo(full).Length > 0 && !replaceable(full))
            return $"error: {option} {path}: the file exists and is not one this command writes ({Describe(full)}); refusing to replace it: remove it or choose another name";
        // Creating a file is the only sure test of a place (permissions, read-only mounts, quotas, /proc).
        string probe = Path.Combine(dir, $".spiking-probe-{Guid.NewGuid():N}");
        try
        {
            using (new FileStream(probe, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose)) { }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return $"error: {option} {path}: cannot write in {dir}: creating a file there failed ({(e is UnauthorizedAccessException ? "no permission" : e.Message)})";
        }
        finally
        {
            if (File.Exists(probe)) File.Delete(probe);
        }
        return null;
    }

    /// <summary>Whether an existing file may be replaced by an HDF5 output (it is HDF5 itself).</summary>
    public static bool IsHdf5(string path)
    {
        try
        {
            return FileContent.IsHdf5(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>
    /// The first of <paramref name="inputs"/> (role, path) that <paramref name="output"/> names, or null.
    /// </summary>
    public static (string Role, string Path)? Collision(string output, IEnumerable<(string Role, string Path)> inputs)
    {
        foreach (var input in inputs)
            if (File.Exists(input.Path) && Same(output, input.Path)) return input;
        return null;
    }

    private static string Describe(string path)
    {
        try
        {
            return FileContent.Describe(FileContent.Classify(path));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return "unreadable";
        }
    }
}
