using Spiking.Description;
using Spiking.Tests.ModelFiles;

namespace Spiking.Tests.Lsm;

/// <summary>The model-file syntax of layouts, columns, distance connectors, spike sources, noise inputs and gamma values.</summary>
public class LsmModelFileTests
{
    private const string Text = """
        [simulation]
        dt = "0.1 ms"
        duration = "10 ms"

        [[populations]]
        name = "exc"
        model = "lif_cuba"
        size = 6
        layout = { grid = [2, 2, 2] }
        column = "c"

        [[populations]]
        name = "inh"
        model = "lif_cuba"
        size = 2
        layout = { grid = [2, 2, 2] }
        column = "c"

        [[populations]]
        name = "in"
        model = "spike_source"
        size = 2
        spike_times = [[1, "2 ms"], []]

        [[projections]]
        name = "ee"
        pre = "exc"
        post = "exc"
        receptor = "exc"
        connector = { kind = "distance", C = 0.3, lambda = 2 }
        weight = { gamma = ["30 mV", "30 mV"] }

        [[projections]]
        name = "in"
        pre = "in"
        post = "exc"
        receptor = "exc"
        connector = "all_to_all"
        weight = 1

        [[inputs]]
        kind = "noise"
        name = "n"
        target = "exc"
        mean = "13.5 nA"
        sd = "1000 pA"
        """;

    [Fact]
    public void Lsm_syntax_reads_into_the_description()
    {
        var spec = ModelFileTestHelper.Ok(Text);
        Assert.Equal(new GridLayout(2, 2, 2), spec.Populations[0].Layout);
        Assert.Equal("c", spec.Populations[1].Column);
        Assert.Equal(new double[] { 1, 2 }, spec.Populations[2].SpikeTimes![0].ToArray());
        Assert.Empty(spec.Populations[2].SpikeTimes![1]);
        Assert.Equal(new DistanceConnector(0.3, 2), spec.Projections[0].Connector);
        Assert.Equal(new GammaValue(30, 30), spec.Projections[0].Weight);
        var noise = Assert.IsType<NoiseInputSpec>(spec.Inputs[0]);
        Assert.Equal((13.5, 1.0), (noise.Mean, noise.StandardDeviation));
    }

    private static string ReplaceFirst(string text, string what, string with)
    {
        int at = text.IndexOf(what, StringComparison.Ordinal);
        Assert.True(at >= 0, $"'{what}' is not in the text");
        return text[..at] + with + text[(at + what.Length)..];
    }

    [Fact]
    public void Lsm_syntax_errors_name_line_and_field()
    {
        var bad = ReplaceFirst(Text, "grid = [2, 2, 2]", "grid = [2, 2]");
        var ex = ModelFileTestHelper.Fail(bad);
        ModelFileTestHelper.AssertError(ex, ModelFileTestHelper.LineOf(bad, "grid = [2, 2] }"), "populations[0].layout.grid", "three grid dimensions");

        var timesOnLif = ReplaceFirst(Text, "column = \"c\"", "column = \"c\"\nspike_times = [[1]]");
        ex = ModelFileTestHelper.Fail(timesOnLif);
        Assert.Contains(ex.Errors, e => e.Path == "populations[0].spike_times" && e.Message.Contains("only spike_source"));

        var negativeSd = Text.Replace("sd = \"1000 pA\"", "sd = \"-1 nA\"");
        ex = ModelFileTestHelper.Fail(negativeSd);
        Assert.Contains(ex.Errors, e => e.Path == "inputs[0].sd");
    }
}
