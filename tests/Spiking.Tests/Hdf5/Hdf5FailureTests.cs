using Spiking.Description;
using Spiking.Cpu;
using Spiking.Engine;
using Spiking.IO.Hdf5;

namespace Spiking.Tests.Hdf5;

/// <summary>A failed run leaves no file that looks finished, and no spools; large runs are written in several blocks and chunks.</summary>
public sealed class Hdf5FailureTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "spiking-hdf5-fail-" + Guid.NewGuid().ToString("N")[..8]);

    public Hdf5FailureTests() => Directory.CreateDirectory(_dir);

    public void Dispose()
    {
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }

    /// <summary>Forwards to an inner recorder and calls <see cref="OnState"/> at each state sample.</summary>
    private sealed class Spy(IRecorder inner, Action<double> onState) : IRecorder
    {
        public Action<double> OnState { get; } = onState;
        public void Begin(Network network) => inner.Begin(network);
        public void RecordSpikes(int monitor, ReadOnlySpan<double> times, ReadOnlySpan<int> nodeIds) => inner.RecordSpikes(monitor, times, nodeIds);
        public void RecordState(int monitor, double time, ReadOnlySpan<double> values) { inner.RecordState(monitor, time, values); OnState(time); }
        public void RecordRate(int monitor, double time, double rateHz) => inner.RecordRate(monitor, time, rateHz);
        public void End(RunResult result) => inner.End(result);
    }

    [Fact]
    public void A_run_cancelled_midway_leaves_neither_the_output_nor_its_temporary_file()
    {
        string output = Path.Combine(_dir, "cancelled.h5");
        using var cts = new CancellationTokenSource();
        bool sawSpools = false;
        var spec = Hdf5TestRun.BuildSpec(seed: 7, duration: 200);
        using var sim = new Simulator(Network.Build(spec, 1), 1);
        Assert.ThrowsAny<OperationCanceledException>(() =>
        {
            using var recorder = new Hdf5Recorder(output, "cpu", "step", 1, "test");
            var spy = new Spy(recorder, t =>
            {
                if (t < 50) return;
                // Midway: only spools exist, nothing that looks like an output.
                Assert.False(File.Exists(output));
                Assert.False(File.Exists(recorder.TempPath));
                sawSpools |= recorder.SpoolDirectory is { } d && Path.GetDirectoryName(d) == _dir && Directory.EnumerateFiles(d).Any();
                cts.Cancel();
            });
            sim.Run(recorder: spy, cancel: cts.Token);
        });
        Assert.True(sawSpools, "the recorder should spool to files next to the output during the run");
        Assert.False(File.Exists(output));
        Assert.False(File.Exists(output + ".tmp"));
        Assert.Empty(Directory.EnumerateFileSystemEntries(_dir));
    }

    [Fact]
    public void A_run_that_throws_from_progress_leaves_nothing_and_keeps_an_earlier_output()
    {
        string output = Path.Combine(_dir, "thrown.h5");
        File.WriteAllText(output, "an earlier, complete result");
        var spec = Hdf5TestRun.BuildSpec(seed: 7, duration: 100);
        using var sim = new Simulator(Network.Build(spec, 1), 1);
        var boom = new ThrowingProgress();
        var e = Assert.Throws<InvalidOperationException>(() =>
        {
            using var recorder = new Hdf5Recorder(output, "cpu", "step", 1, "test");
            sim.Run(recorder: recorder, progress: boom);
        });
        Assert.Equal("boom", e.Message);
        Assert.Equal("an earlier, complete result", File.ReadAllText(output));
        Assert.Equal([output], Directory.EnumerateFileSystemEntries(_dir));
    }

    private sealed class ThrowingProgress : IProgress<RunProgress>
    {
        public void Report(RunProgress value) => throw new InvalidOperationException("boom");
    }

    [Fact]
    public void Disposing_without_a_run_leaves_nothing_and_a_second_run_is_refused()
    {
        string output = Path.Combine(_dir, "never.h5");
        using (new Hdf5Recorder(output)) { }
        Assert.Empty(Directory.EnumerateFileSystemEntries(_dir));

        var spec = Hdf5TestRun.BuildSpec(seed: 7, duration: 5);
        using var sim = new Simulator(Network.Build(spec, 1), 1);
        using var recorder = new Hdf5Recorder(output);
        sim.Run(recorder: recorder);
        Assert.True(recorder.Completed);
        Assert.Throws<InvalidOperationException>(() => sim.Run(recorder: recorder));
        recorder.Dispose();
        Assert.True(File.Exists(output)); // disposing after success keeps the output
        Assert.Equal([output], Directory.EnumerateFileSystemEntries(_dir));
    }

    /// <summary>
    /// More spikes than one block (2^16) and a state monitor of more neurons than one chunk row
    /// holds, so datasets are written in several blocks and chunks; values must survive exactly.
    /// </summary>
    [Fact]
    public void Large_recordings_span_several_blocks_and_chunks_and_read_back_exactly()
    {
        var p = new Dictionary<string, double> { ["E_L"] = -60, ["V_th"] = -50, ["V_reset"] = -60, ["t_ref"] = 1 };
        var spec = new NetworkSpec(
            new SimulationSpec(0.1, 300, 99, 1),
            [
                new PopulationSpec("big", "lif_cuba", 3000, p, new Dictionary<string, ValueSpec> { ["v"] = new UniformValue(-60, -50) }),
                new PopulationSpec("wide", "lif_cuba", 70_000, new Dictionary<string, double>(), new Dictionary<string, ValueSpec> { ["v"] = new UniformValue(-70, -60) }),
            ],
            [],
            [new PoissonInputSpec("drive", "big", "exc", Rate: 30_000, Weight: 0.5)],
            [
                new SpikeMonitorSpec("big"),
                new StateMonitorSpec("big", ["v", "I_ex"], 1.0),
                new StateMonitorSpec("wide", ["v"], 100.0),
            ]);
        string output = Path.Combine(_dir, "large.h5");
        var memory = new MemoryRecorder();
        using (var recorder = new Hdf5Recorder(output, "cpu", "step", 1, "test"))
        using (var sim = new Simulator(Network.Build(spec, 1), 1))
            sim.Run(recorder: new Tee(recorder, memory));

        Assert.True(memory.SpikeTimes[0].Count > 2 * Hdf5Recorder.BlockSize, $"only {memory.SpikeTimes[0].Count} spikes");
        using var file = Hdf5Results.Open(output);
        var s = file.ReadSpikes("big");
        Assert.Equal(memory.SpikeTimes[0], s.Timestamps);
        Assert.Equal(memory.SpikeIds[0].Select(i => (ulong)i), s.NodeIds);

        var state = file.ReadState("big");
        Assert.Equal(300, state.Time.Length);
        for (int t = 0; t < 300; t++)
            for (int i = 0; i < 3000; i++)
            {
                Assert.Equal(memory.StateValues[1][t][i], state.Variables["v"][t, i]);
                Assert.Equal(memory.StateValues[1][t][3000 + i], state.Variables["I_ex"][t, i]);
            }

        var wide = file.ReadState("wide");
        Assert.Equal(3, wide.Time.Length);
        Assert.Equal(70_000, wide.NodeIds.Length);
        for (int t = 0; t < 3; t++)
            for (int i = 0; i < 70_000; i++)
                Assert.Equal(memory.StateValues[2][t][i], wide.Variables["v"][t, i]);
    }

    private sealed class Tee(IRecorder a, IRecorder b) : IRecorder
    {
        public void Begin(Network network) { a.Begin(network); b.Begin(network); }
        public void RecordSpikes(int monitor, ReadOnlySpan<double> times, ReadOnlySpan<int> nodeIds) { a.RecordSpikes(monitor, times, nodeIds); b.RecordSpikes(monitor, times, nodeIds); }
        public void RecordState(int monitor, double time, ReadOnlySpan<double> values) { a.RecordState(monitor, time, values); b.RecordState(monitor, time, values); }
        public void RecordRate(int monitor, double time, double rateHz) { a.RecordRate(monitor, time, rateHz); b.RecordRate(monitor, time, rateHz); }
        public void End(RunResult result) { a.End(result); b.End(result); }
    }
}
