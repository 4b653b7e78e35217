using System.Diagnostics;
using System.Text.Json;
using Spiking.Engine;

namespace Spiking.Tests.Hdf5;

/// <summary>
/// The HDF5 output read by the reference implementation (libhdf5 through h5py 3.7, Debian's
/// python3-h5py run by /usr/bin/python3): types, attributes and values equal what a
/// <see cref="MemoryRecorder"/> of the same run holds.
/// </summary>
public class Hdf5H5pyTests(Hdf5TestRun run) : IClassFixture<Hdf5TestRun>
{
    private const string Python = "/usr/bin/python3";

    /// <summary>Prints, as JSON, everything the tests compare: dtypes, shapes, attributes and values.</summary>
    private const string Script = """
        import json, sys
        import h5py, numpy as np

        def val(x):
            if isinstance(x, bytes):
                return x.decode("utf-8")
            if isinstance(x, np.ndarray):
                return [val(v) for v in x.tolist()]
            if isinstance(x, np.generic):
                return x.item()
            return x

        def attrs(obj):
            return {k: {"type": type(v).__name__, "value": val(v)} for k, v in obj.attrs.items()}

        def ds(d):
            return {"dtype": str(d.dtype), "shape": list(d.shape), "attrs": attrs(d), "values": val(d[()])}

        out = {}
        with h5py.File(sys.argv[1], "r") as f:
            out["h5py"] = h5py.__version__
            out["attrs"] = attrs(f)
            out["groups"] = sorted(f.keys())
            for kind in ("spikes", "state", "rates"):
                out[kind] = {}
                if kind not in f:
                    continue
                for pop, g in f[kind].items():
                    out[kind][pop] = {"attrs": attrs(g), "datasets": {name: ds(d) for name, d in g.items()}}
        print(json.dumps(out))
        """;

    private static JsonElement ReadWithH5py(string file, string dir)
    {
        Assert.True(File.Exists(Python), $"{Python} is missing: install Debian's python3-h5py (tests/run.sh does)");
        string script = Path.Combine(dir, "dump_h5.py");
        File.WriteAllText(script, Script);
        try
        {
            var psi = new ProcessStartInfo(Python) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            psi.ArgumentList.Add(script);
            psi.ArgumentList.Add(file);
            using var p = Process.Start(psi)!;
            var stderr = p.StandardError.ReadToEndAsync();
            string stdout = p.StandardOutput.ReadToEnd();
            Assert.True(p.WaitForExit(60_000), "h5py did not finish within 60 s");
            Assert.True(p.ExitCode == 0, $"h5py failed to read {file} (exit {p.ExitCode}):\n{stderr.Result}");
            return JsonDocument.Parse(stdout).RootElement.Clone();
        }
        finally
        {
            File.Delete(script);
        }
    }

    private static double[] Doubles(JsonElement e) => e.EnumerateArray().Select(x => x.GetDouble()).ToArray();
    private static ulong[] UInt64s(JsonElement e) => e.EnumerateArray().Select(x => x.GetUInt64()).ToArray();
    private static long[] Bits(IEnumerable<double> xs) => xs.Select(BitConverter.DoubleToInt64Bits).ToArray();

    [Fact]
    public void H5py_reads_spikes_with_sonata_types_and_the_recorded_values()
    {
        var json = ReadWithH5py(run.Path, run.Directory);
        var spikes = json.GetProperty("spikes");
        Assert.Equal(["exc", "inh", "precise", "silent"], spikes.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        foreach (var (pop, monitor) in new[] { ("exc", Hdf5TestRun.SpikesExc), ("inh", Hdf5TestRun.SpikesInh), ("silent", Hdf5TestRun.SpikesSilent) })
        {
            var g = spikes.GetProperty(pop);
            // SONATA's enum (by_time = 2); its type and members are checked by SonataReaderTests.
            Assert.Equal(2, g.GetProperty("attrs").GetProperty("sorting").GetProperty("value").GetInt32());
            Assert.Equal(run.Network.Population(pop).Size, g.GetProperty("attrs").GetProperty("n_neurons").GetProperty("value").GetInt32());
            var ts = g.GetProperty("datasets").GetProperty("timestamps");
            var ids = g.GetProperty("datasets").GetProperty("node_ids");
            Assert.Equal("float64", ts.GetProperty("dtype").GetString());
            Assert.Equal("uint64", ids.GetProperty("dtype").GetString());
            Assert.Equal("ms", ts.GetProperty("attrs").GetProperty("units").GetProperty("value").GetString());
            int n = run.Memory.SpikeTimes[monitor].Count;
            Assert.Equal([n], ts.GetProperty("shape").EnumerateArray().Select(x => x.GetInt32()));
            Assert.Equal([n], ids.GetProperty("shape").EnumerateArray().Select(x => x.GetInt32()));
            Assert.Equal(Bits(run.Memory.SpikeTimes[monitor]), Bits(Doubles(ts.GetProperty("values"))));
            Assert.Equal(run.Memory.SpikeIds[monitor].Select(i => (ulong)i), UInt64s(ids.GetProperty("values")));
        }
        Assert.True(run.Memory.SpikeTimes[Hdf5TestRun.SpikesExc].Count > 0);
        Assert.Equal(0, spikes.GetProperty("silent").GetProperty("datasets").GetProperty("timestamps").GetProperty("values").GetArrayLength());
    }

    [Fact]
    public void H5py_reads_state_and_rates_with_units_and_the_recorded_values()
    {
        var json = ReadWithH5py(run.Path, run.Directory);
        var exc = json.GetProperty("state").GetProperty("exc").GetProperty("datasets");
        Assert.Equal(Bits(run.Memory.StateTimes[Hdf5TestRun.StateExc]), Bits(Doubles(exc.GetProperty("time").GetProperty("values"))));
        Assert.Equal("ms", exc.GetProperty("time").GetProperty("attrs").GetProperty("units").GetProperty("value").GetString());
        Assert.Equal("uint64", exc.GetProperty("node_ids").GetProperty("dtype").GetString());
        Assert.Equal(Hdf5TestRun.StateExcNeurons.Select(i => (ulong)i), UInt64s(exc.GetProperty("node_ids").GetProperty("values")));
        int n = Hdf5TestRun.StateExcNeurons.Length;
        var samples = run.Memory.StateValues[Hdf5TestRun.StateExc];
        foreach (var (name, v) in new[] { ("v", 0), ("I_ex", 1) })
        {
            var d = exc.GetProperty(name);
            Assert.Equal("float64", d.GetProperty("dtype").GetString());
            Assert.Equal([samples.Count, n], d.GetProperty("shape").EnumerateArray().Select(x => x.GetInt32()));
            Assert.Equal("mV", d.GetProperty("attrs").GetProperty("units").GetProperty("value").GetString());
            var rows = d.GetProperty("values").EnumerateArray().Select(Doubles).ToArray();
            for (int t = 0; t < samples.Count; t++)
                Assert.Equal(Bits(samples[t].Skip(v * n).Take(n)), Bits(rows[t]));
        }

        var rates = json.GetProperty("rates").GetProperty("inh");
        Assert.Equal(3.0, rates.GetProperty("attrs").GetProperty("bin").GetProperty("value").GetDouble());
        Assert.Equal("Hz", rates.GetProperty("datasets").GetProperty("rate").GetProperty("attrs").GetProperty("units").GetProperty("value").GetString());
        Assert.Equal(Bits(run.Memory.RateTimes[Hdf5TestRun.RateInh]), Bits(Doubles(rates.GetProperty("datasets").GetProperty("time").GetProperty("values"))));
        Assert.Equal(Bits(run.Memory.Rates[Hdf5TestRun.RateInh]), Bits(Doubles(rates.GetProperty("datasets").GetProperty("rate").GetProperty("values"))));
    }

    [Fact]
    public void H5py_reads_the_root_attributes()
    {
        var attrs = ReadWithH5py(run.Path, run.Directory).GetProperty("attrs");
        string Type(string name) => attrs.GetProperty(name).GetProperty("type").GetString()!;
        JsonElement Value(string name) => attrs.GetProperty(name).GetProperty("value");

        Assert.Equal("spiking", Value("software").GetString());
        Assert.Equal(Hdf5TestRun.Version, Value("software_version").GetString());
        Assert.Equal("uint64", Type("seed"));
        Assert.Equal(2024UL, Value("seed").GetUInt64());
        Assert.Equal("float64", Type("dt"));
        Assert.Equal(0.1, Value("dt").GetDouble());
        Assert.Equal(200.0, Value("duration").GetDouble());
        Assert.Equal("cpu", Value("backend").GetString());
        Assert.Equal("step", Value("mode").GetString());
        Assert.Equal(Hdf5TestRun.Threads, Value("threads").GetInt32());
        Assert.Equal(run.Result.WallSeconds, Value("wall_time_s").GetDouble());
        Assert.Equal(run.Network.BuildSeconds, Value("build_time_s").GetDouble());
        Assert.Equal(Hdf5TestRun.ModelText, Value("model").GetString());
        Assert.Equal("models/test.toml", Value("model_file").GetString());
        Assert.Equal(run.Network.NeuronCount, Value("n_neurons").GetInt64());
        Assert.Equal(run.Network.SynapseCount, Value("n_synapses").GetInt64());
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$", Value("created").GetString());
    }
}
