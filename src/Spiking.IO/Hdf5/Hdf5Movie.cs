using PureHDF;
using Spiking.Motion;

namespace Spiking.IO.Hdf5;

/// <summary>
/// Reads a user's movie for bgG-RNN training: one HDF5 dataset of shape [T, H, W] (frames, rows,
/// columns) of floating-point (4 or 8 bytes) or integer (1, 2 or 4 bytes, signed or not) grey levels.
/// Every problem is an <see cref="InvalidDataException"/> (or <see cref="FileNotFoundException"/>)
/// whose message names the file, the dataset and the expected shape.
/// </summary>
public static class Hdf5Movie
{
    /// <summary>What a movie dataset must look like, for messages.</summary>
    public const string Expected = "a [T, H, W] dataset (frames, rows, columns) of numbers";

    /// <summary>Reads <paramref name="dataset"/> (a path such as <c>/movie</c>) of <paramref name="path"/>.</summary>
    public static MovieData Read(string path, string dataset)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(dataset);
        if (!File.Exists(path)) throw new FileNotFoundException($"movie file '{path}' does not exist (expected an HDF5 file with {Expected} at '{dataset}')", path);
        PureHDF.VOL.Native.NativeFile file;
        try
        {
            file = H5File.OpenRead(path);
        }
        catch (Exception e) when (e is not OutOfMemoryException and not IOException)
        {
            throw new InvalidDataException($"{path}: not a readable HDF5 file ({e.Message}); expected {Expected} at '{dataset}'", e);
        }
        using (file)
        {
            string name = dataset.TrimStart('/');
            if (name.Length == 0 || !file.LinkExists(name))
                throw new InvalidDataException($"{path}: no dataset '{dataset}'; expected {Expected}");
            if (file.Get(name) is not IH5Dataset ds)
                throw new InvalidDataException($"{path}: '{dataset}' is a group, not a dataset; expected {Expected}");
            var dims = ds.Space.Dimensions;
            if (dims.Length != 3)
                throw new InvalidDataException($"{path}: dataset '{dataset}' has shape [{string.Join(", ", dims)}]; expected {Expected}");
            if (dims.Any(d => d == 0) || dims[0] * dims[1] * dims[2] > int.MaxValue)
                throw new InvalidDataException($"{path}: dataset '{dataset}' has shape [{string.Join(", ", dims)}]; expected {Expected} with at least one frame, row and column and fewer than 2^31 values");
            var type = ds.Type;
            float[] pixels = (type.Class, type.Size, type.Class == H5DataTypeClass.FixedPoint && type.FixedPoint.IsSigned) switch
            {
                (H5DataTypeClass.FloatingPoint, 4, _) => ds.Read<float[]>(),
                (H5DataTypeClass.FloatingPoint, 8, _) => Array.ConvertAll(ds.Read<double[]>(), v => (float)v),
                (H5DataTypeClass.FixedPoint, 1, false) => Array.ConvertAll(ds.Read<byte[]>(), v => (float)v),
                (H5DataTypeClass.FixedPoint, 1, true) => Array.ConvertAll(ds.Read<sbyte[]>(), v => (float)v),
                (H5DataTypeClass.FixedPoint, 2, false) => Array.ConvertAll(ds.Read<ushort[]>(), v => (float)v),
                (H5DataTypeClass.FixedPoint, 2, true) => Array.ConvertAll(ds.Read<short[]>(), v => (float)v),
                (H5DataTypeClass.FixedPoint, 4, false) => Array.ConvertAll(ds.Read<uint[]>(), v => (float)v),
                (H5DataTypeClass.FixedPoint, 4, true) => Array.ConvertAll(ds.Read<int[]>(), v => (float)v),
                _ => throw new InvalidDataException($"{path}: dataset '{dataset}' holds {type.Size}-byte {type.Class} values; expected {Expected} (floating point of 4 or 8 bytes, or integers of 1, 2 or 4 bytes)"),
            };
            if (pixels.Any(v => !float.IsFinite(v)))
                throw new InvalidDataException($"{path}: dataset '{dataset}' holds values that are not finite numbers");
            return new MovieData((int)dims[0], (int)dims[1], (int)dims[2], pixels);
        }
    }
}
