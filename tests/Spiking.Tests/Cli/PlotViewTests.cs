using System.Xml.Linq;
using Spiking.Cli.Commands;
using static Spiking.Tests.Core.CliRun;

namespace Spiking.Tests.Cli;

/// <summary>A small run with spikes, sampled state and weight snapshots of a plastic projection, shared by <see cref="PlotViewTests"/>.</summary>
public sealed class PlotRun : IDisposable
{
    /// <summary>200 excitatory neurons (so that a raster of 50 must sample), 50 inhibitory; STDP on ee.</summary>
    public const string Model = """
        [simulation]
        dt = "0.1 ms"
        duration = "200 ms"
        seed = 3
        [[populations]]
        name = "exc"
        model = "lif_cuba"
        size = 200
        [populations.parameters]
        E_L = "-49 mV"
        V_th = "-50 mV"
        V_reset = "-60 mV"
        t_ref = "5 ms"
        [populations.initial]
        v = { uniform = ["-60 mV", "-50 mV"] }
        [[populations]]
        name = "inh"
        model = "lif_cuba"
        size = 50
        [populations.parameters]
        E_L = "-49 mV"
        V_th = "-50 mV"
        V_reset = "-60 mV"
        t_ref = "5 ms"
        [[projections]]
        name = "ee"
        pre = "exc"
        post = "exc"
        receptor = "exc"
        connector = { kind = "fixed_probability", p = 0.1 }
        weight = "0.5 mV"
        plasticity = { rule = "stdp", pairing = "all", update = "additive", tau_plus = "20 ms", tau_minus = "20 ms", A_plus = 0.01, A_minus = 0.012, w_min = 0, w_max = "1 mV" }
        [[projections]]
        name = "ie"
        pre = "inh"
        post = "exc"
        receptor = "inh"
        connector = { kind = "fixed_probability", p = 0.1 }
        weight = "-1 mV"
        [[monitors]]
        kind = "spikes"
        population = "exc"
        [[monitors]]
        kind = "spikes"
        population = "inh"
        [[monitors]]
        kind = "state"
        population = "exc"
        variables = ["v"]
        neurons = [0, 10, 20, 30]
        interval = "1 ms"
        [[monitors]]
        kind = "weights"
        projection = "ee"
        times = ["0 ms", "100 ms", "200 ms"]
        [[monitors]]
        kind = "weights"
        projection = "ie"
        times = ["0 ms"]
        """;

    public PlotRun()
    {
        Directory = Path.Combine(Path.GetTempPath(), "spiking-plots-" + Guid.NewGuid().ToString("N")[..8]);
        System.IO.Directory.CreateDirectory(Directory);
        string model = Path.Combine(Directory, "plots.toml");
        File.WriteAllText(model, Model);
        Output = Path.Combine(Directory, "plots.h5");
        var (code, _, err) = RunCli("run", model, "--out", Output, "--quiet");
        if (code != 0) throw new InvalidOperationException($"the plot test model did not run (exit {code}): {err}");
    }

    /// <summary>Folder of the run's files (removed on dispose).</summary>
    public string Directory { get; }

    /// <summary>The run's HDF5 output.</summary>
    public string Output { get; }

    public void Dispose() => System.IO.Directory.Delete(Directory, true);
}

/// <summary>
/// <c>spiking plot</c>: every view writes PNG, SVG or PDF by the file name (checked by the format's signature and,
/// for SVG, by parsing it and finding the labels), the raster samples neurons evenly, and bad requests exit 2.
/// </summary>
public class PlotViewTests(PlotRun run) : IClassFixture<PlotRun>
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    private string Figure(string name) => Path.Combine(run.Directory, name);

    private static string[] SvgTexts(string path) => XDocument.Load(path).Descendants(Svg + "text").Select(t => t.Value.Trim()).ToArray();

    [Theory]
    [InlineData("--raster")]
    [InlineData("--state")]
    [InlineData("--weights")]
    public void Each_view_writes_the_format_its_extension_names(string view)
    {
        foreach (var ext in new[] { "png", "svg", "pdf" })
        {
            string path = Figure(view.TrimStart('-') + "." + ext);
            var (code, _, err) = RunCli("plot", run.Output, view, path);
            Assert.True(code == 0, $"{view} {ext}: exit {code}: {err}");
            Assert.Equal("", err); // SkiaSharp's SVG writer warns on dashed lines; none are drawn
            var bytes = File.ReadAllBytes(path);
            switch (ext)
            {
                case "png":
                    Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A }, bytes[..8]);
                    break;
                case "pdf":
                    Assert.Equal("%PDF-", System.Text.Encoding.ASCII.GetString(bytes, 0, 5));
                    Assert.Contains("%%EOF", System.Text.Encoding.ASCII.GetString(bytes, bytes.Length - 32, 32));
                    Assert.Contains("/Type /Page", System.Text.Encoding.ASCII.GetString(bytes)); // one page object at least
                    break;
                default:
                    Assert.Equal("svg", XDocument.Load(path).Root!.Name.LocalName);
                    break;
            }
        }
    }

    [Fact]
    public void Raster_svg_labels_its_axes_and_says_how_many_neurons_it_shows()
    {
        string path = Figure("labels.svg");
        var (code, _, err) = RunCli("plot", run.Output, "--raster", path, "--max-neurons", "50", "--bin", "2 ms");
        Assert.True(code == 0, err);
        var texts = SvgTexts(path);
        Assert.Contains("neuron index", texts);
        Assert.Contains("time (ms)", texts);
        Assert.Contains("rate (Hz, 2 ms bins)", texts);
        Assert.Contains("50 of 200 shown", texts);
        Assert.Contains("50 of 50 shown", texts);
        // Each mark once: a vector file must not hold the plot drawn twice (ScottPlot's second layout pass).
        Assert.Single(texts, t => t == "time (ms)");
        // Index ticks name sampled neurons spread over the whole population (exc: rows 0, 12, 24, 37 of 50 are
        // neurons 0, 48, 96, 148 of 200), not the first 50 that fired.
        Assert.Contains("48", texts);
        Assert.Contains("148", texts);
    }

    [Fact]
    public void Evenly_spreads_the_sample_over_the_population()
    {
        var all = Enumerable.Range(0, 10_000).Select(i => (ulong)i).ToArray();
        var shown = NeuronSample.Evenly(all, 500);
        Assert.Equal(500, shown.Length);
        Assert.Equal(0UL, shown[0]);
        Assert.Equal(9_980UL, shown[^1]);
        Assert.All(shown.Zip(shown.Skip(1)), p => Assert.Equal(20UL, p.Second - p.First));

        // 7 of 10: gaps of 1 or 2, never two equal ids.
        var seven = NeuronSample.Evenly(all[..10], 7);
        Assert.Equal(new ulong[] { 0, 1, 2, 4, 5, 7, 8 }, seven);
        Assert.Equal(all[..10], NeuronSample.Evenly(all[..10], 500));

        // A monitor of listed neurons: the file keeps no list, so the sample is drawn from the ids that fired.
        Assert.Equal(new ulong[] { 3, 9, 40 }, NeuronSample.Candidates([40, 3, 9, 3], populationSize: 100, recorded: 5));
        Assert.Equal(100, NeuronSample.Candidates([40], populationSize: 100, recorded: 100).Count);
    }

    [Fact]
    public void Weights_and_state_figures_label_units_and_the_colour_bar()
    {
        string weights = Figure("w.svg"), state = Figure("s.svg");
        Assert.Equal(0, RunCli("plot", run.Output, "--weights", weights).Code);
        Assert.Equal(0, RunCli("plot", run.Output, "--state", state, "--max-neurons", "2").Code);
        var w = SvgTexts(weights);
        Assert.Contains("w (mV)", w); // colour bar and histogram axis
        Assert.Contains("presynaptic neuron index", w);
        Assert.Contains("mean weight over time", w); // ee has three snapshots
        var s = SvgTexts(state);
        Assert.Contains("v (mV)", s);
        Assert.Contains(s, t => t.Contains("exc: v, 2 of 4 sampled neurons"));
        Assert.Contains("neuron 0", s);
        Assert.Contains("neuron 20", s); // 2 of [0, 10, 20, 30], evenly: columns 0 and 2
    }

    [Fact]
    public void Weight_matrix_puts_each_synapse_at_its_pre_and_post_index()
    {
        var data = new IO.Hdf5.WeightData("p", [0.0], Pre: [0, 9, 5], Post: [0, 0, 19], W: new double[,] { { 1, -2, 3 } }, "mV", false);
        var (matrix, block) = WeightPlot.Matrix(data, 0);
        Assert.Equal(1, block);
        Assert.Equal(20, matrix.GetLength(0)); // post rows
        Assert.Equal(10, matrix.GetLength(1)); // pre columns
        Assert.Equal(1, matrix[0, 0]);
        Assert.Equal(-2, matrix[0, 9]);
        Assert.Equal(3, matrix[19, 5]);
        Assert.True(double.IsNaN(matrix[1, 1])); // no synapse: blank, not 0
    }

    [Fact]
    public void Unknown_formats_bad_bins_and_missing_data_exit_2_and_write_nothing()
    {
        void Refused(string expected, params string[] args)
        {
            var (code, _, err) = RunCli(["plot", run.Output, .. args]);
            Assert.True(code == 2, $"{string.Join(' ', args)}: exit {code}: {err}");
            Assert.Contains(expected, err);
        }
        Refused(".png, .svg or .pdf", "--raster", Figure("r.jpg"));
        Refused(".png, .svg or .pdf", "--weights", Figure("noext"));
        Refused("shorter than the run's time step", "--raster", Figure("r.png"), "--bin", "0.01 ms");
        Refused("--bin expects a positive time", "--raster", Figure("r.png"), "--bin", "-3 ms");
        Refused("longer than the recording", "--raster", Figure("r.png"), "--bin", "1 s");
        Refused("--bin applies to --raster only", "--state", Figure("s.png"), "--bin", "2 ms");
        Refused("expected a window inside the recording", "--raster", Figure("r.png"), "--from", "150 ms", "--to", "100 ms");
        Refused("expected a window inside the recording", "--raster", Figure("r.png"), "--to", "5 s");
        Refused("--from expects a time", "--raster", Figure("r.png"), "--from", "soon");
        Refused("no readout samples", "--readout", Figure("ro.png"));
        Refused("not the output of a bgG-RNN run", "--learning", Figure("l.png"));
        Refused("give exactly one of", "--raster", Figure("a.png"), "--state", Figure("b.png"));
        Assert.False(File.Exists(Figure("r.jpg")));
        Assert.False(File.Exists(Figure("r.png")));
        Assert.False(File.Exists(Figure("ro.png")));
    }

    [Fact]
    public void Curve_columns_named_x_std_become_error_bars_of_x()
    {
        string csv = Figure("acc.csv"), svg = Figure("acc.svg");
        File.WriteAllText(csv, "jitter (ms),accuracy,accuracy_std,chance\n0,0.95,0.02,0.5\n4,0.8,0.05,0.5\n8,0.65,,0.5\n");
        var (code, _, err) = RunCli("plot", csv, "--curve", svg);
        Assert.True(code == 0, err);
        var texts = SvgTexts(svg);
        Assert.Contains("jitter (ms)", texts);
        Assert.Contains("accuracy (± accuracy_std)", texts);
        Assert.Contains("chance", texts);
        Assert.DoesNotContain("accuracy_std", texts); // not drawn as a curve of its own
        Assert.Equal("accuracy", CurvePlot.CommonWords(["accuracy 2 templates", "accuracy 4 templates"])); // the y label of such curves
        Assert.Equal("", CurvePlot.CommonWords(["accuracy", "chance"]));
    }
}
