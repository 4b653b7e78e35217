using Spiking.Description;
using static Spiking.Tests.ModelFiles.ModelFileTestHelper;

namespace Spiking.Tests.ModelFiles;

/// <summary>The plasticity table of a projection and weight monitors in model files: what they mean, and one error per kind of bad input.</summary>
public class PlasticityModelFileTests
{
    private const string Stdp = "plasticity = { rule = \"stdp\", pairing = \"nearest\", update = \"additive\", tau_plus = \"20 ms\", tau_minus = \"0.02 s\", A_plus = 0.01, A_minus = 0.0105, w_max = \"3 mV\", w_min = 0 }";

    private static string With(string plasticity) => ValidWith("sign = \"excitatory\"", "sign = \"excitatory\"\n" + plasticity);

    [Fact]
    public void Plasticity_table_is_read_with_units_and_options()
    {
        var toml = With(Stdp) + "\n[[monitors]]\nkind = \"weights\"\nprojection = \"ee\"\ntimes = [\"0 ms\", \"50 ms\", \"0.1 s\"]\n";
        var spec = Ok(toml);
        var p = spec.Projections[0].Plasticity!;
        Assert.Equal("stdp", p.Rule);
        Assert.Equal(20.0, p.Parameters["tau_minus"]);
        Assert.Equal(3.0, p.Parameters["w_max"]);
        Assert.Equal("nearest", p.Options["pairing"]);
        var wm = Assert.IsType<WeightMonitorSpec>(spec.Monitors[^1]);
        Assert.Equal([0.0, 50.0, 100.0], wm.Times);
    }

    [Fact]
    public void Unknown_rule_names_the_known_rules()
    {
        var toml = With("plasticity = { rule = \"stpd\" }");
        AssertError(Fail(toml), LineOf(toml, "stpd"), "projections[0].plasticity.rule", "unknown rule 'stpd'", "stdp", "triplet_stdp", "tsodyks_markram");
    }

    [Fact]
    public void Missing_rule_is_required()
    {
        var toml = With("plasticity = { tau_plus = \"20 ms\" }");
        AssertError(Fail(toml), LineOf(toml, "tau_plus"), "projections[0].plasticity.rule", "required");
    }

    [Fact]
    public void Unknown_parameter_names_the_allowed_keys()
    {
        var toml = With("plasticity = { rule = \"stdp\", tau_pluss = \"20 ms\" }");
        AssertError(Fail(toml), LineOf(toml, "tau_pluss"), "projections[0].plasticity.tau_pluss", "unknown key 'tau_pluss'", "tau_plus", "pairing", "w_max");
    }

    [Fact]
    public void Wrong_unit_is_an_error()
    {
        var toml = With("plasticity = { rule = \"stdp\", tau_plus = \"20 mV\" }");
        AssertError(Fail(toml), LineOf(toml, "20 mV"), "projections[0].plasticity.tau_plus", "time");
    }

    [Fact]
    public void Bound_in_the_wrong_unit_is_an_error()
    {
        var toml = With("plasticity = { rule = \"stdp\", w_max = \"3 ms\" }");
        AssertError(Fail(toml), LineOf(toml, "3 ms"), "projections[0].plasticity.w_max", "voltage");
    }

    [Fact]
    public void Unknown_option_value_names_the_choices()
    {
        var toml = With("plasticity = { rule = \"stdp\", pairing = \"closest\" }");
        AssertError(Fail(toml), LineOf(toml, "closest"), "projections[0].plasticity.pairing", "unknown pairing 'closest'", "all or nearest");
    }

    [Fact]
    public void Option_must_be_a_string()
    {
        var toml = With("plasticity = { rule = \"stdp\", pairing = 1 }");
        AssertError(Fail(toml), LineOf(toml, "pairing = 1"), "projections[0].plasticity.pairing", "a string");
    }

    [Fact]
    public void Out_of_range_parameter_is_reported_by_the_rule()
    {
        var toml = With("plasticity = { rule = \"stdp\", tau_plus = \"-5 ms\" }");
        AssertError(Fail(toml), LineOf(toml, "-5 ms"), "projections[0].plasticity", "tau_plus must be > 0 ms");
    }

    [Fact]
    public void Bounds_in_the_wrong_order_are_an_error()
    {
        var toml = With("plasticity = { rule = \"stdp\", w_min = \"2 mV\", w_max = \"1 mV\" }");
        AssertError(Fail(toml), LineOf(toml, "w_max"), "projections[0].plasticity.w_max", "must be >= w_min");
    }

    [Fact]
    public void Plasticity_must_be_a_table()
    {
        var toml = With("plasticity = \"stdp\"");
        AssertError(Fail(toml), LineOf(toml, "plasticity = \"stdp\""), "projections[0].plasticity", "expected a table");
    }

    [Fact]
    public void Rate_rule_on_spiking_populations_is_an_error()
    {
        var toml = With("plasticity = { rule = \"oja\" }");
        AssertError(Fail(toml), LineOf(toml, "oja"), "projections[0].plasticity.rule", "rule 'oja' works on rate populations");
    }

    [Fact]
    public void Weight_monitor_of_a_missing_projection_is_an_error()
    {
        var toml = Valid + "\n[[monitors]]\nkind = \"weights\"\nprojection = \"xx\"\ntimes = [\"10 ms\"]\n";
        AssertError(Fail(toml), LineOf(toml, "projection = \"xx\""), "monitors[1].projection", "no projection named 'xx'");
    }

    [Fact]
    public void Weight_monitor_times_must_increase()
    {
        var toml = Valid + "\n[[monitors]]\nkind = \"weights\"\nprojection = \"ee\"\ntimes = [\"10 ms\", \"5 ms\"]\n";
        AssertError(Fail(toml), LineOf(toml, "times = [\"10 ms\", \"5 ms\"]"), "monitors[1].times", "strictly increasing");
    }
}
