using Spiking.IO.ModelFiles;
using static Spiking.Tests.ModelFiles.ModelFileTestHelper;

namespace Spiking.Tests.ModelFiles;

/// <summary>Each mistake in a model file is reported with the file, its line, the field and what was expected.</summary>
public class ModelFileErrorTests
{
    [Fact]
    public void TheValidBaseModelParses()
    {
        var spec = Ok(Valid);
        Assert.Equal(2, spec.Populations.Count);
        Assert.Equal(Source, spec.SourceName);
        Assert.Equal(Valid, spec.SourceText);
    }

    [Fact]
    public void UnknownParameterNamesTheAllowedOnes()
    {
        var toml = ValidWith("tau_m = \"20 ms\"", "tau_mm = \"20 ms\"");
        var ex = Fail(toml);
        AssertError(ex, LineOf(toml, "tau_mm"), "populations[0].parameters.tau_mm",
            "no parameter 'tau_mm'", "allowed: tau_m, E_L, V_th, V_reset, t_ref, tau_syn_ex, tau_syn_in, R_m");
        Assert.Single(ex.Errors);
    }

    [Fact]
    public void UnknownKeyInAPopulationNamesTheAllowedKeys()
    {
        var toml = ValidWith("size = 80", "sizee = 80");
        var ex = Fail(toml);
        AssertError(ex, LineOf(toml, "sizee"), "populations[0].sizee",
            "unknown key 'sizee'", "allowed keys here: name, model, size, precise_spike_times, parameters, initial");
        // The population also lacks its size now.
        AssertError(ex, LineOf(toml, "[[populations]]"), "populations[0].size", "required");
    }

    [Fact]
    public void UnknownKeyInTheSimulationTable()
    {
        var toml = ValidWith("duration", "duration = \"100 ms\"\nstep = 3");
        var ex = Fail(toml);
        AssertError(ex, LineOf(toml, "step = 3"), "simulation.step", "unknown key 'step'", "dt, duration, seed, threads");
    }

    [Fact]
    public void UnknownKeyInAnInlineConnector()
    {
        var toml = ValidWith("p = 0.1 }", "connector = { kind = \"fixed_probability\", prob = 0.1 }");
        var ex = Fail(toml);
        int line = LineOf(toml, "prob = 0.1");
        AssertError(ex, line, "projections[0].connector.prob", "unknown key 'prob'", "kind, allow_autapses, p");
        AssertError(ex, line, "projections[0].connector.p", "required");
    }

    [Fact]
    public void UnknownTopLevelKey()
    {
        var toml = "title = \"x\"\n" + Valid;
        var ex = Fail(toml);
        AssertError(ex, 1, "title", "unknown key 'title'", "simulation, populations, projections, inputs, monitors, series, readouts, variants");
    }

    [Fact]
    public void StringWhereAnIntegerIsExpected()
    {
        var toml = ValidWith("size = 80", "size = \"many\"");
        var ex = Fail(toml);
        AssertError(ex, LineOf(toml, "\"many\""), "populations[0].size", "expected an integer number of neurons", "the string \"many\"");
        Assert.Single(ex.Errors); // the validator's "must be positive" is not repeated
    }

    [Fact]
    public void NegativeSize()
    {
        var toml = ValidWith("size = 80", "size = -5");
        var ex = Fail(toml);
        AssertError(ex, LineOf(toml, "size = -5"), "populations[0].size", "must be a positive number of neurons (got -5)");
    }

    [Theory]
    [InlineData("poisson", "receptor = \"exc\"\nrate = \"10 Hz\"\nweight = \"0.1 mV\"", "rate or count")]
    [InlineData("noise", "mean = \"0.1 nA\"\nsd = \"0.05 nA\"", "sd or mean")]
    public void APoissonOrNoiseInputListingANeuronTwice(string kind, string fields, string hint)
    {
        var toml = Valid + $"""

            [[inputs]]
            kind = "{kind}"
            name = "twice"
            target = "exc"
            {fields.Replace("\n", "\n            ")}
            neurons = [1, 2, 1]
            """;
        var ex = Fail(toml);
        AssertError(ex, LineOf(toml, "neurons = [1, 2, 1]"), "inputs[1].neurons", "neuron 1 is listed twice", $"raise {hint}, or add a second input");
    }

    [Fact]
    public void ProbabilityAboveOne()
    {
        var toml = ValidWith("p = 0.1 }", "connector = { kind = \"fixed_probability\", p = 1.5 }");
        var ex = Fail(toml);
        int line = LineOf(toml, "p = 1.5");
        AssertError(ex, line, "projections[0].connector.p", "a probability must be between 0 and 1 (got 1.5)");
        Assert.Contains($"models/test.toml: line {line}: projections[0].connector.p: a probability must be between 0 and 1 (got 1.5)", ex.Message);
    }

    [Fact]
    public void ProjectionFromAMissingPopulation()
    {
        var toml = ValidWith("pre = \"inh\"", "pre = \"inhib\"");
        var ex = Fail(toml);
        AssertError(ex, LineOf(toml, "\"inhib\""), "projections[1].pre", "no population named 'inhib'", "exc, inh");
    }

    [Theory]
    [InlineData("dt = \"0.1\"")]
    [InlineData("dt = 0.25")]
    public void UnitlessDtIsRejected(string line)
    {
        var toml = ValidWith("dt =", line);
        var ex = Fail(toml);
        AssertError(ex, 2, "simulation.dt", "needs a unit", "\"0.1 ms\"");
    }

    [Fact]
    public void DtWithAnyTimeUnitIsAccepted()
    {
        var spec = Ok(ValidWith("dt =", "dt = \"100 us\""));
        Assert.Equal(0.1, spec.Simulation.Dt, 12);
    }

    [Fact]
    public void DtWithAVoltageUnit()
    {
        var toml = ValidWith("dt =", "dt = \"0.1 mV\"");
        var ex = Fail(toml);
        AssertError(ex, 2, "simulation.dt", "'0.1 mV' is a voltage", "a time (base unit ms) is expected");
        Assert.Single(ex.Errors);
    }

    [Fact]
    public void AbsurdDt()
    {
        var toml = ValidWith("dt =", "dt = \"100 s\"");
        var ex = Fail(toml);
        AssertError(ex, 2, "simulation.dt", "must be between", "10 ms", "got 100000 ms");
    }

    [Fact]
    public void MissingDt()
    {
        var toml = ValidWith("dt =", "");
        var ex = Fail(toml);
        AssertError(ex, 1, "simulation.dt", "required", "ms");
    }

    [Fact]
    public void ParameterWithAUnitOfTheWrongDimension()
    {
        var toml = ValidWith("tau_m = \"20 ms\"", "tau_m = \"20 mV\"");
        var ex = Fail(toml);
        AssertError(ex, LineOf(toml, "tau_m"), "populations[0].parameters.tau_m", "'20 mV' is a voltage", "a time (base unit ms) is expected");
    }

    [Fact]
    public void ParameterWithAnUnknownUnit()
    {
        var toml = ValidWith("tau_m = \"20 ms\"", "tau_m = \"20 fortnights\"");
        var ex = Fail(toml);
        AssertError(ex, LineOf(toml, "tau_m"), "populations[0].parameters.tau_m", "'fortnights' is not a known unit", "a time", "\"20 ms\"");
    }

    [Fact]
    public void WeightWithTheWrongDimensionForTheReceptor()
    {
        var toml = ValidWith("weight = \"1.62 mV\"", "weight = \"6 nS\"");
        var ex = Fail(toml);
        AssertError(ex, LineOf(toml, "6 nS"), "projections[0].weight", "'6 nS' is a conductance", "a voltage (base unit mV) is expected");
    }

    [Fact]
    public void UnknownModel()
    {
        var toml = ValidWith("model = \"lif_cuba\"", "model = \"lif_cubb\"");
        var ex = Fail(toml);
        AssertError(ex, LineOf(toml, "lif_cubb"), "populations[0].model", "unknown model 'lif_cubb'", "izhikevich, lif_coba, lif_cuba, lif_delta");
        Assert.Single(ex.Errors); // parameters of an unknown model are not checked again
    }

    [Fact]
    public void UnknownReceptor()
    {
        var toml = ValidWith("receptor = \"inh\"", "receptor = \"gaba\"");
        var ex = Fail(toml);
        AssertError(ex, LineOf(toml, "gaba"), "projections[1].receptor", "no receptor 'gaba'", "its receptors: exc, inh");
    }

    [Fact]
    public void UnknownVariantGivenByTheCaller()
    {
        var ex = Fail(Valid, variant: "weak");
        AssertError(ex, null, "variant", "unknown variant 'weak'", "variants in this file: strong");
    }

    [Fact]
    public void UnknownVariantNamedInTheFile()
    {
        var toml = "variant = \"medium\"\n" + Valid;
        var ex = Fail(toml);
        AssertError(ex, 1, "variant", "unknown variant 'medium'", "strong");
    }

    [Fact]
    public void VariantOverrideOfAMissingElement()
    {
        var toml = Valid + "\n\"projections.xx.weight\" = \"1 mV\"";
        var ex = Fail(toml, variant: "strong");
        AssertError(ex, LineOf(toml, "projections.xx"), "variants.strong.\"projections.xx.weight\"", "no element of projections named 'xx'", "names: ee, ie");
    }

    [Fact]
    public void ErrorInAVariantValueIsReportedAtTheVariantLine()
    {
        var toml = ValidWith("\"projections.ee.weight\"", "\"projections.ee.weight\" = \"-3 mV\"");
        Ok(toml); // the variant is not applied unless chosen
        var ex = Fail(toml, variant: "strong");
        AssertError(ex, LineOf(toml, "-3 mV"), "projections[0].weight", "declared excitatory", "-3");
    }

    [Fact]
    public void MissingRequiredWeight()
    {
        var toml = ValidWith("weight = \"-9 mV\"", "");
        var ex = Fail(toml);
        AssertError(ex, LineOf(toml, "name = \"ie\"") - 1, "projections[1].weight", "required");
    }

    [Fact]
    public void BadDistribution()
    {
        var toml = ValidWith("v = {", "v = { uniform = [\"-60 mV\"] }");
        var ex = Fail(toml);
        AssertError(ex, LineOf(toml, "v = {"), "populations[0].initial.v", "uniform takes two values: [low, high]");
    }

    [Fact]
    public void UnknownConnectorKind()
    {
        var toml = ValidWith("p = 0.1 }", "connector = { kind = \"small_world\" }");
        var ex = Fail(toml);
        AssertError(ex, LineOf(toml, "small_world"), "projections[0].connector.kind", "unknown connector kind 'small_world'", "fixed_indegree");
        Assert.Single(ex.Errors);
    }

    [Fact]
    public void SeveralErrorsAreReportedTogetherInFileOrder()
    {
        var toml = Valid
            .Replace("dt = \"0.1 ms\"", "dt = \"0.1 mV\"")
            .Replace("size = 80", "size = \"many\"")
            .Replace("tau_m = \"20 ms\"", "tau_mm = \"20 ms\"")
            .Replace("p = 0.1 }", "p = 1.5 }")
            .Replace("pre = \"inh\"", "pre = \"inhib\"")
            .Replace("population = \"exc\"", "population = \"exq\"");
        var ex = Fail(toml);
        AssertError(ex, LineOf(toml, "0.1 mV"), "simulation.dt", "voltage");
        AssertError(ex, LineOf(toml, "\"many\""), "populations[0].size", "integer");
        AssertError(ex, LineOf(toml, "tau_mm"), "populations[0].parameters.tau_mm", "allowed");
        AssertError(ex, LineOf(toml, "p = 1.5"), "projections[0].connector.p", "between 0 and 1");
        AssertError(ex, LineOf(toml, "\"inhib\""), "projections[1].pre", "no population named 'inhib'");
        AssertError(ex, LineOf(toml, "\"inhib\"") + 3, "projections[1].connector.p", "between 0 and 1"); // both projections had p = 0.1
        AssertError(ex, LineOf(toml, "\"exq\""), "monitors[0].population", "no population named 'exq'");
        Assert.True(ex.Errors.Count == 7, ex.Message);
        var lines = ex.Errors.Select(e => e.Line!.Value).ToList();
        Assert.Equal(lines.Order().ToList(), lines);
        // One line per error in the message, in the same order.
        var messageLines = ex.Message.Split(Environment.NewLine);
        Assert.Equal(7, messageLines.Length);
        for (int i = 0; i < 7; i++) Assert.StartsWith($"{Source}: line {lines[i]}: ", messageLines[i]);
    }

    [Fact]
    public void TomlSyntaxErrorHasItsLine()
    {
        var toml = ValidWith("size = 80", "size = 80 80");
        var ex = Fail(toml);
        var line = LineOf(toml, "size = 80 80");
        Assert.Contains(ex.Errors, e => e.Path == "toml" && e.Line == line && e.Message.StartsWith("syntax error"));
        Assert.Contains($"{Source}: line {line}: toml: syntax error", ex.Message);
    }

    [Fact]
    public void UnterminatedStringIsASyntaxError()
    {
        var toml = ValidWith("name = \"inh\"", "name = \"inh");
        var ex = Fail(toml);
        Assert.Contains(ex.Errors, e => e.Path == "toml" && e.Line == LineOf(toml, "name = \"inh"));
    }

    [Fact]
    public void DuplicateKeyIsReported()
    {
        var toml = ValidWith("size = 80", "size = 80\nsize = 81");
        var ex = Fail(toml);
        AssertError(ex, LineOf(toml, "size = 81"), "toml", "key 'size' is already defined on line " + LineOf(toml, "size = 80"));
    }

    [Fact]
    public void TableDefinedTwiceIsReported()
    {
        var toml = Valid + "\n[simulation]\nseed = 3";
        var ex = Fail(toml);
        AssertError(ex, LineOf(toml, "seed = 3") - 1, "toml", "[simulation] is already defined on line 1");
    }

    [Fact]
    public void SubTableOfOneArrayElementAndInlineTableOfTheNextAreBothAllowed()
    {
        // Tomlyn 2.10.2's own validation wrongly rejects this; the reader does not use it.
        var toml = ValidWith("connector = { kind = \"fixed_probability\", p = 0.1 }", "")
            .Replace("sign = \"excitatory\"", "sign = \"excitatory\"\n[projections.connector]\nkind = \"fixed_probability\"\np = 0.1");
        var spec = Ok(toml);
        Assert.Equal(new Spiking.Description.FixedProbabilityConnector(0.1), spec.Projections[0].Connector);
        Assert.Equal(new Spiking.Description.FixedProbabilityConnector(0.1), spec.Projections[1].Connector);
    }

    [Fact]
    public void MissingFileIsAFileNotFoundException()
    {
        var path = Path.Combine(Path.GetTempPath(), "spiking-no-such-model-" + Guid.NewGuid().ToString("N") + ".toml");
        var ex = Assert.Throws<FileNotFoundException>(() => ModelFileReader.Read(path));
        Assert.Contains(path, ex.Message);
    }
}
