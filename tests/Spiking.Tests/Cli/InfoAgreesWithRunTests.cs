using System.Globalization;
using Spiking.IO.Hdf5;
using Spiking.Tests.Core;
using static Spiking.Tests.Core.CliRun;

namespace Spiking.Tests.Cli;

/// <summary>
/// <c>spiking info</c> against <c>spiking run</c>: the same spike counts (a spike stamped at exactly
/// the end time included), the readout scores the run printed, a legend for its columns, and a
/// bgG-RNN run described by the frames it learned from rather than "duration 0 ms".
/// </summary>
public sealed class InfoAgreesWithRunTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("spiking-info-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>Population name → the spikes column of a table whose first row starts with "population".</summary>
    private static Dictionary<string, long> Counts(string output, int spikesColumn)
    {
        var counts = new Dictionary<string, long>();
        bool inTable = false;
        foreach (var line in output.Split('\n'))
        {
            var cells = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (cells.Length > 0 && cells[0] == "population") { inTable = true; continue; }
            if (cells.Length == 0) { inTable = false; continue; }
            if (inTable) counts[cells[0]] = long.Parse(cells[spikesColumn], NumberStyles.AllowThousands, CultureInfo.InvariantCulture);
        }
        return counts;
    }

    [Fact]
    public void Info_counts_the_spikes_run_counted_including_one_at_the_end_time()
    {
        string file = Path.Combine(_dir, "cuba.h5");
        var run = RunCli("run", RepoPaths.Model("cuba.toml"), "--duration", "100 ms", "--out", file);
        Assert.True(run.Code == 0, run.Err);
        // The premise: spikes are stamped at the end of their step (docs/conventions.md), so the last
        // step's spikes carry exactly the end time, which info used to drop.
        using (var results = Hdf5Results.Open(file))
            Assert.Contains(results.ReadSpikes("exc").Timestamps, t => t == 100.0);

        var info = RunCli("info", file);
        Assert.True(info.Code == 0, info.Err);
        var fromRun = Counts(run.Out, 3); // population, model, neurons, spikes, rate
        var fromInfo = Counts(info.Out, 2); // population, neurons, spikes, rate, CV, synchrony
        Assert.Equal(["exc", "inh"], fromRun.Keys.Order());
        Assert.Equal(fromRun, fromInfo);
        Assert.Contains("synchrony: χ = √(Var_t", info.Out);
        Assert.Contains("2 ms bins", info.Out);
    }

    [Fact]
    public void Info_shows_the_readout_scores_the_run_printed()
    {
        string file = Path.Combine(_dir, "esn.h5");
        var run = RunCli("run", RepoPaths.Model("esn-mackey-glass.toml"), "--out", file);
        Assert.True(run.Code == 0, run.Err);
        string scores = run.Out.Split('\n').Single(l => l.StartsWith("readout predict:")).Split("test RMSE ")[1];
        var info = RunCli("info", file);
        Assert.True(info.Code == 0, info.Err);
        string line = info.Out.Split('\n').Single(l => l.StartsWith("readout predict"));
        Assert.Contains("ridge", line);
        Assert.Contains("training window 100-1600 ms", line);
        Assert.Contains(scores, line); // "0.00178, NRMSE ... (training NRMSE ...)", the same digits
    }

    [Fact]
    public void Info_on_a_bgrnn_output_describes_its_frames_not_a_zero_duration()
    {
        string model = Path.Combine(_dir, "small.toml"), file = Path.Combine(_dir, "bgrnn.h5");
        File.WriteAllText(model, "[bgrnn]\nunits = 8\ntrain_sequences = 20\ncheckpoints = 2\nheld_out_sequences = 2\n\n[bgrnn.stimuli]\nsize = 6\nframes = 5\ngrating_period = 3.0\n\n[bgrnn.selectivity]\nsequences = 2\n");
        var run = RunCli("run", model, "--out", file, "--quiet");
        Assert.True(run.Code == 0, run.Err);
        var info = RunCli("info", file);
        Assert.True(info.Code == 0, info.Err);
        Assert.DoesNotContain("duration", info.Out);
        Assert.Contains("20 sequences of 5 frames (100 frames), 2 sequences held out", info.Out);
        Assert.Contains("8 units, 36 pixels per frame", info.Out);
        Assert.DoesNotContain("no spike recordings", info.Out);
    }
}
