using Spiking.Description;
using Spiking.Cpu;
using Spiking.Engine;
using Spiking.IO.ModelFiles;
using Spiking.Tests.Core;
using Xunit.Abstractions;
using static Spiking.Tests.ModelFiles.ModelFileTestHelper;

namespace Spiking.Tests.Rate;

/// <summary>Rate networks, series and readouts written as model files, and the errors their new fields report.</summary>
public class RateModelFileTests(ITestOutputHelper output)
{
    private static RunResult Run(string file, string? variant = null)
    {
        var spec = ModelFileReader.Read(RepoPaths.Model(file), variant);
        using var sim = new Simulator(Network.Build(spec));
        return sim.Run();
    }

    [Fact]
    public void Shipped_ESN_predicts_Mackey_Glass_one_step_ahead_within_the_goal()
    {
        var score = Run("esn-mackey-glass.toml").Readouts.Single();
        output.WriteLine($"{score}");
        Assert.Equal(1500, score.TrainSteps);
        Assert.Equal(400, score.TestSteps);
        Assert.True(score.TestRmse <= 0.0025, $"RMSE {score.TestRmse}");
    }

    /// <summary>
    /// Jaeger &amp; Haas (2004): 1000 units, teacher-forced training, then 84 steps on the network's own
    /// predictions. They report an NRMSE at step 84 of about 10^-4.2; the goal is 1e-2.
    /// </summary>
    [Fact]
    public void Generative_ESN_runs_84_steps_on_its_own_predictions_within_the_goal()
    {
        var spec = ModelFileReader.Read(RepoPaths.Model("esn-mackey-glass.toml"), "generative");
        var rec = new MemoryRecorder();
        using var sim = new Simulator(Network.Build(spec));
        var score = sim.Run(recorder: rec).Readouts.Single();
        var target = rec.ReadoutTargets[0];
        double last = Math.Abs(rec.ReadoutPredictions[0][^1] - target[^1]);
        var known = target.Where(double.IsFinite).ToArray();
        double sd = Math.Sqrt(known.Select(v => v * v).Average() - Math.Pow(known.Average(), 2));
        output.WriteLine($"{score}; NRMSE over the 84 steps 10^{Math.Log10(score.TestNrmse):F2}, error at step 84 / sd 10^{Math.Log10(last / sd):F2}");
        Assert.Equal(84, score.TestSteps);
        Assert.True(score.TestNrmse <= 1e-2, $"NRMSE {score.TestNrmse}");
    }

    [Fact]
    public void Shipped_FORCE_model_runs_ten_periods_on_its_own_output_within_the_goal()
    {
        var score = Run("force.toml").Readouts.Single();
        output.WriteLine($"{score}");
        Assert.Equal(12_000, score.TestSteps);
        Assert.True(score.TestNrmse <= 0.1, $"NRMSE {score.TestNrmse}");
    }

    private const string Esn = """
        [simulation]
        dt = "1 ms"
        duration = "50 ms"

        [[series]]
        name = "mg"
        generator = "mackey_glass"
        tau = 17

        [[populations]]
        name = "u"
        model = "rate_input"
        size = 1

        [[populations]]
        name = "res"
        model = "rate_esn"
        size = 20

        [[projections]]
        name = "in"
        pre = "u"
        post = "res"
        receptor = "in"
        connector = { kind = "all_to_all" }
        weight = { uniform = [-1.0, 1.0] }

        [[projections]]
        name = "rec"
        pre = "res"
        post = "res"
        receptor = "in"
        connector = { kind = "fixed_probability", p = 0.2 }
        weight = { normal = [0.0, 1.0] }
        spectral_radius = 0.9

        [[inputs]]
        kind = "series"
        name = "drive"
        target = "u"
        series = "mg"

        [[readouts]]
        name = "predict"
        population = "res"
        target = "mg"
        shift = 1
        train = "40 ms"
        method = "ridge"
        """;

    [Fact]
    public void The_small_ESN_parses_with_its_series_input_readout_and_spectral_radius()
    {
        var spec = Ok(Esn);
        Assert.Equal("mackey_glass", spec.Series.Single().Generator);
        Assert.Equal(17, spec.Series.Single().Parameters["tau"]);
        Assert.Equal(0.9, spec.Projections[1].SpectralRadius);
        var input = Assert.IsType<SeriesInputSpec>(spec.Inputs.Single());
        Assert.Equal(("mg", "value"), (input.Series, input.Channel));
        var r = spec.Readouts.Single();
        Assert.Equal((ReadoutMethod.Ridge, 1, 40.0), (r.Method, r.Shift, r.Train));
    }

    [Fact]
    public void Unknown_generator_names_the_known_ones()
    {
        var toml = Esn.Replace("generator = \"mackey_glass\"", "generator = \"mackey\"");
        AssertError(Fail(toml), LineOf(toml, "generator = \"mackey\""), "series[0].generator", "unknown generator 'mackey'", "mackey_glass, narma10, four_sines, lorenz_x");
    }

    [Fact]
    public void Unknown_generator_parameter_names_the_allowed_ones()
    {
        var toml = Esn.Replace("tau = 17", "delay = 17");
        AssertError(Fail(toml), LineOf(toml, "delay = 17"), "series[0].delay", "no parameter 'delay'", "allowed: tau, a, b, n, x0, h, lo, hi");
    }

    [Fact]
    public void Series_input_of_a_missing_series_names_the_defined_ones()
    {
        var toml = Esn.Replace("series = \"mg\"", "series = \"mgg\"");
        AssertError(Fail(toml), LineOf(toml, "series = \"mgg\""), "inputs[0].series", "no series named 'mgg'", "series: mg");
    }

    [Fact]
    public void Series_channel_that_the_generator_lacks_is_named()
    {
        var toml = Esn.Replace("target = \"mg\"", "target = \"mg.target\"");
        AssertError(Fail(toml), LineOf(toml, "target = \"mg.target\""), "readouts[0].target", "has no channel 'target'", "its channels: value");
    }

    [Fact]
    public void Unknown_readout_method_lists_the_methods()
    {
        var toml = Esn.Replace("method = \"ridge\"", "method = \"lasso\"");
        AssertError(Fail(toml), LineOf(toml, "method = \"lasso\""), "readouts[0].method", "unknown method 'lasso'", "ridge, lms, rls or force");
    }

    [Fact]
    public void Force_without_feedback_says_what_it_needs()
    {
        var toml = Esn.Replace("method = \"ridge\"", "method = \"force\"");
        AssertError(Fail(toml), LineOf(toml, "[[readouts]]"), "readouts[0].feedback", "method force needs feedback", "rate_input population of one unit");
    }

    [Fact]
    public void Training_that_ends_before_the_washout_is_rejected()
    {
        var toml = Esn.Replace("train = \"40 ms\"", "train = \"40 ms\"\nwashout = \"45 ms\"");
        AssertError(Fail(toml), LineOf(toml, "train = \"40 ms\""), "readouts[0].train", "must not come before the washout");
    }

    [Fact]
    public void Spectral_radius_on_a_projection_between_two_populations_is_rejected()
    {
        var toml = Esn.Replace("weight = { uniform = [-1.0, 1.0] }", "weight = { uniform = [-1.0, 1.0] }\nspectral_radius = 1.0");
        AssertError(Fail(toml), LineOf(toml, "spectral_radius = 1.0"), "projections[0].spectral_radius", "only to a recurrent projection", "from 'u' to 'res'");
    }

    [Fact]
    public void Readout_key_typo_lists_the_allowed_keys()
    {
        var toml = Esn.Replace("shift = 1", "shfit = 1");
        AssertError(Fail(toml), LineOf(toml, "shfit = 1"), "readouts[0].shfit", "unknown key 'shfit'", "shift", "washout", "learn_every");
    }
}
