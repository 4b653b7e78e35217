using System.Globalization;
using System.Runtime.InteropServices;
using PureHDF;
using PureHDF.Filters;
using PureHDF.Selections;
using PureHDF.VOL.Native;
using Spiking.Description;
using Spiking.Engine;
using Spiking.Units;

namespace Spiking.IO.Hdf5;

/// <summary>
/// Writes one run to an HDF5 file (SONATA-compatible spikes). During the run everything the
/// monitors deliver is spooled to temporary binary files in a folder next to the output, so memory
/// does not grow with simulated time. <see cref="End"/> writes the HDF5 file to
/// <see cref="TempPath"/> in blocks and renames it to <see cref="Path"/> only once it is complete.
/// When the run fails the caller disposes the recorder, which removes the temporary file and the
/// spools: a failed run never leaves a file that looks finished.
/// </summary>
/// <remarks>
/// Layout: <c>/spikes/POP/{timestamps,node_ids}</c> (float64 ms, uint64; group attributes
/// <c>sorting</c>, <c>n_neurons</c>, <c>n_recorded</c>), <c>/state/POP/{time,node_ids,VARIABLE}</c>
/// (VARIABLE is float64 [samples, neurons] with attribute <c>units</c>),
/// <c>/rates/POP/{time,rate}</c> (group attribute <c>bin</c>), <c>/weights/PROJECTION/{time,pre,post,w}</c>
/// (w float64 [snapshots, synapses] in table order, pre/post uint64 per synapse), and root attributes describing the run
/// (SONATA's magic and version, software, software_version, seed, dt, duration, backend, mode, threads,
/// timings, the model text, the variant) and the options of the run (<c>/run</c>, <see cref="RunRecord"/>).
/// One recorder records one run.
/// </remarks>
public sealed partial class Hdf5Recorder : IRecorder, IDisposable
{
    /// <summary>Elements per dataset chunk and per block written.</summary>
    public const int BlockSize = 1 << 16;

    private readonly string _backend, _mode, _version;
    private readonly int _threads;
    private Network? _network;
    private string? _spoolDir;
    private SpikeSpool?[] _spikes = [];
    private StateSpool?[] _states = [];
    private RateSpool?[] _rates = [];
    private ReadoutSpool[] _readouts = [];
    private bool _ended, _disposed;

    /// <summary>The options of <c>spiking run</c> that shaped the run, written as the group <c>/run</c>; null writes none.</summary>
    public RunRecord? Run { get; init; }

    /// <summary>Creates a recorder that will write <paramref name="path"/> when the run ends.</summary>
    /// <param name="path">The HDF5 file to write; replaced if it exists. Its folder is created when missing.</param>
    /// <param name="backend">Engine that ran the network (for example "cpu"), stored as root attribute <c>backend</c>.</param>
    /// <param name="mode">Integration mode (for example "step"), stored as <c>mode</c>.</param>
    /// <param name="threads">Worker threads, stored as <c>threads</c>; 0 or less stores the count the run reports.</param>
    /// <param name="version">Software version stored as <c>software_version</c>; null stores the version of this assembly.</param>
    public Hdf5Recorder(string path, string backend = "cpu", string mode = "step", int threads = 0, string? version = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        Path = System.IO.Path.GetFullPath(path);
        _backend = backend;
        _mode = mode;
        _threads = threads;
        _version = version ?? typeof(Hdf5Recorder).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";
    }

    /// <summary>The file written when the run completes.</summary>
    public string Path { get; }

    /// <summary>The name the file is written under before it is complete.</summary>
    public string TempPath => Path + ".tmp";

    /// <summary>Whether <see cref="Path"/> has been written completely.</summary>
    public bool Completed { get; private set; }

    /// <summary>The folder holding the spools while a run is recorded (null before <see cref="Begin"/> and after cleanup).</summary>
    public string? SpoolDirectory => _spoolDir;

    /// <inheritdoc />
    public void Begin(Network network)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_network is not null) throw new InvalidOperationException("an Hdf5Recorder records a single run; create a new one for the next run");
        _network = network;
        var dir = System.IO.Path.GetDirectoryName(Path)!;
        Directory.CreateDirectory(dir);
        _spoolDir = System.IO.Path.Combine(dir, "." + System.IO.Path.GetFileName(Path) + ".spool-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(_spoolDir);

        var monitors = network.Spec.Monitors;
        _spikes = new SpikeSpool?[monitors.Count];
        _states = new StateSpool?[monitors.Count];
        _rates = new RateSpool?[monitors.Count];
        for (int k = 0; k < monitors.Count; k++)
        {
            var m = monitors[k];
            string Spool(string what) => System.IO.Path.Combine(_spoolDir, $"{k}.{what}");
            if (m is WeightMonitorSpec wm)
            {
                // Weight snapshots go through a state spool: one "variable" w over the synapses.
                var proj = network.Projections.First(p => p.Spec.Name == wm.Projection);
                var units = Quantity.BaseUnit(proj.Post.Model.Receptors[proj.Receptor].WeightDimension);
                _states[k] = new StateSpool(Spool("time"), Spool("values"), ["w"], [units], new int[proj.Synapses.Weight.Length], 0);
                continue;
            }
            var pop = network.Population(m.Population);
            switch (m)
            {
                case SpikeMonitorSpec:
                    _spikes[k] = new SpikeSpool(Spool("t"), Spool("i"), pop.Size, m.Neurons?.Distinct().Count() ?? pop.Size);
                    break;
                case StateMonitorSpec s:
                {
                    var ids = (m.Neurons ?? Enumerable.Range(0, pop.Size).ToArray()).ToArray();
                    var units = s.Variables.Select(v => pop.Model.Variables.FirstOrDefault(x => x.Name == v) is { } info ? Quantity.BaseUnit(info.Dimension) : "").ToArray();
                    _states[k] = new StateSpool(Spool("time"), Spool("values"), s.Variables.ToArray(), units, ids, s.Interval);
                    break;
                }
                case RateMonitorSpec r:
                    _rates[k] = new RateSpool(Spool("rate"), r.Bin, m.Neurons?.Distinct().Count() ?? pop.Size);
                    break;
            }
        }
        _readouts = network.Spec.Readouts.Select((r, k) => new ReadoutSpool(System.IO.Path.Combine(_spoolDir, $"readout{k}"))).ToArray();
    }

    /// <inheritdoc />
    public void RecordReadout(int readout, double time, double prediction, double target) => _readouts[readout].Add(time, prediction, target);

    /// <inheritdoc />
    public void RecordReadoutWeights(int readout, double[,] weights) => _readouts[readout].Weights = weights;

    /// <inheritdoc />
    public void RecordSpikes(int monitor, ReadOnlySpan<double> times, ReadOnlySpan<int> nodeIds)
        => (_spikes[monitor] ?? throw new ArgumentException($"monitor {monitor} is not a spike monitor", nameof(monitor))).Add(times, nodeIds);

    /// <inheritdoc />
    public void RecordState(int monitor, double time, ReadOnlySpan<double> values)
        => (_states[monitor] ?? throw new ArgumentException($"monitor {monitor} is not a state monitor", nameof(monitor))).Add(time, values);

    /// <inheritdoc />
    public void RecordWeights(int monitor, double time, ReadOnlySpan<double> weights)
        => (_states[monitor] ?? throw new ArgumentException($"monitor {monitor} is not a weight monitor", nameof(monitor))).Add(time, weights);

    /// <inheritdoc />
    public void RecordRate(int monitor, double time, double rateHz)
        => (_rates[monitor] ?? throw new ArgumentException($"monitor {monitor} is not a rate monitor", nameof(monitor))).Add(time, rateHz);

    /// <summary>Writes the HDF5 file from the spools to <see cref="TempPath"/>, renames it to <see cref="Path"/>, and removes the spools.</summary>
    public void End(RunResult result)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var network = _network ?? throw new InvalidOperationException("End called before Begin");
        if (_ended) throw new InvalidOperationException("an Hdf5Recorder records a single run");
        _ended = true;
        try
        {
            WriteFile(network, result);
            File.Move(TempPath, Path, overwrite: true);
            Completed = true;
        }
        finally
        {
            Cleanup();
        }
    }

    /// <summary>Removes the spools and, unless the file was completed, the temporary file.</summary>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        Cleanup();
    }

    private IEnumerable<Spool> Spools()
        => _spikes.Concat<Spool?>(_states).Concat(_rates).Concat(_readouts).OfType<Spool>();

    private void Cleanup()
    {
        foreach (var s in Spools()) s.Close();
        if (_spoolDir is not null)
        {
            try { Directory.Delete(_spoolDir, recursive: true); } catch (DirectoryNotFoundException) { }
            _spoolDir = null;
        }
        if (File.Exists(TempPath)) File.Delete(TempPath);
    }

    private void WriteFile(Network network, RunResult result)
    {
        var spec = network.Spec;
        var file = new H5File();
        WriteRunAttributes(file, network, result);

        var writes = new List<Action<H5NativeWriter>>();
        var spikes = new H5Group();
        var states = new H5Group();
        var rates = new H5Group();
        var weights = new H5Group();
        for (int k = 0; k < spec.Monitors.Count; k++)
        {
            string pop = spec.Monitors[k].Population;
            if (spec.Monitors[k] is WeightMonitorSpec wm && _states[k] is { } ws)
            {
                var table = network.Projections.First(p => p.Spec.Name == wm.Projection).Synapses;
                var pre = new ulong[table.Target.Length];
                for (int j = 0; j + 1 < table.RowStart.Length; j++)
                    for (long s = table.RowStart[j]; s < table.RowStart[j + 1]; s++) pre[s] = (ulong)j;
                var time = Dataset<double>(ws.Count, "ms");
                var w = Dataset2D(ws.Count, ws.Neurons.Length, ws.Units[0], out _);
                weights[wm.Projection] = new H5Group
                {
                    ["time"] = time,
                    ["pre"] = pre,
                    ["post"] = table.Target.Select(i => (ulong)i).ToArray(),
                    ["w"] = w,
                    Attributes = new() { ["plastic"] = network.Projections.First(p => p.Spec.Name == wm.Projection).Plasticity is not null ? 1L : 0L },
                };
                writes.Add(wr => ws.WriteTo(wr, time, [w]));
            }
            else if (_spikes[k] is { } sp)
            {
                var times = Dataset<double>(sp.Count, "ms");
                var ids = Dataset<ulong>(sp.Count, null);
                spikes[pop] = new H5Group
                {
                    ["timestamps"] = times,
                    ["node_ids"] = ids,
                    Attributes = new() { ["sorting"] = sp.Sorted ? SpikeSorting.by_time : SpikeSorting.none, ["n_neurons"] = (long)sp.PopulationSize, ["n_recorded"] = (long)sp.Recorded },
                };
                writes.Add(w => sp.WriteTo(w, times, ids));
            }
            else if (_states[k] is { } st)
            {
                var time = Dataset<double>(st.Count, "ms");
                var group = new H5Group
                {
                    ["time"] = time,
                    ["node_ids"] = st.Neurons.Select(i => (ulong)i).ToArray(),
                    Attributes = new() { ["interval"] = st.Interval, ["interval_units"] = TimeUnits },
                };
                var values = new H5Dataset<double[]>[st.Variables.Length];
                for (int v = 0; v < values.Length; v++)
                {
                    values[v] = Dataset2D(st.Count, st.Neurons.Length, st.Units[v], out _);
                    if (group.ContainsKey(st.Variables[v])) throw new InvalidOperationException($"state variable '{st.Variables[v]}' clashes with a dataset of /state/{pop}");
                    group[st.Variables[v]] = values[v];
                }
                states[pop] = group;
                writes.Add(w => st.WriteTo(w, time, values));
            }
            else if (_rates[k] is { } rt)
            {
                var time = Dataset<double>(rt.Count, "ms");
                var rate = Dataset<double>(rt.Count, "Hz");
                rates[pop] = new H5Group
                {
                    ["time"] = time,
                    ["rate"] = rate,
                    Attributes = new() { ["bin"] = rt.Bin, ["bin_units"] = TimeUnits, ["n_recorded"] = (long)rt.Recorded },
                };
                writes.Add(w => rt.WriteTo(w, time, rate));
            }
        }
        if (spikes.Count > 0) file["spikes"] = spikes;
        if (states.Count > 0) file["state"] = states;
        if (rates.Count > 0) file["rates"] = rates;
        if (weights.Count > 0) file["weights"] = weights;
        var readouts = new H5Group();
        for (int k = 0; k < spec.Readouts.Count; k++)
            readouts[spec.Readouts[k].Name] = ReadoutGroup(k, spec.Readouts[k], result, writes);
        if (readouts.Count > 0) file["readouts"] = readouts;

        using var writer = file.BeginWrite(TempPath);
        foreach (var write in writes) write(writer);
    }

    private static H5DatasetCreation Creation(int cachedChunks) => new(
        ChunkCache: new StreamingChunkCache(cachedChunks),
        Filters: [new H5Filter(DeflateFilter.Id, new() { [DeflateFilter.COMPRESSION_LEVEL] = 1 })]);

    /// <summary>A one-dimensional dataset of <paramref name="count"/> elements: chunked and deflated, or contiguous when empty.</summary>
    private static H5Dataset<T[]> Dataset<T>(long count, string? units)
    {
        var ds = count == 0
            ? new H5Dataset<T[]>(fileDims: [0])
            : new H5Dataset<T[]>(fileDims: [(ulong)count], chunks: [(uint)Math.Min(count, BlockSize)], datasetCreation: Creation(2));
        if (units is not null) ds.Attributes["units"] = units;
        return ds;
    }

    /// <summary>A [rows, columns] dataset whose chunks span whole rows when they fit in a block (<paramref name="chunkRows"/> rows each).</summary>
    private static H5Dataset<double[]> Dataset2D(long rows, int columns, string? units, out int chunkRows)
    {
        int chunkCols = Math.Min(columns, BlockSize);
        chunkRows = chunkCols == 0 ? 1 : (int)Math.Max(1, Math.Min(rows, BlockSize / chunkCols));
        int across = chunkCols == 0 ? 1 : (columns + chunkCols - 1) / chunkCols;
        var ds = rows == 0 || columns == 0
            ? new H5Dataset<double[]>(fileDims: [(ulong)rows, (ulong)columns])
            : new H5Dataset<double[]>(fileDims: [(ulong)rows, (ulong)columns], chunks: [(uint)chunkRows, (uint)chunkCols], datasetCreation: Creation(across + 1));
        if (units is not null) ds.Attributes["units"] = units;
        return ds;
    }
}
