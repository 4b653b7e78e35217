using System.Globalization;
using Spiking.IO.ModelFiles.Reading;
using Spiking.Description;
using Spiking.IO.Toml;
using Spiking.Units;

namespace Spiking.IO.ModelFiles.Sections;

/// <summary>Reads <c>[simulation]</c>: dt and duration (required), seed, threads, mode and trial.</summary>
internal static class SimulationSection
{
    /// <summary>The simulation settings; dt and duration are NaN where they could not be read.</summary>
    public static SimulationSpec Read(ReadContext ctx, TableReader top)
    {
        double dt = double.NaN;
        var simTable = top.Table("simulation", required: true, "[simulation] with dt and duration");
        if (simTable is null)
        {
            ctx.Flag("simulation");
            return new SimulationSpec(double.NaN, double.NaN);
        }
        var r = new TableReader(ctx, simTable, "simulation");
        r.CheckKeys("dt", "duration", "seed", "threads", "mode", "trial");
        // dt must carry its unit: a bare 0.1 means 0.1 s to a Brian2 user and 0.1 ms to a NEST user,
        // a factor of 1000 that would silently change every result.
        if (r.Entry("dt") is { } dtEntry && dtEntry.Value is TScalar dtScalar
            && (dtScalar.Value is long or double || (dtScalar.Value is string dts && double.TryParse(dts.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out _))))
        {
            ctx.Error("simulation.dt", dtEntry.Line, $"needs a unit, for example \"0.1 ms\"; a bare number is ambiguous (Brian2 reads seconds, NEST milliseconds)");
        }
        else
        {
            dt = r.Quantity("dt", Dimension.Time, required: true) ?? double.NaN;
        }
        double duration = r.Quantity("duration", Dimension.Time, required: true) ?? double.NaN;
        long seed = r.Integer("seed", required: false, 0, long.MaxValue, "an integer >= 0") ?? 1;
        int threads = (int)(r.Integer("threads", required: false, int.MinValue, int.MaxValue, "an integer (0 = one per core)") ?? 0);
        var mode = SimulationMode.Step;
        switch (r.String("mode", required: false, "\"step\" or \"event\""))
        {
            case null or "step": break;
            case "event": mode = SimulationMode.Event; break;
            case var other: ctx.Error("simulation.mode", r.LineOfKey("mode"), $"unknown mode '{other}'; expected \"step\" (time-stepped) or \"event\" (event-driven, exact spike times)"); break;
        }
        uint trial = (uint)(r.Integer("trial", required: false, 0, uint.MaxValue, "an integer >= 0 (0: the seed's own dynamics)") ?? 0);
        return new SimulationSpec(dt, duration, (ulong)seed, threads) { Mode = mode, Trial = trial };
    }
}
