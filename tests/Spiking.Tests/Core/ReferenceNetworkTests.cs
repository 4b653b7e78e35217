using System.Text.Json;
using Spiking.Cpu;
using Spiking.Analysis;
using Spiking.Description;
using Spiking.Engine;
using Spiking.IO.ModelFiles;
using Xunit.Abstractions;

namespace Spiking.Tests.Core;

/// <summary>
/// The shipped benchmark networks against an outside reference. CUBA and COBA: the mean excitatory
/// rate and mean CV of ISIs over [100, 1100) ms must fall inside the range that Brian2 2.5.1
/// (cpp_standalone, seeds 1–10) gives for the same model, measured on this machine by
/// benchmarks/compare/brian2_reference.py and stored in benchmarks/compare/brian2_reference.json.
/// We compare the mean over the same ten seed numbers with Brian2's range: a single seed lands
/// outside the range of ten others about 2 times in 11 even for identical models.
/// Known difference: Brian2 counts the refractory period from the start of the step in which v
/// crossed threshold, so v is clamped for t_ref − dt after the reset; Spiking (like NEST) clamps
/// for t_ref after the spike's time stamp at the end of that step. On COBA, whose bursts put many
/// ISIs near t_ref, this lowers our rate by about 3% (measured: 18.8 Hz vs 19.4 Hz with t_ref − dt,
/// mean of seeds 1–10; docs/conventions.md).
/// </summary>
public class ReferenceNetworkTests(ITestOutputHelper output)
{
    private const int Seeds = 10;

    private static (double RateMin, double RateMax, double CvMin, double CvMax) Brian2(string model)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepoPaths.Root, "benchmarks", "compare", "brian2_reference.json")));
        var m = doc.RootElement.GetProperty(model);
        return (m.GetProperty("rate_min").GetDouble(), m.GetProperty("rate_max").GetDouble(), m.GetProperty("cv_min").GetDouble(), m.GetProperty("cv_max").GetDouble());
    }

    private (double Rate, double Cv) Measure(string modelFile, ulong seed)
    {
        var spec = ModelFileReader.Read(RepoPaths.Model(modelFile));
        spec = spec with
        {
            Simulation = spec.Simulation with { Seed = seed, Duration = 1100 },
            Monitors = [new SpikeMonitorSpec("exc")],
        };
        var rec = new MemoryRecorder();
        using var sim = new Simulator(Network.Build(spec));
        sim.Run(recorder: rec);
        var t = rec.SpikeTimes[0].ToArray();
        var ids = rec.SpikeIds[0].ToArray();
        int n = spec.Populations.First(p => p.Name == "exc").Size;
        var result = (SpikeStatistics.MeanRate(t, n, 100, 1100), SpikeStatistics.MeanCvIsi(t, ids, n, 100, 1100));
        output.WriteLine($"{modelFile} seed {seed}: rate {result.Item1:F3} Hz, CV {result.Item2:F4}");
        return result;
    }

    [Theory]
    [InlineData("cuba.toml", "cuba")]
    [InlineData("coba.toml", "coba")]
    public void Benchmark_rate_and_cv_fall_in_the_Brian2_range(string file, string reference)
    {
        var b = Brian2(reference);
        var runs = Enumerable.Range(1, Seeds).Select(s => Measure(file, (ulong)s)).ToArray();
        double rate = runs.Average(r => r.Rate), cv = runs.Average(r => r.Cv);
        output.WriteLine($"mean over {Seeds} seeds: rate {rate:F3} Hz (Brian2 {b.RateMin:F3}–{b.RateMax:F3}), CV {cv:F4} (Brian2 {b.CvMin:F4}–{b.CvMax:F4})");
        Assert.InRange(rate, b.RateMin, b.RateMax);
        Assert.InRange(cv, b.CvMin, b.CvMax);
        // No single seed may be far off either: within 10% of Brian2's range.
        Assert.All(runs, r => Assert.InRange(r.Rate, 0.9 * b.RateMin, 1.1 * b.RateMax));
    }

    private (double Cv, double Chi, double Rate) Brunel(string variant, double duration)
    {
        var spec = ModelFileReader.Read(RepoPaths.Model("brunel.toml"), variant);
        spec = spec with { Simulation = spec.Simulation with { Duration = duration }, Monitors = [new SpikeMonitorSpec("exc") { Neurons = Enumerable.Range(0, 1000).ToArray() }] };
        var rec = new MemoryRecorder();
        using var sim = new Simulator(Network.Build(spec));
        sim.Run(recorder: rec);
        var t = rec.SpikeTimes[0].ToArray();
        var ids = rec.SpikeIds[0].ToArray();
        double cv = SpikeStatistics.MeanCvIsi(t, ids, 1000, 100, duration);
        double chi = SpikeStatistics.Synchrony(t, ids, 1000, 100, duration, 1.0);
        double rate = SpikeStatistics.MeanRate(t, 1000, 100, duration);
        output.WriteLine($"brunel {variant}: rate {rate:F2} Hz, CV {cv:F3}, synchrony chi {chi:F3}");
        return (cv, chi, rate);
    }

    private static JsonElement Brian2Brunel(string variant)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepoPaths.Root, "benchmarks", "compare", "brian2_brunel.json")));
        return doc.RootElement.GetProperty(variant).Clone();
    }

    /// <summary>
    /// Brunel 2000, Fig. 8C (g = 5, ν_ext = 2ν_thr), the asynchronous irregular state, against two
    /// outside references: the self-consistent mean-field rate, 37.95 Hz
    /// (benchmarks/compare/lif_diffusion_theory.py, Brunel 2000 eqs. 4–6 and 21), and Brian2 2.5.1 on
    /// the same network (benchmarks/compare/brian2_brunel.py, seeds 1–3: 36.7–37.4 Hz, CV 0.395–0.399,
    /// χ 0.108–0.112). χ is Golomb's synchrony index on 1 ms bins of 1000 excitatory neurons
    /// (about 1/√1000 ≈ 0.03 for independent neurons, 0.5 in the SR state). Note: the CV of 0.4 is
    /// what this state has in both simulators; the mean-field CV of the asynchronous state would be 0.68.
    /// </summary>
    [Fact]
    public void Brunel_AI_matches_mean_field_rate_and_Brian2_rate_cv_and_synchrony()
    {
        var ai = Brunel("AI", 1100);
        var b = Brian2Brunel("AI");
        double Get(string k) => b.GetProperty(k).GetDouble();
        Assert.InRange(ai.Rate, 37.95 * 0.97, 37.95 * 1.03);
        Assert.InRange(ai.Rate, Get("rate_min") * 0.97, Get("rate_max") * 1.03);
        Assert.InRange(ai.Cv, Get("cv_min") * 0.95, Get("cv_max") * 1.05);
        Assert.InRange(ai.Chi, Get("chi_1ms_min") * 0.85, Get("chi_1ms_max") * 1.15);
        Assert.True(ai.Chi < 0.2, $"AI: synchrony {ai.Chi}");
    }

    /// <summary>
    /// Brunel 2000, Fig. 8A (g = 3, ν_ext = 2ν_thr): excitation dominates and neurons fire regularly
    /// near saturation, in step (synchronous regular). Brian2 gives CV 0.0008 and χ 0.52 at 312 Hz;
    /// here the rate is 333 Hz because Brian2 applies input after the threshold check, which adds one
    /// step to its spike-to-spike loop (1.6 ms instead of 1.5 ms: periods of 32 and 30 steps).
    /// </summary>
    [Fact]
    public void Brunel_SR_fires_regularly_and_synchronously_like_Brian2()
    {
        var sr = Brunel("SR", 300);
        var b = Brian2Brunel("SR");
        Assert.True(sr.Cv < 0.01, $"SR: CV {sr.Cv}");
        Assert.InRange(sr.Chi, b.GetProperty("chi_1ms_min").GetDouble() * 0.85, b.GetProperty("chi_1ms_max").GetDouble() * 1.15);
        // One period of 30 steps (two delays of 1.5 ms) instead of Brian2's 32.
        Assert.InRange(sr.Rate, 1000.0 / 3.0 * 0.99, 1000.0 / 3.0 * 1.01);
    }
}
