using Spiking.Description;

namespace Spiking.Build;

/// <summary>The [simulation] section: the clock and the thread count.</summary>
internal static class SimulationChecks
{
    /// <summary>Checks dt, duration and threads, and records in <paramref name="ctx"/> whether dt is usable.</summary>
    public static void Check(ValidationContext ctx)
    {
        var sim = ctx.Spec.Simulation;
        double dt = sim.Dt;
        ctx.DtOk = dt >= NetworkValidator.MinDt && dt <= NetworkValidator.MaxDt && double.IsFinite(dt);
        if (!ctx.DtOk) ctx.Err("simulation.dt", $"must be between {NetworkValidator.MinDt} ms and {NetworkValidator.MaxDt} ms (got {dt} ms)");
        if (!(sim.Duration >= 0) || !(sim.Duration <= NetworkValidator.MaxDuration))
            ctx.Err("simulation.duration", $"must be between 0 ms and {NetworkValidator.MaxDuration:0e0} ms (11.6 days; got {sim.Duration})");
        else if (ctx.DtOk && sim.Duration / dt > NetworkValidator.MaxSteps)
            ctx.Err("simulation.duration", $"{sim.Duration} ms at dt {dt} ms is {sim.Duration / dt:0.##e0} steps; a run takes at most {NetworkValidator.MaxSteps:0e0}");
        if (sim.Threads < 0 || sim.Threads > NetworkValidator.MaxThreads)
            ctx.Err("simulation.threads", $"must be between 0 and {NetworkValidator.MaxThreads}, 0 meaning one per core (got {sim.Threads})");
    }
}
