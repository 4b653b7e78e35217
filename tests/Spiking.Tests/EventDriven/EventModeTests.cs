using Spiking.Cli;
using Spiking.Build;
using Spiking.Description;
using Spiking.Engine;
using Spiking.EventDriven;
using Spiking.IO.Hdf5;
using Spiking.Tests.Core;
using Spiking.Tests.ModelFiles;
using static Spiking.Tests.Core.CliRun;

namespace Spiking.Tests.EventDriven;

/// <summary>Event mode through the description, the model file, the command line and HDF5.</summary>
public sealed class EventModeTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("spiking-event-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private const string Model = """
        [simulation]
        dt = "0.1 ms"
        duration = "100 ms"
        seed = 3

        [[populations]]
        name = "exc"
        model = "lif_cuba"
        size = 200
        [populations.initial]
        v = { uniform = ["-70 mV", "-50 mV"] }

        [[projections]]
        name = "ee"
        pre = "exc"
        post = "exc"
        receptor = "exc"
        connector = { kind = "fixed_probability", p = 0.05 }
        weight = "0.5 mV"
        delay = { uniform = ["0.5 ms", "2 ms"] }

        [[inputs]]
        kind = "poisson"
        name = "drive"
        target = "exc"
        receptor = "exc"
        rate = "6000 Hz"
        weight = "1 mV"

        [[monitors]]
        kind = "spikes"
        population = "exc"

        [[monitors]]
        kind = "state"
        population = "exc"
        variables = ["v", "I_ex"]
        neurons = [0, 1]
        interval = "1 ms"

        [[monitors]]
        kind = "rate"
        population = "exc"
        bin = "10 ms"
        """;

    [Theory]
    [InlineData("lif_coba")]
    [InlineData("izhikevich")]
    public void Event_mode_rejects_models_without_an_exact_advance_naming_the_model_and_suggesting_step(string model)
    {
        var spec = new NetworkSpec(new SimulationSpec(0.1, 10) { Mode = SimulationMode.Event },
            [new PopulationSpec("p", model, 10, new Dictionary<string, double>(), new Dictionary<string, ValueSpec>())], [], [], []);
        var ex = Assert.Throws<SpecException>(() => Network.Build(spec));
        var error = Assert.Single(ex.Errors);
        Assert.Equal("populations[0].model", error.Path);
        Assert.Contains($"'{model}'", error.Message);
        Assert.Contains("cannot run in event mode", error.Message);
        Assert.Contains("--mode step", error.Message);
        Assert.Contains("lif_cuba", error.Message);
        Assert.Empty(NetworkValidator.Validate(spec with { Simulation = spec.Simulation with { Mode = SimulationMode.Step } }));
    }

    [Fact]
    public void Event_mode_rejects_lif_cuba_with_tau_syn_equal_to_tau_m()
    {
        var spec = new NetworkSpec(new SimulationSpec(0.1, 10) { Mode = SimulationMode.Event },
            [new PopulationSpec("p", "lif_cuba", 10, new Dictionary<string, double> { ["tau_m"] = 10, ["tau_syn_in"] = 10 }, new Dictionary<string, ValueSpec>())], [], [], []);
        var error = Assert.Single(NetworkValidator.Validate(spec));
        Assert.Equal("populations[0].parameters.tau_syn_in", error.Path);
        Assert.Contains("tau_m", error.Message);
    }

    [Fact]
    public void Cli_event_mode_on_lif_coba_exits_2_names_the_model_and_writes_nothing()
    {
        var output = Path.Combine(_dir, "coba.h5");
        var (code, _, stderr) = RunCli("run", RepoPaths.Model("coba.toml"), "--mode", "event", "--out", output, "--quiet");
        Assert.Equal(2, code);
        Assert.Contains("lif_coba", stderr);
        Assert.Contains("--mode step", stderr);
        Assert.Contains("populations[0].model", stderr);
        Assert.Empty(Directory.GetFiles(_dir, "coba.h5*"));
    }

    [Fact]
    public void Cli_rejects_an_unknown_mode_with_exit_2()
    {
        var (code, _, stderr) = RunCli("run", RepoPaths.Model("cuba.toml"), "--mode", "fast", "--out", Path.Combine(_dir, "x.h5"));
        Assert.Equal(2, code);
        Assert.Contains("--mode", stderr);
        Assert.False(File.Exists(Path.Combine(_dir, "x.h5")));
    }

    [Fact]
    public void Model_file_mode_is_read_and_a_bad_value_names_line_field_and_expectation()
    {
        Assert.Equal(SimulationMode.Step, ModelFileTestHelper.Ok(Model).Simulation.Mode);
        string withMode = Model.Replace("seed = 3", "seed = 3\nmode = \"event\"");
        Assert.Equal(SimulationMode.Event, ModelFileTestHelper.Ok(withMode).Simulation.Mode);
        string bad = Model.Replace("seed = 3", "seed = 3\nmode = \"exact\"");
        var ex = ModelFileTestHelper.Fail(bad);
        ModelFileTestHelper.AssertError(ex, ModelFileTestHelper.LineOf(bad, "mode ="), "simulation.mode", "'exact'", "\"step\"", "\"event\"");
    }

    [Fact]
    public void Cli_event_run_writes_the_same_layout_with_mode_event_and_exact_times()
    {
        var model = Path.Combine(_dir, "net.toml");
        File.WriteAllText(model, Model);
        var stepOut = Path.Combine(_dir, "step.h5");
        var eventOut = Path.Combine(_dir, "event.h5");
        var s = RunCli("run", model, "--out", stepOut, "--quiet");
        Assert.True(s.Code == 0, s.Err);
        var e = RunCli("run", model, "--mode", "event", "--out", eventOut);
        Assert.True(e.Code == 0, e.Err);
        Assert.Contains("event-driven", e.Out);
        using var step = Hdf5Results.Open(stepOut);
        using var ev = Hdf5Results.Open(eventOut);
        Assert.Equal("step", step.GetString("mode"));
        Assert.Equal("event", ev.GetString("mode"));
        var a = step.ReadSpikes("exc"); var b = ev.ReadSpikes("exc");
        Assert.True(b.Timestamps.Length > 500, $"{b.Timestamps.Length} spikes");
        // Same order of magnitude of activity in both modes (Poisson draws differ: per step vs exact intervals).
        Assert.InRange(b.Timestamps.Length, a.Timestamps.Length * 0.7, a.Timestamps.Length * 1.3);
        // Step-mode stamps lie on the grid; event-mode stamps do not.
        Assert.All(a.Timestamps, t => Assert.Equal(Math.Round(t / 0.1) * 0.1, t, 9));
        Assert.True(b.Timestamps.Count(t => Math.Abs(t - Math.Round(t / 0.1) * 0.1) > 1e-6) > b.Timestamps.Length / 2);
        for (int k = 1; k < b.Timestamps.Length; k++) Assert.True(b.Timestamps[k] >= b.Timestamps[k - 1]);
    }

    [Fact]
    public void Event_runs_are_bit_identical_and_monitors_sample_the_analytic_state()
    {
        var spec = ModelFileTestHelper.Ok(Model);
        spec = spec with { Simulation = spec.Simulation with { Mode = SimulationMode.Event } };
        MemoryRecorder Once()
        {
            var rec = new MemoryRecorder();
            new EventSimulator(Network.Build(spec)).Run(recorder: rec);
            return rec;
        }
        var x = Once(); var y = Once();
        Assert.True(x.SpikeTimes[0].Count > 500);
        Assert.Equal(x.SpikeTimes[0].SelectMany(BitConverter.GetBytes), y.SpikeTimes[0].SelectMany(BitConverter.GetBytes));
        Assert.Equal(x.SpikeIds[0], y.SpikeIds[0]);
        // 100 samples of 2 variables × 2 neurons at 0, 1, ..., 99 ms; 10 rate bins whose mean matches the spike count.
        Assert.Equal(Enumerable.Range(0, 100).Select(k => (double)k), x.StateTimes[1]);
        Assert.All(x.StateValues[1], s => Assert.Equal(4, s.Length));
        Assert.Equal(10, x.Rates[2].Count);
        Assert.Equal(x.SpikeTimes[0].Count / (200 * 0.1), x.Rates[2].Average(), 9);
        Assert.Equal(0, x.Result!.Steps);
    }
}
