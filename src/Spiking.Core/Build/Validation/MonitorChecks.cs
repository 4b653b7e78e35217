using Spiking.Description;

namespace Spiking.Build;

/// <summary>The monitors: what they record, each population's spikes, state and rate at most once, and their intervals.</summary>
internal static class MonitorChecks
{
    /// <summary>Checks every monitor in order.</summary>
    public static void Check(ValidationContext ctx)
    {
        var stateMonitored = new HashSet<string>(StringComparer.Ordinal);
        var spikeMonitored = new HashSet<string>(StringComparer.Ordinal);
        var rateMonitored = new HashSet<string>(StringComparer.Ordinal);
        double dt = ctx.Dt;
        for (int k = 0; k < ctx.Spec.Monitors.Count; k++)
        {
            var m = ctx.Spec.Monitors[k];
            string at = $"monitors[{k}]";
            if (m is WeightMonitorSpec wm)
            {
                CheckWeightMonitor(ctx, wm, at);
                continue;
            }
            if (!ctx.Populations.TryGetValue(m.Population, out var pop))
            {
                ctx.Err($"{at}.population", $"no population named '{m.Population}'; populations: {ctx.PopulationNames}");
                continue;
            }
            ValueChecks.CheckNeurons(ctx, m.Neurons, pop.Spec.Size, $"{at}.neurons");
            switch (m)
            {
                case SpikeMonitorSpec:
                    if (!spikeMonitored.Add(m.Population)) ctx.Err($"{at}.population", $"spikes of '{m.Population}' are already recorded by another monitor");
                    break;
                case StateMonitorSpec sm:
                    if (!stateMonitored.Add(m.Population)) ctx.Err($"{at}.population", $"state of '{m.Population}' is already recorded by another monitor; list all variables in one");
                    if (sm.Variables.Count == 0) ctx.Err($"{at}.variables", "name at least one state variable");
                    if (pop.Model is { } model)
                        foreach (var v in sm.Variables)
                            if (!model.Variables.Any(x => x.Name == v))
                                ctx.Err($"{at}.variables", $"model '{model.Name}' has no state variable '{v}'; its variables: {string.Join(", ", model.Variables.Select(x => x.Name))}");
                    if (ctx.DtOk && !(sm.Interval >= dt - 1e-12)) ctx.Err($"{at}.interval", $"must be at least dt ({dt} ms), got {sm.Interval} ms");
                    break;
                case RateMonitorSpec rm:
                    if (!rateMonitored.Add(m.Population)) ctx.Err($"{at}.population", $"the rate of '{m.Population}' is already recorded by another monitor");
                    if (ctx.DtOk && !(rm.Bin >= dt - 1e-12)) ctx.Err($"{at}.bin", $"must be at least dt ({dt} ms), got {rm.Bin} ms");
                    break;
            }
        }
    }

    /// <summary>A weight monitor names a projection and gives increasing snapshot times.</summary>
    private static void CheckWeightMonitor(ValidationContext ctx, WeightMonitorSpec wm, string at)
    {
        if (!ctx.ProjectionNames.Contains(wm.Projection)) ctx.Err($"{at}.projection", $"no projection named '{wm.Projection}'; projections: {string.Join(", ", ctx.ProjectionNames)}");
        if (wm.Times.Count == 0) ctx.Err($"{at}.times", "give at least one snapshot time");
        for (int q = 0; q < wm.Times.Count; q++)
        {
            if (!(wm.Times[q] >= 0) || !double.IsFinite(wm.Times[q])) { ctx.Err($"{at}.times", $"times must be >= 0 ms (entry {q} is {wm.Times[q]})"); break; }
            if (q > 0 && !(wm.Times[q] > wm.Times[q - 1])) { ctx.Err($"{at}.times", "times must be strictly increasing"); break; }
        }
    }
}
