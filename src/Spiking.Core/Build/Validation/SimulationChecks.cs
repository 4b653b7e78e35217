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
        if (!(sim.Duration >= 0) || !double.IsFinite(sim.Duration)) ctx.Err("simulation.duration", $"must be >= 0 ms (got {sim.Duration})");
        if (sim.Threads < 0) ctx.Err("simulation.threads", $"must be >= 0, 0 meaning one per core (got {sim.Threads})");
    }
}
