using System.Globalization;
using Spiking.Analysis;
using Spiking.Cli.Commands;

namespace Spiking.Tests.Hdf5;

/// <summary><c>spiking info</c> and <c>spiking plot</c> on a file written by <see cref="IO.Hdf5.Hdf5Recorder"/>, and on bad files.</summary>
public class Hdf5CliTests(Hdf5TestRun run) : IClassFixture<Hdf5TestRun>
{
    private static (int Code, string Out, string Err) Info(string file)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = InfoCommand.Execute(file, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    /// <summary>The table row of <paramref name="population"/>: population, neurons, spikes, rate, CV, synchrony.</summary>
    private static string[] Row(string output, string population)
        => output.Split('\n').Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)).Single(c => c.Length == 6 && c[0] == population);

    [Fact]
    public void Info_prints_the_run_and_per_population_counts_and_statistics()
    {
        var (code, output, err) = Info(run.Path);
        Assert.True(code == 0, $"exit {code}: {err}");
        Assert.Equal("", err);
        Assert.Contains("models/test.toml", output);
        Assert.Contains("2024", output);
        Assert.Contains("0.1 ms", output);
        Assert.Contains("200 ms", output);
        Assert.Contains("cpu (step), 1 thread", output);
        Assert.Contains("wall time", output);

        foreach (var (pop, monitor, recorded) in new[] { ("exc", Hdf5TestRun.SpikesExc, 80), ("inh", Hdf5TestRun.SpikesInh, Hdf5TestRun.InhRecorded.Length), ("silent", Hdf5TestRun.SpikesSilent, 5) })
        {
            var row = Row(output, pop);
            var times = run.Memory.SpikeTimes[monitor].ToArray();
            var ids = run.Memory.SpikeIds[monitor].ToArray();
            Assert.Equal(recorded, int.Parse(row[1], NumberStyles.AllowThousands, CultureInfo.InvariantCulture));
            Assert.Equal(times.Length, int.Parse(row[2], NumberStyles.AllowThousands, CultureInfo.InvariantCulture));
            Assert.Equal(SpikeStatistics.MeanRate(times, recorded, 0, 200).ToString("F3", CultureInfo.InvariantCulture), row[3]);
            int bound = run.Network.Population(pop).Size;
            double cv = SpikeStatistics.MeanCvIsi(times, ids, bound, 0, 200);
            double chi = SpikeStatistics.Synchrony(times, ids, bound, 0, 200, 2);
            Assert.Equal(double.IsNaN(cv) ? "-" : cv.ToString("F3", CultureInfo.InvariantCulture), row[4]);
            Assert.Equal(double.IsNaN(chi) ? "-" : chi.ToString("F3", CultureInfo.InvariantCulture), row[5]);
        }
        Assert.Equal("-", Row(output, "silent")[4]);
        Assert.NotEqual("-", Row(output, "exc")[4]);
    }

    [Fact]
    public void Info_on_a_missing_file_names_it_and_returns_2()
    {
        string missing = Path.Combine(run.Directory, "does-not-exist.h5");
        var (code, output, err) = Info(missing);
        Assert.Equal(2, code);
        Assert.Contains(missing, err);
        Assert.Equal("", output);
    }

    [Fact]
    public void Info_on_a_file_that_is_not_hdf5_names_it_and_returns_2()
    {
        string bad = Path.Combine(Path.GetTempPath(), "spiking-not-hdf5-" + Guid.NewGuid().ToString("N")[..8] + ".h5");
        File.WriteAllText(bad, "this is not an HDF5 file, just text that is long enough to hold a superblock .......................");
        try
        {
            var (code, _, err) = Info(bad);
            Assert.Equal(2, code);
            Assert.Contains(bad, err);
            var empty = bad + ".empty";
            File.WriteAllBytes(empty, []);
            try
            {
                var (code2, _, err2) = Info(empty);
                Assert.Equal(2, code2);
                Assert.Contains(empty, err2);
            }
            finally { File.Delete(empty); }
        }
        finally { File.Delete(bad); }
    }

    [Fact]
    public void Plot_writes_a_png()
    {
        string png = Path.Combine(Path.GetTempPath(), "spiking-raster-" + Guid.NewGuid().ToString("N")[..8] + ".png");
        try
        {
            var stdout = new StringWriter();
            var stderr = new StringWriter();
            int code = PlotCommand.Execute(run.Path, png, 50, null, stdout, stderr);
            Assert.True(code == 0, $"exit {code}: {stderr}");
            var bytes = File.ReadAllBytes(png);
            Assert.True(bytes.Length > 10_000, $"PNG of {bytes.Length} bytes");
            Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A }, bytes[..8]);
            // Width and height from the IHDR chunk.
            Assert.Equal(PlotCommand.Width, (bytes[16] << 24) | (bytes[17] << 16) | (bytes[18] << 8) | bytes[19]);
            Assert.Equal(PlotCommand.Height, (bytes[20] << 24) | (bytes[21] << 16) | (bytes[22] << 8) | bytes[23]);
        }
        finally { File.Delete(png); }
    }

    [Fact]
    public void Plot_on_a_missing_file_returns_2()
    {
        string png = Path.Combine(Path.GetTempPath(), "spiking-raster-" + Guid.NewGuid().ToString("N")[..8] + ".png");
        var stderr = new StringWriter();
        string missing = Path.Combine(run.Directory, "missing.h5");
        Assert.Equal(2, PlotCommand.Execute(missing, png, null, null, new StringWriter(), stderr));
        Assert.Contains(missing, stderr.ToString());
        Assert.False(File.Exists(png));
        Assert.Equal(2, PlotCommand.Execute(run.Path, png, 0, null, new StringWriter(), new StringWriter()));
    }
}
