using Spiking.Cli.Commands;
using Spiking.Engine;
using Spiking.Tests.Core;
using static Spiking.Tests.Core.CliRun;

namespace Spiking.Tests.Cli;

/// <summary>Progress while a network is built, the automatic thread count by work, and no phase line of zeros in event mode.</summary>
public class BuildProgressTests
{
    [Fact]
    public void Build_reports_each_projection_once_with_the_running_synapse_count()
    {
        var spec = TestNetworks.Cuba(seed: 5, duration: 10);
        var reports = new List<BuildProgress>();
        var progress = new Recording(reports);
        var network = Network.Build(spec, 2, null, progress);
        Assert.Equal(spec.Projections.Count, reports.Count);
        Assert.Equal(Enumerable.Range(1, reports.Count), reports.Select(r => r.ProjectionsDone).Order());
        Assert.Equal(spec.Projections.Select(p => p.Name).Order(), reports.Select(r => r.Projection).Order());
        Assert.All(reports, r => Assert.Equal(spec.Projections.Count, r.Projections));
        Assert.Equal(network.SynapseCount, reports.Max(r => r.Synapses)); // the last report has drawn them all
    }

    [Fact]
    public void Progress_lines_wait_a_second_then_come_at_most_every_two_seconds_and_always_at_the_end()
    {
        var stderr = new StringWriter();
        var lines = new BuildProgressLines(stderr);
        lines.Report(new BuildProgress(1, 5, 100, "a", 0.5)); // first second: silent
        lines.Report(new BuildProgress(2, 5, 200, "b", 1.2)); // printed
        lines.Report(new BuildProgress(3, 5, 300, "c", 2.0)); // 0.8 s later: throttled
        lines.Report(new BuildProgress(4, 5, 400, "d", 3.3)); // printed
        lines.Report(new BuildProgress(5, 5, 500, "e", 3.4)); // the last: printed
        var printed = stderr.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, printed.Length);
        Assert.Contains("2/5 projections (40%), 200 synapses, 1.2 s (last done: b)", printed[0]);
        Assert.Contains("4/5 projections", printed[1]);
        Assert.Contains("5/5 projections (100%), 500 synapses, 3.4 s", printed[2]);

        // A build done within its first second prints nothing, its last projection included.
        var quick = new StringWriter();
        new BuildProgressLines(quick).Report(new BuildProgress(1, 1, 10, "a", 0.3));
        Assert.Equal("", quick.ToString());
    }

    [Fact]
    public void Automatic_threads_count_synapses_as_well_as_neurons()
    {
        int all = Environment.ProcessorCount;
        Assert.Equal(1, Network.AutoThreads(4_000, 319_960)); // CUBA 4,000
        Assert.Equal(all, Network.AutoThreads(12_500, 15_625_000)); // Brunel: few neurons, many synapses
        Assert.Equal(all, Network.AutoThreads(40_000, 3_200_000)); // CUBA 40,000: by neurons
        Assert.Equal(1, Network.AutoThreads(Network.ThreadedNeurons - 1, Network.ThreadedSynapses - 1));
    }

    [Fact]
    public void Event_mode_prints_no_phase_times_it_does_not_measure()
    {
        string dir = Path.Combine(Path.GetTempPath(), "spiking-event-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(dir);
        try
        {
            var (code, stdout, stderr) = RunCli("run", RepoPaths.Model("cuba.toml"), "--mode", "event", "--duration", "20 ms", "--out", Path.Combine(dir, "e.h5"));
            Assert.True(code == 0, stderr);
            Assert.DoesNotContain("time per phase", stdout);
            Assert.Contains("synaptic events", stdout);
            var (qcode, qout, qerr) = RunCli("run", RepoPaths.Model("cuba.toml"), "--duration", "20 ms", "--quiet", "--out", Path.Combine(dir, "q.h5"));
            Assert.Equal(0, qcode);
            Assert.Equal("", qout + qerr);
        }
        finally { Directory.Delete(dir, true); }
    }

    /// <summary>Keeps every report (the build reports from several threads).</summary>
    private sealed class Recording(List<BuildProgress> into) : IProgress<BuildProgress>
    {
        public void Report(BuildProgress value)
        {
            lock (into) into.Add(value);
        }
    }
}
