using Spiking.Description;
using Spiking.IO.ModelFiles.Reading;
using Spiking.Units;

namespace Spiking.IO.ModelFiles.Sections;

/// <summary>
/// Reads <c>[[monitors]]</c>: spikes, state (variables, interval, which defaults to dt), rate (bin)
/// of a population, or weights (times) of a projection.
/// </summary>
internal static class MonitorSection
{
    /// <summary>The monitors in file order; <paramref name="dt"/> is the default sampling interval of a state monitor.</summary>
    public static List<MonitorSpec> Read(ReadContext ctx, TableReader top, double dt)
    {
        var monitors = new List<MonitorSpec>();
        foreach (var (k, t) in top.Elements("monitors"))
        {
            string at = $"monitors[{k}]";
            monitors.Add(ReadOne(ctx, new TableReader(ctx, t, at), at, dt));
        }
        return monitors;
    }

    private static MonitorSpec ReadOne(ReadContext ctx, TableReader r, string at, double dt)
    {
        string? kind = r.String("kind", required: true, "spikes, state, rate or weights");
        if (kind == "weights")
        {
            r.CheckKeys("kind", "projection", "times");
            string projection = r.String("projection", required: true, "the name of the recorded projection") ?? "";
            var times = r.QuantityList("times", Dimension.Time, required: true) ?? [];
            return new WeightMonitorSpec(projection, times);
        }
        string population = r.String("population", required: true, "the name of the recorded population") ?? "";
        var neurons = r.IntList("neurons", required: false);
        switch (kind)
        {
            case "spikes":
                r.CheckKeys("kind", "population", "neurons");
                return new SpikeMonitorSpec(population) { Neurons = neurons };
            case "state":
                r.CheckKeys("kind", "population", "neurons", "variables", "interval");
                var variables = r.StringList("variables", required: true) ?? [];
                double interval = r.Quantity("interval", Dimension.Time, required: false) ?? dt;
                return new StateMonitorSpec(population, variables, interval) { Neurons = neurons };
            case "rate":
                r.CheckKeys("kind", "population", "neurons", "bin");
                double bin = r.Quantity("bin", Dimension.Time, required: true) ?? dt;
                return new RateMonitorSpec(population, bin) { Neurons = neurons };
            default:
                if (kind is not null)
                    ctx.Error($"{at}.kind", r.LineOfKey("kind"), $"unknown monitor kind '{kind}'; expected spikes, state, rate or weights");
                ctx.Flag(at);
                return new SpikeMonitorSpec(population);
        }
    }
}
