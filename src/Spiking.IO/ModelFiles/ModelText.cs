using Spiking.Description;
using Spiking.IO.Files;

namespace Spiking.IO.ModelFiles;

/// <summary>
/// Reads a model file's bytes as text, refusing in one message what is not a model file at all: an HDF5
/// file (an output or a saved trained model given where the model goes), binary data, text that is not
/// UTF-8, a file too large to be a description. Parsing such a file as TOML would report one "problem"
/// per garbled line.
/// </summary>
public static class ModelText
{
    /// <summary>The path of the one <see cref="ValidationError"/> raised for a file that is not a model file at all.</summary>
    public const string WholeFile = "file";

    /// <summary>The text of the model file at <paramref name="path"/>.</summary>
    /// <exception cref="FileNotFoundException">Nothing exists at <paramref name="path"/>.</exception>
    /// <exception cref="SpecException">The file is not text (one error at <see cref="WholeFile"/>).</exception>
    public static string Read(string path)
    {
        if (Directory.Exists(path)) throw NotAModel(path, "is a directory, not a model file");
        if (!File.Exists(path)) throw new FileNotFoundException($"model file '{path}' does not exist", path);
        var kind = FileContent.Classify(path);
        switch (kind)
        {
            case FileContentKind.Text:
                break;
            case FileContentKind.Empty:
                throw NotAModel(path, "is empty (0 bytes); a model file is TOML text with [simulation] and [[populations]] (see models/)");
            case FileContentKind.Hdf5TrainedModel:
                throw NotAModel(path, $"is {FileContent.Describe(kind)}, not a model file (TOML): run it with 'spiking run {path}'");
            case FileContentKind.Hdf5Results:
                throw NotAModel(path, $"is {FileContent.Describe(kind)}, not a model file (TOML): 'spiking info {path}' shows what it holds");
            case FileContentKind.Hdf5Foreign or FileContentKind.Hdf5Damaged or FileContentKind.TooLarge:
                throw NotAModel(path, $"is {FileContent.Describe(kind)}, not a model file (TOML text)");
            default:
                FileContent.TryDecode(File.ReadAllBytes(path), out _, out var why);
                throw NotAModel(path, $"is not a model file (TOML text): {why}");
        }
        FileContent.TryDecode(File.ReadAllBytes(path), out var text, out _);
        return text;
    }

    private static SpecException NotAModel(string path, string message)
        => new([new ValidationError(WholeFile, message)], path);
}
