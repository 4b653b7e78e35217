using Spiking.Build;
using Spiking.Tests.ModelFiles;

namespace Spiking.Tests.Attractor;

/// <summary>Mistakes in the attractor units' and storage rule's fields are reported with file, line, field and expectation.</summary>
public class AttractorModelFileTests
{
    private const string Bad = """
        [simulation]
        dt = "1 ms"
        duration = "5 ms"
        [[populations]]
        name = "m"
        model = "hopfield"
        size = 10
        [populations.parameters]
        spin = 2
        anneal_steps = 10
        [[projections]]
        name = "w"
        pre = "m"
        post = "m"
        receptor = "in"
        connector = "all_to_all"
        weight = 0
        delay = "1 ms"
        plasticity = { rule = "hopfield_storage", patterns = 3, cue = 5, storage = "hebb" }
        [[monitors]]
        kind = "state"
        population = "m"
        variables = ["s"]
        interval = "1 ms"
        """;

    [Fact]
    public void Each_mistake_names_its_line_field_and_expectation()
    {
        var ex = ModelFileTestHelper.Fail(Bad);
        ModelFileTestHelper.AssertError(ex, ModelFileTestHelper.LineOf(Bad, "spin = 2"), "populations[0].parameters.spin", "spin must be 1 (states -1/+1) or 0 (states 0/1) (got 2)");
        ModelFileTestHelper.AssertError(ex, ModelFileTestHelper.LineOf(Bad, "delay ="), "projections[0].delay", "the delay must be 0 ms (got 1 ms)");
        Assert.Contains(ex.Errors, e => e.Message.Contains("annealing starts from temperature > 0"));
        Assert.Contains(ex.Errors, e => e.Message.Contains("cue must be below patterns (3) (got 5)"));
        Assert.Contains(ex.Errors, e => e.Message.Contains("hebb"));
    }

    [Theory]
    [InlineData("hopfield.toml")]
    [InlineData("boltzmann.toml")]
    [InlineData("wta.toml")]
    [InlineData("integrator.toml")]
    public void The_shipped_attractor_models_validate(string file)
    {
        var spec = Spiking.IO.ModelFiles.ModelFileReader.Read(Core.RepoPaths.Model(file));
        Assert.Empty(NetworkValidator.Validate(spec));
    }
}
