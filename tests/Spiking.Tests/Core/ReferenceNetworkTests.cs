using System.Text.Json;
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

    /// <summary>
    /// Brunel 2000, Fig. 8C (g = 5, ν_ext = 2ν_thr), the asynchronous irregular state. Its rate is
    /// the self-consistent mean-field rate, 37.95 Hz (benchmarks/compare/lif_diffusion_theory.py,
    /// Brunel 2000 eqs. 4–6 and 21); χ is Golomb's synchrony index on 1 ms bins of 1000 excitatory
    /// neurons (about 1/√1000 ≈ 0.03 for independent neurons, 0.5 in the SR state below); firing is
    /// irregular (CV well above that of clock-like firing).
    /// </summary>
    [Fact]
    public void Brunel_AI_fires_at_the_mean_field_rate_asynchronously_and_irregularly()
    {
        var ai = Brunel("AI", 600);
        Assert.InRange(ai.Rate, 37.95 * 0.97, 37.95 * 1.03);
        Assert.True(ai.Chi < 0.2, $"AI: synchrony {ai.Chi}");
        Assert.True(ai.Cv > 0.3, $"AI: CV {ai.Cv}");
    }

    /// <summary>
    /// Brunel 2000, Fig. 8A (g = 3, ν_ext = 2ν_thr): excitation dominates, neurons fire regularly near
    /// saturation and in step with each other (synchronous regular).
    /// </summary>
    [Fact]
    public void Brunel_SR_fires_regularly_and_synchronously()
    {
        var sr = Brunel("SR", 300);
        Assert.True(sr.Chi > 0.4, $"SR: synchrony {sr.Chi}");
        Assert.True(sr.Cv < 0.05, $"SR: CV {sr.Cv}");
        Assert.True(sr.Rate > 200, $"SR: rate {sr.Rate}");
    }
}
