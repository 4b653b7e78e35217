using PureHDF;
using PureHDF.VOL.Native;

namespace Spiking.IO.Hdf5;

/// <summary>Spikes of one population as stored under <c>/spikes/POP</c>.</summary>
/// <param name="Population">Population name.</param>
/// <param name="Timestamps">Spike times (ms).</param>
/// <param name="NodeIds">Neuron index within the population of each spike.</param>
/// <param name="Sorting">The group's <c>sorting</c> attribute ("by_time", "by_id", "none"; an enum or a string in the file), null when absent.</param>
/// <param name="NeuronCount">Population size (attribute <c>n_neurons</c>), null when absent.</param>
/// <param name="RecordedCount">Neurons the monitor recorded (attribute <c>n_recorded</c>), null when absent.</param>
public sealed record SpikeData(string Population, double[] Timestamps, ulong[] NodeIds, string? Sorting, long? NeuronCount, long? RecordedCount)
{
    /// <summary>Number of spikes.</summary>
    public int Count => Timestamps.Length;

    /// <summary>
    /// Number of neurons that ids can refer to: <see cref="NeuronCount"/> when stored, else the
    /// largest node id + 1 (0 without spikes).
    /// </summary>
    public int IdBound => (int)(NeuronCount ?? (NodeIds.Length == 0 ? 0 : (long)NodeIds.Max() + 1));

    /// <summary>Neurons recorded: <see cref="RecordedCount"/> when stored, else <see cref="IdBound"/>.</summary>
    public int Recorded => (int)(RecordedCount ?? IdBound);

    /// <summary>The node ids as <see cref="int"/>, as <see cref="Analysis.SpikeStatistics"/> takes them.</summary>
    public int[] NodeIdsAsInt32() => Array.ConvertAll(NodeIds, id => checked((int)id));
}

/// <summary>Sampled state of one population as stored under <c>/state/POP</c>.</summary>
/// <param name="Population">Population name.</param>
/// <param name="Time">Sample times (ms).</param>
/// <param name="NodeIds">Sampled neurons, one per column.</param>
/// <param name="Variables">Per variable, values [sample, neuron] in the variable's base unit.</param>
/// <param name="Units">Per variable, its unit (attribute <c>units</c>).</param>
/// <param name="Interval">Sampling interval (ms), null when absent.</param>
public sealed record StateData(string Population, double[] Time, ulong[] NodeIds,
    IReadOnlyDictionary<string, double[,]> Variables, IReadOnlyDictionary<string, string> Units, double? Interval);

/// <summary>Binned population rate as stored under <c>/rates/POP</c>.</summary>
/// <param name="Population">Population name.</param>
/// <param name="Time">Bin start times (ms).</param>
/// <param name="Rate">Rate in each bin (Hz).</param>
/// <param name="Bin">Bin width (ms), null when absent.</param>
public sealed record RateData(string Population, double[] Time, double[] Rate, double? Bin);

/// <summary>
/// Reads an output file written by <see cref="Hdf5Recorder"/> (or another SONATA spike file):
/// root attributes, spikes, sampled state and rates. Open with <see cref="Open"/>; dispose to close.
/// </summary>
public sealed partial class Hdf5Results : IDisposable
{
    private readonly NativeFile _file;

    private Hdf5Results(string path, NativeFile file)
    {
        Path = path;
        _file = file;
        Attributes = ReadAttributes(file);
        SpikePopulations = Children("spikes");
        StatePopulations = Children("state");
        RatePopulations = Children("rates");
    }

    /// <summary>The file read.</summary>
    public string Path { get; }

    /// <summary>
    /// Root attributes: strings as <see cref="string"/>, floating point as <see cref="double"/>,
    /// signed integers as <see cref="long"/>, unsigned as <see cref="ulong"/>, floating-point arrays
    /// as <see cref="double"/>[], string arrays joined with commas. Attributes of other types are left out.
    /// </summary>
    public IReadOnlyDictionary<string, object> Attributes { get; }

    /// <summary>Populations under <c>/spikes</c>, in file order.</summary>
    public IReadOnlyList<string> SpikePopulations { get; }

    /// <summary>Populations under <c>/state</c>.</summary>
    public IReadOnlyList<string> StatePopulations { get; }

    /// <summary>Populations under <c>/rates</c>.</summary>
    public IReadOnlyList<string> RatePopulations { get; }

    /// <summary>
    /// Opens <paramref name="path"/>. Throws <see cref="FileNotFoundException"/> when it does not exist and
    /// <see cref="InvalidDataException"/> when it is not an HDF5 file or holds neither spikes nor the
    /// <c>software</c> attribute of a spiking output file.
    /// </summary>
    public static Hdf5Results Open(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"{path}: no such file", path);
        NativeFile file;
        try
        {
            file = H5File.OpenRead(path);
        }
        catch (Exception e) when (e is not IOException and not UnauthorizedAccessException)
        {
            throw new InvalidDataException($"{path}: not an HDF5 file ({e.Message})", e);
        }
        try
        {
            var results = new Hdf5Results(path, file);
            if (!results.Attributes.ContainsKey("software") && !file.LinkExists("spikes"))
                throw new InvalidDataException($"{path}: an HDF5 file, but not a spiking output file (no /spikes group and no 'software' attribute)");
            return results;
        }
        catch (Exception e)
        {
            file.Dispose();
            if (e is InvalidDataException or IOException) throw;
            throw new InvalidDataException($"{path}: cannot read ({e.Message})", e);
        }
    }

    /// <summary>A root attribute as a string, or null when absent.</summary>
    public string? GetString(string name) => Attributes.TryGetValue(name, out var v) ? Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture) : null;

    /// <summary>A numeric root attribute as a double, or null when absent or not a number.</summary>
    public double? GetDouble(string name) => Attributes.TryGetValue(name, out var v) ? v switch
    {
        double d => d,
        long l => l,
        ulong u => u,
        _ => null,
    } : null;

    /// <summary>An integer root attribute, or null when absent or not an integer.</summary>
    public long? GetInt64(string name) => Attributes.TryGetValue(name, out var v) ? v switch
    {
        long l => l,
        ulong u => (long)u,
        _ => null,
    } : null;

    /// <summary>An unsigned integer root attribute (for example <c>seed</c>), or null when absent or not an integer.</summary>
    public ulong? GetUInt64(string name) => Attributes.TryGetValue(name, out var v) ? v switch
    {
        ulong u => u,
        long l => (ulong)l,
        _ => null,
    } : null;

    /// <summary>The groups directly under <paramref name="path"/> (for example "readouts"), in file order; none when it is absent.</summary>
    public IReadOnlyList<string> GroupsUnder(string path)
        => _file.LinkExists(path) && _file.Get(path) is IH5Group g ? g.Children().OfType<IH5Group>().Select(c => c.Name).ToArray() : [];

    /// <summary>
    /// The attributes of the group or dataset at <paramref name="path"/> (for example "readouts/predict"),
    /// read as <see cref="Attributes"/> reads the root's; null when there is no such object.
    /// </summary>
    public IReadOnlyDictionary<string, object>? AttributesOf(string path)
        => _file.LinkExists(path) ? ReadAttributes(_file.Get(path)) : null;

    /// <summary>A one-dimensional numeric dataset at <paramref name="path"/> as doubles; null when absent or of another kind.</summary>
    public double[]? DatasetDoubles(string path)
    {
        if (!_file.LinkExists(path) || _file.Get(path) is not IH5Dataset ds || ds.Space.Dimensions.Length != 1) return null;
        return (ds.Type.Class, ds.Type.Size) switch
        {
            (H5DataTypeClass.FloatingPoint, 8) => ds.Read<double[]>(),
            (H5DataTypeClass.FixedPoint, 8) when ds.Type.FixedPoint.IsSigned => Array.ConvertAll(ds.Read<long[]>(), x => (double)x),
            (H5DataTypeClass.FixedPoint, 8) => Array.ConvertAll(ds.Read<ulong[]>(), x => (double)x),
            _ => null,
        };
    }

    /// <summary>Reads the spikes of <paramref name="population"/>.</summary>
    public SpikeData ReadSpikes(string population)
    {
        var group = Group("spikes", population);
        var times = group.Dataset("timestamps").Read<double[]>();
        var ids = ReadIds(group.Dataset("node_ids"));
        if (times.Length != ids.Length) throw new InvalidDataException($"{Path}: /spikes/{population} has {times.Length} timestamps but {ids.Length} node ids");
        var attrs = ReadAttributes(group);
        string? sorting = group.AttributeExists("sorting") ? ReadSorting(group.Attribute("sorting")) : null;
        return new SpikeData(population, times, ids, sorting, AsLong(attrs.GetValueOrDefault("n_neurons")), AsLong(attrs.GetValueOrDefault("n_recorded")));
    }

    /// <summary>SONATA's <c>sorting</c>: an enum (as SONATA defines it and this recorder writes it) or a string (as bmtk and older outputs write it).</summary>
    private static string? ReadSorting(IH5Attribute a)
    {
        try
        {
            return a.Type.Class switch
            {
                H5DataTypeClass.Enumerated => a.Read<SpikeSorting>().ToString(),
                H5DataTypeClass.String or H5DataTypeClass.VariableLength => a.Read<string>(),
                _ => null,
            };
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return null; // an enum of another base type or other members
        }
    }

    /// <summary>Reads the sampled state of <paramref name="population"/>: every dataset other than <c>time</c> and <c>node_ids</c> is a variable.</summary>
    public StateData ReadState(string population)
    {
        var group = Group("state", population);
        var time = group.Dataset("time").Read<double[]>();
        var ids = ReadIds(group.Dataset("node_ids"));
        var variables = new Dictionary<string, double[,]>();
        var units = new Dictionary<string, string>();
        foreach (var child in group.Children())
        {
            if (child is not IH5Dataset ds || child.Name is "time" or "node_ids") continue;
            var dims = ds.Space.Dimensions;
            if (dims.Length != 2) throw new InvalidDataException($"{Path}: /state/{population}/{child.Name} has rank {dims.Length}, expected 2");
            variables[child.Name] = dims[0] * dims[1] == 0 ? new double[dims[0], dims[1]] : ds.Read<double[,]>();
            units[child.Name] = ds.AttributeExists("units") ? ds.Attribute("units").Read<string>() : "";
        }
        return new StateData(population, time, ids, variables, units, AsDouble(ReadAttributes(group).GetValueOrDefault("interval")));
    }

    /// <summary>Reads the binned rate of <paramref name="population"/>.</summary>
    public RateData ReadRates(string population)
    {
        var group = Group("rates", population);
        return new RateData(population, group.Dataset("time").Read<double[]>(), group.Dataset("rate").Read<double[]>(),
            AsDouble(ReadAttributes(group).GetValueOrDefault("bin")));
    }

    /// <summary>Closes the file.</summary>
    public void Dispose() => _file.Dispose();

    private IH5Group Group(string kind, string population)
    {
        if (!_file.LinkExists(kind) || !_file.Group(kind).LinkExists(population))
            throw new KeyNotFoundException($"{Path}: no /{kind}/{population}");
        return _file.Group(kind).Group(population);
    }

    private IReadOnlyList<string> Children(string kind)
        => _file.LinkExists(kind) ? _file.Group(kind).Children().OfType<IH5Group>().Select(g => g.Name).ToArray() : [];

    private static ulong[] ReadIds(IH5Dataset ds)
    {
        var type = ds.Type;
        if (type.Class != H5DataTypeClass.FixedPoint) throw new InvalidDataException($"node ids are of type {type.Class}, expected integers");
        bool signed = type.FixedPoint.IsSigned;
        return (type.Size, signed) switch
        {
            (8, false) => ds.Read<ulong[]>(),
            (8, true) => Array.ConvertAll(ds.Read<long[]>(), x => (ulong)x),
            (4, false) => Array.ConvertAll(ds.Read<uint[]>(), x => (ulong)x),
            (4, true) => Array.ConvertAll(ds.Read<int[]>(), x => (ulong)x),
            _ => throw new InvalidDataException($"node ids are {type.Size}-byte integers, expected 4 or 8"),
        };
    }

    private static Dictionary<string, object> ReadAttributes(IH5Object obj)
    {
        var result = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var a in obj.Attributes())
        {
            var value = ReadAttribute(a);
            if (value is not null) result[a.Name] = value;
        }
        return result;
    }

    private static object? ReadAttribute(IH5Attribute a)
    {
        try
        {
            bool scalar = a.Space.Type == H5DataspaceType.Scalar;
            var type = a.Type;
            switch (type.Class)
            {
                case H5DataTypeClass.String:
                case H5DataTypeClass.VariableLength:
                    return scalar ? a.Read<string>() : string.Join(",", a.Read<string[]>());
                case H5DataTypeClass.FloatingPoint:
                    if (type.Size == 8) return scalar ? a.Read<double>() : a.Read<double[]>();
                    return scalar ? (double)a.Read<float>() : Array.ConvertAll(a.Read<float[]>(), x => (double)x);
                case H5DataTypeClass.FixedPoint when scalar:
                    bool signed = type.FixedPoint.IsSigned;
                    return (type.Size, signed) switch
                    {
                        (8, true) => a.Read<long>(),
                        (8, false) => a.Read<ulong>(),
                        (4, true) => (long)a.Read<int>(),
                        (4, false) => (ulong)a.Read<uint>(),
                        (2, true) => (long)a.Read<short>(),
                        (2, false) => (ulong)a.Read<ushort>(),
                        (1, true) => (long)a.Read<sbyte>(),
                        (1, false) => (ulong)a.Read<byte>(),
                        _ => null,
                    };
                default:
                    return null;
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return null; // an attribute of a kind this reader does not know
        }
    }

    private static long? AsLong(object? v) => v switch { long l => l, ulong u => (long)u, _ => null };

    private static double? AsDouble(object? v) => v switch { double d => d, long l => l, ulong u => u, _ => null };
}
