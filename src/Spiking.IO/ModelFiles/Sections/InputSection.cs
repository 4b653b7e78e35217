using Spiking.Description;
using Spiking.IO.Toml;
using Spiking.Units;

namespace Spiking.IO.ModelFiles.Sections;

/// <summary>
/// Reads <c>[[inputs]]</c>, each of a kind with its own keys: poisson (receptor, rate, weight,
/// count), spike_times (receptor, weight, neurons, times), current (amplitude with start and stop,
/// or times and amplitudes), noise (mean, sd) and series (a [[series]] entry, optionally .channel).
/// </summary>
internal static class InputSection
{
    /// <summary>The inputs in file order; an input of unknown kind is kept as an empty current input (and flagged).</summary>
    public static List<InputSpec> Read(ReadContext ctx, TableReader top, PopulationModels models)
    {
        var inputs = new List<InputSpec>();
        foreach (var (k, t) in top.Elements("inputs"))
        {
            string at = $"inputs[{k}]";
            inputs.Add(ReadOne(ctx, new TableReader(ctx, t, at), at, models));
        }
        return inputs;
    }

    private static InputSpec ReadOne(ReadContext ctx, TableReader r, string at, PopulationModels models)
    {
        string? kind = r.String("kind", required: true, "poisson, spike_times, current, noise or series");
        string name = r.String("name", required: true, "an input name") ?? "";
        string target = r.String("target", required: true, "the name of the driven population") ?? "";
        switch (kind)
        {
            case "poisson": return Poisson(r, name, target, models);
            case "spike_times": return SpikeTimes(r, name, target, models);
            case "current": return Current(ctx, r, at, name, target);
            case "noise": return Noise(r, name, target);
            case "series": return Series(r, name, target);
            default:
                if (kind is not null)
                    ctx.Error($"{at}.kind", r.LineOfKey("kind"), $"unknown input kind '{kind}'; expected poisson, spike_times, current, noise or series");
                ctx.Flag(at);
                return new CurrentInputSpec(name, target, [0], [0]);
        }
    }

    private static PoissonInputSpec Poisson(TableReader r, string name, string target, PopulationModels models)
    {
        r.CheckKeys("kind", "name", "target", "receptor", "rate", "weight", "count", "neurons");
        string receptor = r.String("receptor", required: true, "a receptor of the target model") ?? "";
        double rate = r.Quantity("rate", Dimension.Frequency, required: true) ?? 0;
        double weight = r.Quantity("weight", models.WeightDimension(target, receptor), required: true) ?? 0;
        int count = (int)(r.Integer("count", required: false, int.MinValue, int.MaxValue, "an integer number of sources per neuron") ?? 1);
        var neurons = r.IntList("neurons", required: false);
        return new PoissonInputSpec(name, target, receptor, rate, weight, count) { Neurons = neurons };
    }

    private static SpikeTimesInputSpec SpikeTimes(TableReader r, string name, string target, PopulationModels models)
    {
        r.CheckKeys("kind", "name", "target", "receptor", "weight", "neurons", "times");
        string receptor = r.String("receptor", required: true, "a receptor of the target model") ?? "";
        double weight = r.Quantity("weight", models.WeightDimension(target, receptor), required: true) ?? 0;
        var neurons = r.IntList("neurons", required: true) ?? [];
        var times = r.QuantityList("times", Dimension.Time, required: true) ?? [];
        return new SpikeTimesInputSpec(name, target, receptor, weight, neurons, times);
    }

    /// <summary>
    /// A current, either constant (amplitude from start to stop, written as the piecewise times
    /// [start, stop] and amplitudes [a, 0]) or piecewise (times and amplitudes), never both.
    /// </summary>
    private static CurrentInputSpec Current(ReadContext ctx, TableReader r, string at, string name, string target)
    {
        r.CheckKeys("kind", "name", "target", "amplitude", "start", "stop", "times", "amplitudes", "neurons");
        var neurons = r.IntList("neurons", required: false);
        bool constant = r.Has("amplitude");
        bool piecewise = r.Has("times") || r.Has("amplitudes");
        IReadOnlyList<double> times = [], amplitudes = [];
        if (constant && piecewise)
        {
            ctx.Error($"{at}.amplitude", r.LineOfKey("amplitude"), "give either amplitude (with start and stop) or times and amplitudes, not both");
        }
        else if (constant)
        {
            double a = r.Quantity("amplitude", Dimension.Current, required: true) ?? 0;
            double start = r.Quantity("start", Dimension.Time, required: false) ?? 0;
            double? stop = r.Quantity("stop", Dimension.Time, required: false);
            if ((r.LineOfKey("stop") ?? r.LineOfKey("start")) is { } tl) ctx.Record($"{at}.times", tl);
            if (r.LineOfKey("amplitude") is { } al) ctx.Record($"{at}.amplitudes", al);
            if (stop is { } sv)
            {
                if (!(sv > start))
                {
                    ctx.Error($"{at}.stop", r.LineOfKey("stop"), $"must be after start ({NumberText.Of(start)} ms), got {NumberText.Of(sv)} ms");
                    ctx.Flag($"{at}.times");
                }
                times = [start, sv];
                amplitudes = [a, 0];
            }
            else { times = [start]; amplitudes = [a]; }
        }
        else if (piecewise)
        {
            if (r.Has("start") || r.Has("stop"))
                ctx.Error($"{at}.{(r.Has("start") ? "start" : "stop")}", r.LineOfKey(r.Has("start") ? "start" : "stop"),
                    "start and stop go with amplitude; with times and amplitudes, put the switch-off as a final amplitude of 0");
            times = r.QuantityList("times", Dimension.Time, required: true) ?? [];
            amplitudes = r.QuantityList("amplitudes", Dimension.Current, required: true) ?? [];
        }
        else
        {
            ctx.Error($"{at}.amplitude", r.Line, "a current input needs amplitude = \"0.5 nA\" (with optional start and stop), or times = [...] and amplitudes = [...]");
        }
        return new CurrentInputSpec(name, target, times, amplitudes) { Neurons = neurons };
    }

    private static NoiseInputSpec Noise(TableReader r, string name, string target)
    {
        r.CheckKeys("kind", "name", "target", "mean", "sd", "neurons");
        var neurons = r.IntList("neurons", required: false);
        double mean = r.Quantity("mean", Dimension.Current, required: false) ?? 0;
        double sd = r.Quantity("sd", Dimension.Current, required: true) ?? 0;
        return new NoiseInputSpec(name, target, mean, sd) { Neurons = neurons };
    }

    private static SeriesInputSpec Series(TableReader r, string name, string target)
    {
        r.CheckKeys("kind", "name", "target", "series", "neurons");
        var neurons = r.IntList("neurons", required: false);
        var (series, channel) = SeriesSection.Reference(r.String("series", required: true, "the name of a [[series]] entry, optionally with .channel") ?? "");
        return new SeriesInputSpec(name, target, series, channel) { Neurons = neurons };
    }
}
