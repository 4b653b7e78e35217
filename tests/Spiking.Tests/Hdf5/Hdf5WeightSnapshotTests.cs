using System.Diagnostics;
using Spiking.Cpu;
using System.Text.Json;
using Spiking.Description;
using Spiking.Engine;
using Spiking.IO.Hdf5;
using Spiking.Tests.Plasticity;

namespace Spiking.Tests.Hdf5;

/// <summary>Weight snapshots in HDF5 (/weights/PROJECTION/{time,pre,post,w}), read back by h5py.</summary>
public class Hdf5WeightSnapshotTests
{
    [Fact]
    public void Weight_snapshots_are_written_at_the_requested_times_and_read_by_h5py()
    {
        var deltas = new[] { -20.0, 10.0, 30.0 };
        var spec = PairingNetworks.Pairs(0.1, 300, deltas.Select(_ => new[] { 100.0 }).ToArray(), deltas.Select(d => new[] { 100 + d }).ToArray(),
            PairingNetworks.Rule("stdp"), 0.5, [new SpikeMonitorSpec("pre"), new WeightMonitorSpec("syn", [0, 50, 300])]);
        var dir = Directory.CreateTempSubdirectory("spiking-weights").FullName;
        try
        {
            string file = Path.Combine(dir, "w.h5");
            var sim = new Simulator(Network.Build(spec), 1);
            var memory = new MemoryRecorder();
            using (var h5 = new Hdf5Recorder(file)) sim.Run(recorder: new Both(h5, memory));
            Assert.Equal([0.0, 50.0, 300.0], memory.WeightTimes[1]);
            Assert.All(memory.Weights[1][0], w => Assert.Equal(0.5, w));
            Assert.Equal(sim.Plasticity("syn")!.Weights, memory.Weights[1][2]);

            var psi = new ProcessStartInfo("/usr/bin/python3") { RedirectStandardOutput = true, RedirectStandardError = true };
            psi.ArgumentList.Add("-c");
            psi.ArgumentList.Add("import h5py, json, sys\nf = h5py.File(sys.argv[1], 'r'); g = f['weights/syn']\n" +
                "print(json.dumps({'time': g['time'][()].tolist(), 'pre': g['pre'][()].tolist(), 'post': g['post'][()].tolist(), 'w': g['w'][()].tolist(), 'units': g['w'].attrs['units'], 'dtype': str(g['w'].dtype)}))");
            psi.ArgumentList.Add(file);
            using var p = Process.Start(psi)!;
            string stdout = p.StandardOutput.ReadToEnd(), stderr = p.StandardError.ReadToEnd();
            p.WaitForExit();
            Assert.True(p.ExitCode == 0, stderr);
            using var json = JsonDocument.Parse(stdout);
            var root = json.RootElement;
            Assert.Equal([0.0, 50.0, 300.0], root.GetProperty("time").EnumerateArray().Select(x => x.GetDouble()));
            Assert.Equal([0L, 1, 2], root.GetProperty("pre").EnumerateArray().Select(x => x.GetInt64()));
            Assert.Equal([0L, 1, 2], root.GetProperty("post").EnumerateArray().Select(x => x.GetInt64()));
            Assert.Equal("mV", root.GetProperty("units").GetString());
            Assert.Equal("float64", root.GetProperty("dtype").GetString());
            var w = root.GetProperty("w").EnumerateArray().Select(r => r.EnumerateArray().Select(x => x.GetDouble()).ToArray()).ToArray();
            Assert.Equal(memory.Weights[1][2], w[2]);
            Assert.True(w[2][0] < 0.5 && w[2][1] > 0.5);
        }
        finally { Directory.Delete(dir, true); }
    }

    private sealed class Both(IRecorder a, IRecorder b) : IRecorder
    {
        public void Begin(Network network) { a.Begin(network); b.Begin(network); }
        public void RecordSpikes(int monitor, ReadOnlySpan<double> times, ReadOnlySpan<int> nodeIds) { a.RecordSpikes(monitor, times, nodeIds); b.RecordSpikes(monitor, times, nodeIds); }
        public void RecordState(int monitor, double time, ReadOnlySpan<double> values) { a.RecordState(monitor, time, values); b.RecordState(monitor, time, values); }
        public void RecordRate(int monitor, double time, double rateHz) { a.RecordRate(monitor, time, rateHz); b.RecordRate(monitor, time, rateHz); }
        public void RecordWeights(int monitor, double time, ReadOnlySpan<double> weights) { a.RecordWeights(monitor, time, weights); b.RecordWeights(monitor, time, weights); }
        public void End(RunResult result) { a.End(result); b.End(result); }
    }
}
