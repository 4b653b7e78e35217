using Spiking.Cli;
using Spiking.Cpu;
using Spiking.Build;
using Spiking.Description;
using Spiking.Engine;
using Spiking.IO.Hdf5;
using Spiking.IO.ModelFiles;
using Spiking.Tests.Core;
using static Spiking.Tests.Core.CliRun;

namespace Spiking.Tests.Microcircuit;

/// <summary>
/// models/microcircuit.toml (Potjans &amp; Diesmann 2014), the truncated normal it draws delays from,
/// and <c>--scale</c>, which runs it at a fraction of its size with in-degrees kept.
/// </summary>
public sealed class MicrocircuitTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("spiking-mc-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static NetworkSpec Model() => ModelFileReader.Read(RepoPaths.Model("microcircuit.toml"));

    [Fact]
    public void HasThePublishedSizes()
    {
        var spec = Model();
        Assert.Equal(["L23e", "L23i", "L4e", "L4i", "L5e", "L5i", "L6e", "L6i"], spec.Populations.Select(p => p.Name).ToArray());
        Assert.Equal(77_169, spec.Populations.Sum(p => p.Size)); // PD14 Table 5
        long synapses = spec.Projections.Sum(p => ((FixedTotalNumberConnector)p.Connector).N);
        Assert.InRange(synapses, 2.95e8, 3.0e8); // "about 0.3 billion"
        // PD14 eq. 1 by hand for L4e -> L4e: C = 0.0497, N = 21915.
        double k = Math.Log(1 - 0.0497) / Math.Log(1 - 1.0 / (21915.0 * 21915.0));
        var l4 = spec.Projections.Single(p => p.Name == "L4e_L4e");
        Assert.Equal(Math.Round(k), ((FixedTotalNumberConnector)l4.Connector).N);
        Assert.False(l4.Connector.AllowAutapses);
        // Background: K_ext sources at 8 Hz each.
        var bg = spec.Inputs.OfType<PoissonInputSpec>().Single(i => i.Target == "L6e");
        Assert.Equal((8.0, 2900), (bg.Rate, bg.Count));
        // Delays: truncated normal, redrawn below dt.
        Assert.Equal(new NormalValue(0.75, 0.375) { Low = 0.1 }, spec.Projections.Single(p => p.Name == "L23i_L23e").Delay);
        // The L4e -> L2/3e weight is doubled.
        double w = ((NormalValue)spec.Projections.Single(p => p.Name == "L23e_L23e").Weight).Mean;
        Assert.Equal(2 * w, ((NormalValue)spec.Projections.Single(p => p.Name == "L4e_L23e").Weight).Mean, 1e-5); // 6 decimals in the file
    }

    /// <summary>
    /// The weight is PD14's 0.15 mV PSP: one input spike onto a lif_cuba neuron with the model's
    /// parameters raises v by 0.15 mV at the PSP's peak (simulated at dt 0.001 ms; the analytic peak of
    /// the PSP kernel is at ln(τm/τs)·τm·τs/(τm − τs) = 1.577 ms).
    /// </summary>
    [Fact]
    public void TheWeightGivesTheFifteenHundredthsMillivoltPsp()
    {
        var model = Model();
        var pop = model.Populations[0];
        double w = ((NormalValue)model.Projections.Single(p => p.Name == "L23e_L23e").Weight).Mean;
        var pars = new Dictionary<string, double>(pop.Parameters) { ["V_th"] = 0 }; // never fires
        var spec = new NetworkSpec(new SimulationSpec(0.001, 5, 1),
            [new PopulationSpec("n", "lif_cuba", 1, pars, new Dictionary<string, ValueSpec> { ["v"] = new ConstantValue(-65) })],
            [],
            [new SpikeTimesInputSpec("in", "n", "exc", w, [0], [1.0])],
            [new StateMonitorSpec("n", ["v"], 0.001)]);
        var rec = new MemoryRecorder();
        using var sim = new Simulator(Network.Build(spec));
        sim.Run(recorder: rec);
        double peak = rec.StateValues[0].Max(v => v[0]) + 65;
        Assert.Equal(0.15, peak, 1e-5);
    }

    [Fact]
    public void ScaleKeepsInDegrees()
    {
        var full = Model();
        var small = NetworkScaling.Scale(full, 0.01);
        Assert.Equal(0.01, small.Scale);
        for (int k = 0; k < full.Populations.Count; k++)
            Assert.Equal((int)Math.Round(full.Populations[k].Size * 0.01), small.Populations[k].Size);
        var net = Network.Build(small);
        for (int k = 0; k < full.Projections.Count; k++)
        {
            var pr = full.Projections[k];
            double fullInDegree = ((FixedTotalNumberConnector)pr.Connector).N / (double)full.Populations.Single(p => p.Name == pr.Post).Size;
            var built = net.Projections[k];
            double inDegree = built.Synapses.Count / (double)built.Post.Size;
            Assert.Equal(fullInDegree, inDegree, 0.5 / built.Post.Size + 1e-9); // the total is rounded to a whole synapse
        }
    }

    [Fact]
    public void DelaysAreTheTruncatedNormal()
    {
        var net = Network.Build(NetworkScaling.Scale(Model(), 0.01));
        var ie = net.Projections.Single(p => p.Spec.Name == "L23i_L23e").Synapses;
        // Onto lif_cuba a delay d acts round(d/dt) steps after the stamp: no draw below 0.1 ms => no 0-step delay.
        Assert.True(ie.Delay.Min() >= 1, $"a delay of {ie.Delay.Min()} steps was drawn");
        // Mean of N(0.75, 0.375) truncated at 0.1: μ + σ φ(α)/(1 − Φ(α)), α = (0.1 − μ)/σ (closed form).
        double alpha = (0.1 - 0.75) / 0.375;
        double phi = Math.Exp(-alpha * alpha / 2) / Math.Sqrt(2 * Math.PI);
        double tail = 0.5 * MathNet.Numerics.SpecialFunctions.Erfc(alpha / Math.Sqrt(2));
        double expected = 0.75 + 0.375 * phi / tail;
        double mean = ie.Delay.Average(d => (double)d) * 0.1;
        Assert.Equal(expected, mean, 0.01); // grid rounding and sampling (n ≈ 20,000)
    }

    [Fact]
    public void ScaledRunWritesItsScale()
    {
        string o = Path.Combine(_dir, "mc.h5");
        var (code, _, err) = RunCli("run", RepoPaths.Model("microcircuit.toml"), "--scale", "0.01", "--duration", "50 ms", "--out", o, "--quiet");
        Assert.True(code == 0, err);
        using var results = Hdf5Results.Open(o);
        Assert.Equal(0.01, results.GetDouble("scale"));
        var (icode, iout, _) = RunCli("info", o, "--from", "20 ms");
        Assert.Equal(0, icode);
        Assert.Contains("from 20 ms to 50 ms", iout);
    }

    [Fact]
    public void ScaleRefusesWhatItCannotResize()
    {
        string model = Path.Combine(_dir, "a2a.toml");
        File.WriteAllText(model, """
            [simulation]
            dt = "0.1 ms"
            duration = "10 ms"
            [[populations]]
            name = "a"
            model = "lif_cuba"
            size = 100
            [[projections]]
            name = "aa"
            pre = "a"
            post = "a"
            receptor = "exc"
            connector = { kind = "all_to_all" }
            weight = "0.1 mV"
            [[monitors]]
            kind = "spikes"
            population = "a"
            """);
        string o = Path.Combine(_dir, "a2a.h5");
        var (code, _, err) = RunCli("run", model, "--scale", "0.5", "--out", o);
        Assert.Equal(2, code);
        Assert.Contains("projections[0].connector", err);
        Assert.Contains("all_to_all", err);
        Assert.False(File.Exists(o));

        (code, _, err) = RunCli("run", model, "--scale", "0", "--out", o);
        Assert.Equal(2, code);
        Assert.Contains("--scale", err);
        Assert.Contains("positive", err);

        // fixed_probability whose in-degree cannot be kept: p would exceed 1.
        File.WriteAllText(model, File.ReadAllText(model).Replace("{ kind = \"all_to_all\" }", "{ kind = \"fixed_probability\", p = 0.5 }"));
        (code, _, err) = RunCli("run", model, "--scale", "0.1", "--out", o);
        Assert.Equal(2, code);
        Assert.Contains("p = 5 > 1", err);
        Assert.False(File.Exists(o));
    }

    [Fact]
    public void InfoFromAfterTheEndIsRefused()
    {
        string o = Path.Combine(_dir, "mc.h5");
        Assert.Equal(0, RunCli("run", RepoPaths.Model("cuba.toml"), "--duration", "20 ms", "--out", o, "--quiet").Code);
        var (code, _, err) = RunCli("info", o, "--from", "30 ms");
        Assert.Equal(2, code);
        Assert.Contains("not before the end", err);
        (code, _, err) = RunCli("info", o, "--from", "five");
        Assert.Equal(2, code);
        Assert.Contains("--from expects a time", err);
    }

    [Theory]
    [InlineData("{ normal = [\"1 ms\", \"0.5 ms\"], min = \"2 ms\", max = \"1 ms\" }", "min < max")]
    [InlineData("{ normal = [\"1 ms\", \"0.1 ms\"], min = \"2 ms\" }", "more than 5 standard deviations")]
    [InlineData("{ normal = [\"1 ms\", \"0.1 ms\"], lo = \"0.5 ms\" }", "optionally with min = ..., max = ...")]
    [InlineData("{ normal = [\"1 ms\", \"0.1 ms\"], min = \"0.5 mV\" }", "projections[0].delay.min")]
    public void BadTruncatedNormalsAreRefused(string delay, string expected)
    {
        string text = $$"""
            [simulation]
            dt = "0.1 ms"
            duration = "10 ms"
            [[populations]]
            name = "a"
            model = "lif_cuba"
            size = 10
            [[projections]]
            name = "aa"
            pre = "a"
            post = "a"
            receptor = "exc"
            connector = { kind = "fixed_probability", p = 0.1 }
            weight = "0.1 mV"
            delay = {{delay}}
            """;
        var se = Assert.Throws<SpecException>(() => ModelFileReader.Parse(text, "bad.toml"));
        Assert.Contains(se.Errors, e => e.ToString().Contains(expected));
        Assert.Contains(se.Errors, e => e.Line == 15 || e.Path.StartsWith("projections[0].delay"));
    }

    [Fact]
    public void TruncatedNormalDrawsStayInside()
    {
        var text = """
            [simulation]
            dt = "0.1 ms"
            duration = "10 ms"
            [[populations]]
            name = "a"
            model = "lif_cuba"
            size = 200
            [[projections]]
            name = "aa"
            pre = "a"
            post = "a"
            receptor = "exc"
            connector = { kind = "fixed_probability", p = 0.5 }
            weight = { max = "1.2 mV", normal = ["1 mV", "1 mV"], min = "0.5 mV" }
            sign = "excitatory"
            """;
        var spec = ModelFileReader.Parse(text, "t.toml");
        Assert.Empty(NetworkValidator.Validate(spec));
        var net = Network.Build(spec);
        var w = net.Projections[0].Synapses.Weight;
        Assert.True(w.Length > 10_000);
        Assert.InRange(w.Min(), 0.5f, 0.501f);
        Assert.InRange(w.Max(), 1.199f, 1.2f);
    }
}
