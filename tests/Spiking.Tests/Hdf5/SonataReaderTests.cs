using System.Diagnostics;
using System.Text.Json;
using Spiking.Tests.Core;

namespace Spiking.Tests.Hdf5;

/// <summary>
/// The spike output read by a SONATA reader written from the SONATA developer guide
/// (<c>sonata_spikes.py</c> beside this file, h5py/libhdf5, independent of PureHDF and the writer):
/// root <c>magic</c> and <c>version</c>, <c>sorting</c> as the uint8 enum libsonata reads, <c>units</c>
/// on timestamps, and the spike counts the run recorded.
/// </summary>
public class SonataReaderTests(Hdf5TestRun run) : IClassFixture<Hdf5TestRun>
{
    private static (int Code, JsonElement Json, string Err) Read(string file)
    {
        var psi = new ProcessStartInfo("/usr/bin/python3") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add(Path.Combine(RepoPaths.Root, "tests", "Spiking.Tests", "Hdf5", "sonata_spikes.py"));
        psi.ArgumentList.Add(file);
        using var p = Process.Start(psi)!;
        var err = p.StandardError.ReadToEndAsync();
        string stdout = p.StandardOutput.ReadToEnd();
        Assert.True(p.WaitForExit(60_000), "the SONATA reader did not finish within 60 s");
        Assert.True(stdout.Length > 0, $"the SONATA reader printed nothing (exit {p.ExitCode}): {err.Result}");
        return (p.ExitCode, JsonDocument.Parse(stdout).RootElement.Clone(), err.Result);
    }

    [Fact]
    public void Spike_output_follows_the_sonata_developer_guide()
    {
        var (code, json, err) = Read(run.Path);
        Assert.True(code == 0, $"{json.GetProperty("errors")}\n{err}");
        Assert.Equal(0x0A7A, json.GetProperty("magic").GetInt32());
        Assert.Equal([0, 1], json.GetProperty("version").EnumerateArray().Select(v => v.GetInt32()));
        var pops = json.GetProperty("populations");
        foreach (var (pop, monitor) in new[] { ("exc", Hdf5TestRun.SpikesExc), ("inh", Hdf5TestRun.SpikesInh), ("silent", Hdf5TestRun.SpikesSilent), ("precise", Hdf5TestRun.SpikesPrecise) })
        {
            var p = pops.GetProperty(pop);
            Assert.Equal("by_time", p.GetProperty("sorting").GetString());
            Assert.Equal("ms", p.GetProperty("units").GetString());
            Assert.Equal(run.Memory.SpikeTimes[monitor].Count, p.GetProperty("count").GetInt32());
        }
    }

    [Fact]
    public void The_reader_rejects_a_string_sorting_and_a_missing_magic()
    {
        // The reader must be able to fail: a copy with bmtk's string sorting and no magic.
        string bad = Path.Combine(run.Directory, "bad-sonata.h5");
        File.Copy(run.Path, bad, overwrite: true);
        var psi = new ProcessStartInfo("/usr/bin/python3") { RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add("-c");
        psi.ArgumentList.Add("import h5py, sys\nwith h5py.File(sys.argv[1], 'r+') as f:\n    del f.attrs['magic']\n    f['spikes/exc'].attrs['sorting'] = 'by_time'\n");
        psi.ArgumentList.Add(bad);
        using (var p = Process.Start(psi)!)
        {
            string e = p.StandardError.ReadToEnd();
            Assert.True(p.WaitForExit(60_000) && p.ExitCode == 0, e);
        }
        var (code, json, _) = Read(bad);
        Assert.Equal(1, code);
        var errors = json.GetProperty("errors").EnumerateArray().Select(x => x.GetString()!).ToArray();
        Assert.Contains(errors, x => x.Contains("'magic'"));
        Assert.Contains(errors, x => x.Contains("/spikes/exc@sorting must be an HDF5 enum"));
    }
}
