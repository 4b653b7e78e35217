using System.Text;
using PureHDF;

namespace Spiking.IO.Files;

/// <summary>
/// Recognises a file by its content, so that a file given in the wrong place (an HDF5 output given as a
/// model, a saved trained model given to <c>validate</c>, binary data) is named for what it is in one
/// message instead of being parsed as TOML into thousands of "problems".
/// </summary>
public static class FileContent
{
    /// <summary>The eight bytes every HDF5 file starts with (HDF5 File Format Specification, "Format Signature").</summary>
    public static ReadOnlySpan<byte> Hdf5Signature => [0x89, (byte)'H', (byte)'D', (byte)'F', 0x0d, 0x0a, 0x1a, 0x0a];

    /// <summary>The largest model file read as text (64 MiB): a model file is a description, not data.</summary>
    public const long MaxTextBytes = 64L << 20;

    /// <summary>Whether the file starts with the HDF5 signature (at offset 0, or after a user block of 512, 1024, 2048 ... bytes).</summary>
    public static bool IsHdf5(string path)
    {
        using var f = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        Span<byte> head = stackalloc byte[8];
        for (long offset = 0; offset + 8 <= f.Length && offset <= 1L << 20; offset = offset == 0 ? 512 : offset * 2)
        {
            f.Position = offset;
            f.ReadExactly(head);
            if (head.SequenceEqual(Hdf5Signature)) return true;
        }
        return false;
    }

    /// <summary>What the existing file at <paramref name="path"/> holds.</summary>
    /// <exception cref="IOException">It cannot be read.</exception>
    /// <exception cref="UnauthorizedAccessException">It may not be read.</exception>
    public static FileContentKind Classify(string path)
    {
        var info = new FileInfo(path);
        if (info.Length == 0) return FileContentKind.Empty;
        if (IsHdf5(path)) return ClassifyHdf5(path);
        if (info.Length > MaxTextBytes) return FileContentKind.TooLarge;
        return TryDecode(File.ReadAllBytes(path), out _, out _) switch
        {
            null => FileContentKind.Text,
            var k => k.Value,
        };
    }

    /// <summary>
    /// Decodes model-file bytes as strict UTF-8 (a leading byte-order mark is dropped); null when they are
    /// text, else the kind they are, with <paramref name="why"/> saying where they stop being text.
    /// </summary>
    public static FileContentKind? TryDecode(byte[] bytes, out string text, out string why)
    {
        text = "";
        why = "";
        int nul = Array.IndexOf(bytes, (byte)0);
        if (bytes.Length >= 2 && (bytes[0], bytes[1]) is (0xFF, 0xFE) or (0xFE, 0xFF))
        {
            why = "it is UTF-16 text (byte-order mark FF FE or FE FF); save it as UTF-8";
            return FileContentKind.NotUtf8;
        }
        if (nul >= 0)
        {
            why = $"it holds binary data (a NUL byte at {Where(bytes, nul)})";
            return FileContentKind.Binary;
        }
        try
        {
            text = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            // The exception's index is within the chunk being decoded; find the first bad byte ourselves.
            int at = FirstInvalidUtf8(bytes);
            why = $"it is not UTF-8 text (byte 0x{bytes[at]:X2} at {Where(bytes, at)})";
            return FileContentKind.NotUtf8;
        }
        if (text.Length > 0 && text[0] == '\uFEFF') text = text[1..];
        return null;
    }

    /// <summary>One phrase naming what a file of <paramref name="kind"/> is, for messages ("an HDF5 results file written by spiking run").</summary>
    public static string Describe(FileContentKind kind) => kind switch
    {
        FileContentKind.Text => "a text file",
        FileContentKind.Empty => "an empty file",
        FileContentKind.Hdf5Results => "an HDF5 output of 'spiking run' (recordings, not a model)",
        FileContentKind.Hdf5TrainedModel => "a saved trained model (HDF5, written by 'spiking run --save-trained')",
        FileContentKind.Hdf5Foreign => "an HDF5 file not written by spiking",
        FileContentKind.Hdf5Damaged => "an HDF5 file that cannot be read (truncated or damaged)",
        FileContentKind.Binary => "binary data, not text",
        FileContentKind.NotUtf8 => "text that is not UTF-8",
        FileContentKind.TooLarge => $"larger than any model file ({MaxTextBytes >> 20} MiB at most)",
        _ => kind.ToString(),
    };

    private static FileContentKind ClassifyHdf5(string path)
    {
        try
        {
            using var file = H5File.OpenRead(path);
            if (file.AttributeExists("kind") && file.Attribute("kind").Read<string>() == Hdf5.TrainedModel.Kind) return FileContentKind.Hdf5TrainedModel;
            if (file.AttributeExists("software") && file.Attribute("software").Read<string>() == "spiking") return FileContentKind.Hdf5Results;
            return FileContentKind.Hdf5Foreign;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return FileContentKind.Hdf5Damaged;
        }
    }

    private static int FirstInvalidUtf8(byte[] bytes)
    {
        var status = System.Text.Unicode.Utf8.ToUtf16(bytes, new char[bytes.Length], out int read, out _, replaceInvalidSequences: false);
        return status == System.Buffers.OperationStatus.Done ? 0 : Math.Min(read, bytes.Length - 1);
    }

    /// <summary>"line L, column C (byte B)" of byte offset <paramref name="at"/>.</summary>
    private static string Where(byte[] bytes, int at)
    {
        int line = 1, lineStart = 0;
        for (int i = 0; i < at; i++)
            if (bytes[i] == (byte)'\n') { line++; lineStart = i + 1; }
        return $"line {line}, column {at - lineStart + 1} (byte {at})";
    }
}
