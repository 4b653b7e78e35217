using Spiking.Cli;
using Spiking.IO.Hdf5;
using Spiking.Tests.Core;
using static Spiking.Tests.Core.CliRun;

namespace Spiking.Tests.Cli;

/// <summary>The <c>spiking</c> command: exit codes, messages, and what it leaves on disk.</summary>
public sealed class CliTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("spiking-cli-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string name, string text)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    private const string Valid = """
        [simulation]
        dt = "0.1 ms"
        duration = "50 ms"

        [[populations]]
        name = "exc"
        model = "lif_cuba"
        size = 100

        [[projections]]
        name = "ee"
        pre = "exc"
        post = "exc"
        receptor = "exc"
        connector = { kind = "fixed_probability", p = 0.1 }
        weight = "0.5 mV"

        [[inputs]]
        kind = "poisson"
        name = "drive"
        target = "exc"
        receptor = "exc"
        rate = "8000 Hz"
        weight = "1 mV"

        [[monitors]]
        kind = "spikes"
        population = "exc"
        """;

    [Fact]
    public void Run_writes_the_output_and_prints_a_summary()
    {
        var model = Write("net.toml", Valid);
        var output = Path.Combine(_dir, "net.h5");
        var (code, stdout, stderr) = RunCli("run", model, "--out", output);
        Assert.True(code == 0, stderr);
        Assert.Contains("exc", stdout);
        Assert.Contains("real time", stdout);
        Assert.Contains("synapses", stdout);
        using var results = Hdf5Results.Open(output);
        Assert.True(results.ReadSpikes("exc").Timestamps.Length > 0);
        Assert.Equal(50.0, results.GetDouble("duration"));
        Assert.Equal(File.ReadAllText(model), results.GetString("model"));
    }

    // One case per kind of bad input named by the issue; each must exit 2, name the file, the line
    // and the field, and leave no output behind.
    [Theory]
    [InlineData("size = 100", "size = 100\nsizee = 3", 9, "populations[0].sizee", "unknown key")]
    [InlineData("size = 100", "size = \"many\"", 8, "populations[0].size", "integer")]
    [InlineData("size = 100", "size = -5", 8, "populations[0].size", "positive")]
    [InlineData("p = 0.1", "p = 1.5", 15, "projections[0].connector.p", "between 0 and 1")]
    [InlineData("pre = \"exc\"", "pre = \"inh\"", 12, "projections[0].pre", "no population named 'inh'")]
    [InlineData("dt = \"0.1 ms\"", "dt = \"0.1\"", 2, "simulation.dt", "needs a unit")]
    [InlineData("dt = \"0.1 ms\"", "dt = \"20 s\"", 2, "simulation.dt", "between")]
    [InlineData("weight = \"0.5 mV\"", "weight = \"0.5 mV\"\nplasticity = { rule = \"stpd\" }", 17, "projections[0].plasticity.rule", "unknown rule 'stpd'")]
    [InlineData("weight = \"0.5 mV\"", "weight = \"0.5 mV\"\nplasticity = { rule = \"stdp\", tau_plus = \"20 mV\" }", 17, "projections[0].plasticity.tau_plus", "time")]
    public void Bad_model_files_exit_2_with_file_line_and_field_and_leave_no_output(string from, string to, int line, string field, string expectation)
    {
        var model = Write("bad.toml", Valid.Replace(from, to));
        var output = Path.Combine(_dir, "bad.h5");
        var (code, _, stderr) = RunCli("run", model, "--out", output);
        Assert.Equal(2, code);
        Assert.Contains(model, stderr);
        Assert.Contains($"line {line}", stderr);
        Assert.Contains(field, stderr);
        Assert.Contains(expectation, stderr);
        Assert.Empty(Directory.GetFiles(_dir, "bad.h5*"));
    }

    [Fact]
    public void Validate_reports_every_error_at_once()
    {
        var model = Write("many.toml", Valid.Replace("size = 100", "size = -5").Replace("p = 0.1", "p = 1.5").Replace("rate = \"8000 Hz\"", "rate = \"8000 mV\""));
        var (code, _, stderr) = RunCli("validate", model);
        Assert.Equal(2, code);
        Assert.Contains("populations[0].size", stderr);
        Assert.Contains("projections[0].connector.p", stderr);
        Assert.Contains("inputs[0].rate", stderr);
    }

    [Fact]
    public void Validate_accepts_every_shipped_model()
    {
        foreach (var file in Directory.GetFiles(Path.Combine(RepoPaths.Root, "models"), "*.toml"))
        {
            var (code, stdout, stderr) = RunCli("validate", file);
            Assert.True(code == 0, file + ": " + stderr);
            Assert.Contains("valid", stdout);
        }
    }

    [Theory]
    [InlineData("--duration", "5 mV")]
    [InlineData("--threads", "-1")]
    [InlineData("--seed", "minus one")]
    public void Bad_arguments_exit_2(string option, string value)
    {
        var model = Write("net.toml", Valid);
        var (code, _, stderr) = RunCli("run", model, "--out", Path.Combine(_dir, "x.h5"), option, value);
        Assert.Equal(2, code);
        Assert.NotEmpty(stderr);
        Assert.False(File.Exists(Path.Combine(_dir, "x.h5")));
    }

    [Fact]
    public void A_missing_model_file_exits_2_and_names_it()
    {
        var missing = Path.Combine(_dir, "nope.toml");
        var (code, _, stderr) = RunCli("run", missing);
        Assert.Equal(2, code);
        Assert.Contains(missing, stderr);
    }

    /// <summary>DESIGN.md: same model + seed ⇒ byte-identical spike datasets, whatever the thread count.</summary>
    [Fact]
    public void Spike_datasets_are_byte_identical_with_one_and_two_threads()
    {
        var model = RepoPaths.Model("brunel.toml");
        var one = Path.Combine(_dir, "one.h5");
        var two = Path.Combine(_dir, "two.h5");
        Assert.Equal(0, RunCli("run", model, "--duration", "60 ms", "--threads", "1", "--out", one, "--quiet").Code);
        Assert.Equal(0, RunCli("run", model, "--duration", "60 ms", "--threads", "2", "--out", two, "--quiet").Code);
        using var a = Hdf5Results.Open(one);
        using var b = Hdf5Results.Open(two);
        Assert.Equal(1L, a.GetInt64("threads"));
        Assert.Equal(2L, b.GetInt64("threads"));
        foreach (var pop in new[] { "exc", "inh" })
        {
            var x = a.ReadSpikes(pop); var y = b.ReadSpikes(pop);
            Assert.True(x.Timestamps.Length > 1000, $"{pop}: only {x.Timestamps.Length} spikes");
            Assert.Equal(x.Timestamps.SelectMany(BitConverter.GetBytes), y.Timestamps.SelectMany(BitConverter.GetBytes));
            Assert.Equal(x.NodeIds, y.NodeIds);
        }
    }
}
