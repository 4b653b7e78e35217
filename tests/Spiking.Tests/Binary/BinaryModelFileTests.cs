using Spiking.Cli;
using Spiking.Cpu;
using Spiking.Engine;
using Spiking.IO.ModelFiles;
using Spiking.Tests.Core;
using static Spiking.Tests.ModelFiles.ModelFileTestHelper;

namespace Spiking.Tests.Binary;

/// <summary>Binary units and the bgrnn rule written in model files, and the errors their mistakes report.</summary>
public sealed class BinaryModelFileTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("spiking-binary-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static string Example => File.ReadAllText(Path.Combine(RepoPaths.Root, "docs", "bgrnn.toml"));

    /// <summary>
    /// docs/bgrnn.toml runs: the state monitor records h ∈ {0, 1}, x and p ∈ (0, 1) for all 50 units,
    /// the mean gate over the run is far from the 0.5 of no bias (the always-on unit's weight −2 lowers it),
    /// and both plastic projections moved their weights.
    /// </summary>
    [Fact]
    public void The_documented_bgrnn_model_file_runs_and_learns()
    {
        var spec = ModelFileReader.Parse(Example, "docs/bgrnn.toml");
        var net = Network.Build(spec);
        using var sim = new Simulator(net);
        var rec = new MemoryRecorder();
        var initialBias = net.Projections[1].Synapses.Weight.ToArray();
        sim.Run(recorder: rec);
        var samples = rec.StateValues[0];
        Assert.Equal(200, samples.Count);
        double on = 0;
        foreach (var sample in samples.Skip(1))
            for (int i = 0; i < 50; i++)
            {
                double h = sample[i], p = sample[100 + i];
                Assert.True(h is 0 or 1);
                Assert.InRange(p, 1e-9, 1 - 1e-9);
                on += h;
            }
        double mean = on / (199 * 50);
        Assert.InRange(mean, 0.02, 0.4);
        Assert.NotEqual(initialBias, net.Projections[1].Synapses.Weight);
    }

    [Theory]
    [InlineData("binary_sigmoid", "temperature = 0", "populations[0].parameters.temperature", "temperature must be > 0 (got 0)")]
    [InlineData("binary_sigmoid", "temperature = -1.5", "populations[0].parameters.temperature", "temperature must be > 0 (got -1.5)")]
    [InlineData("binary_gated", "tau_x = 0", "populations[0].parameters.tau_x", "tau_x must be > 0 (got 0)")]
    [InlineData("binary_gated", "tau_x = -2", "populations[0].parameters.tau_x", "tau_x must be > 0 (got -2)")]
    public void Bad_unit_parameters_name_the_line_and_the_parameter(string model, string line, string path, string message)
    {
        var toml = Example.Replace("model = \"binary_gated\"", $"model = \"{model}\"").Replace("tau_x = 1.0", line);
        var ex = Fail(toml);
        AssertError(ex, LineOf(toml, line), path, message);
    }

    [Theory]
    [InlineData("batch = 0", "batch must be a whole number of steps >= 1 (got 0)")]
    [InlineData("batch = 2.5", "batch must be a whole number of steps >= 1 (got 2.5)")]
    public void A_bad_batch_is_an_error_at_the_rule(string setting, string message)
    {
        string rule = "plasticity = { rule = \"bgrnn\", eta = 0.01, l1 = 0.01 }";
        Assert.Contains(rule, Example);
        var toml = Example.Replace(rule, "plasticity = { rule = \"bgrnn\", eta = 0.01, l1 = 0.01, " + setting + " }");
        var ex = Fail(toml);
        Assert.Contains(ex.Errors, e => e.Line == LineOf(toml, setting) && e.Message.Contains(message));
    }

    private const string OntoSpiking = """
        [simulation]
        dt = "1 ms"
        duration = "10 ms"

        [[populations]]
        name = "one"
        model = "rate_input"
        size = 1

        [[populations]]
        name = "cells"
        model = "lif_cuba"
        size = 10

        [[projections]]
        name = "b"
        pre = "one"
        post = "cells"
        receptor = "exc"
        connector = { kind = "all_to_all" }
        weight = "1 mV"
        plasticity = { rule = "bgrnn", eta = 0.01 }
        """;

    [Fact]
    public void Bgrnn_onto_spiking_units_is_an_error_at_the_rule()
    {
        var ex = Fail(OntoSpiking);
        AssertError(ex, LineOf(OntoSpiking, "plasticity ="), "projections[0].plasticity.rule",
            "rule 'bgrnn' needs stochastic binary post units (binary_gated, binary_sigmoid)", "spiking model 'lif_cuba'");
    }

    [Fact]
    public void Bgrnn_with_a_drawn_delay_is_an_error_at_the_delay()
    {
        var toml = Example.Replace("weight = { normal = [0.0, 1.0] }", "weight = { normal = [0.0, 1.0] }\ndelay = { uniform = [\"1 ms\", \"3 ms\"] }");
        var ex = Fail(toml);
        AssertError(ex, LineOf(toml, "delay ="), "projections[0].delay", "the delay must be one constant");
    }

    [Theory]
    [InlineData("tau_x = 1.0", "tau_x = 0", "populations[0].parameters.tau_x", "tau_x must be > 0")]
    [InlineData("model = \"binary_gated\"", "model = \"lif_cuba\"", "projections[0].plasticity.rule", "needs stochastic binary post units")]
    public void Command_line_exits_2_naming_file_line_and_field(string from, string to, string field, string message)
    {
        var toml = Example.Replace(from, to);
        if (to.Contains("lif_cuba")) toml = toml.Replace("tau_x = 1.0\n", "").Replace("[populations.parameters]\n", "");
        var path = Path.Combine(_dir, "bad.toml");
        File.WriteAllText(path, toml);
        var stdout = new StringWriter(); var stderr = new StringWriter();
        int code = Program.Invoke(["validate", path], stdout, stderr);
        var err = stderr.ToString();
        Assert.Equal(2, code);
        Assert.Contains(path, err);
        int line = field.StartsWith("populations") ? LineOf(toml, to) : LineOf(toml, "plasticity = { rule = \"bgrnn\", eta = 0.01, l1");
        Assert.Contains($"line {line}: {field}: ", err);
        Assert.Contains(message, err);
    }
}
