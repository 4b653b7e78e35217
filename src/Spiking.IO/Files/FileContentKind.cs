namespace Spiking.IO.Files;

/// <summary>What a file holds, judged by its content rather than its name (<see cref="FileContent.Classify"/>).</summary>
public enum FileContentKind
{
    /// <summary>UTF-8 text (a model file is this).</summary>
    Text,
    /// <summary>A file of zero bytes.</summary>
    Empty,
    /// <summary>An HDF5 file written by <c>spiking run</c>: the recordings of a run.</summary>
    Hdf5Results,
    /// <summary>An HDF5 file written by <c>spiking run --save-trained</c>.</summary>
    Hdf5TrainedModel,
    /// <summary>A readable HDF5 file not written by spiking.</summary>
    Hdf5Foreign,
    /// <summary>A file that starts with the HDF5 signature but cannot be opened (truncated or damaged).</summary>
    Hdf5Damaged,
    /// <summary>Bytes that are not text (NUL bytes).</summary>
    Binary,
    /// <summary>Text that is not valid UTF-8 (or UTF-16/32 text, which model files are not).</summary>
    NotUtf8,
    /// <summary>Larger than any model file (<see cref="FileContent.MaxTextBytes"/>).</summary>
    TooLarge,
}
