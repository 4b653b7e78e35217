using Spiking.Description;
using Spiking.Models;

namespace Spiking.Build;

/// <summary>
/// The populations: names, sizes, models, parameters and initial values, the model's own checks, and
/// what event mode and precise spike times ask of the model. Fills <see cref="ValidationContext.Populations"/>.
/// </summary>
internal static class PopulationChecks
{
    /// <summary>Checks every population in order.</summary>
    public static void Check(ValidationContext ctx)
    {
        for (int k = 0; k < ctx.Spec.Populations.Count; k++)
        {
            var p = ctx.Spec.Populations[k];
            string at = $"populations[{k}]";
            if (CheckDeclaration(ctx, p, k, at) is not { } model) continue;
            CheckParameters(ctx, p, model, at);
            CheckMode(ctx, p, model, at);
            CheckPreciseSpikeTimes(ctx, p, model, at);
        }
    }

    /// <summary>Name, size and model; registers the population. Returns its model, or null when unknown.</summary>
    private static INeuronModel? CheckDeclaration(ValidationContext ctx, PopulationSpec p, int k, string at)
    {
        var pops = ctx.Populations;
        if (string.IsNullOrWhiteSpace(p.Name)) ctx.Err($"{at}.name", "must not be empty");
        else if (!pops.TryAdd(p.Name, new PopulationEntry(k, p, null))) ctx.Err($"{at}.name", $"population '{p.Name}' is defined twice");
        if (p.Size <= 0) ctx.Err($"{at}.size", $"must be a positive number of neurons (got {p.Size})");
        if (!ModelRegistry.TryGet(p.Model, out var model))
        {
            ctx.Err($"{at}.model", $"unknown model '{p.Model}'; known models: {string.Join(", ", ModelRegistry.Names)}");
            return null;
        }
        if (p.Name is not null && pops.ContainsKey(p.Name) && pops[p.Name].Index == k) pops[p.Name] = new PopulationEntry(k, p, model);
        return model;
    }

    /// <summary>Parameter and variable names, finite values, and the model's checks across parameters.</summary>
    private static void CheckParameters(ValidationContext ctx, PopulationSpec p, INeuronModel model, string at)
    {
        foreach (var name in p.Parameters.Keys)
            if (!model.Parameters.Any(x => x.Name == name))
                ctx.Err($"{at}.parameters.{name}", $"model '{model.Name}' has no parameter '{name}'; its parameters: {string.Join(", ", model.Parameters.Select(x => x.Name))}");
        foreach (var name in p.Initial.Keys)
            if (!model.Variables.Any(x => x.Name == name))
                ctx.Err($"{at}.initial.{name}", $"model '{model.Name}' has no state variable '{name}'; its variables: {string.Join(", ", model.Variables.Select(x => x.Name))}");
        foreach (var (name, value) in p.Parameters)
            if (!double.IsFinite(value)) ctx.Err($"{at}.parameters.{name}", $"must be a finite number (got {value})");
        if (ctx.DtOk && p.Parameters.Keys.All(n => model.Parameters.Any(x => x.Name == n)))
            foreach (var msg in model.Validate(p.Parameters, ctx.Dt))
            {
                // A message about one parameter ("tau_x must be > 0 ...") points at that parameter's line.
                var named = model.Parameters.FirstOrDefault(x => msg.StartsWith(x.Name + " ", StringComparison.Ordinal));
                ctx.Err(named is null ? $"{at}.parameters" : $"{at}.parameters.{named.Name}", msg);
            }
    }

    /// <summary>
    /// Event mode needs a model that can be advanced exactly between events; then the model checks what
    /// else it needs of the population in this mode (time constants its closed form cannot take, say).
    /// </summary>
    private static void CheckMode(ValidationContext ctx, PopulationSpec p, INeuronModel model, string at)
    {
        if (ctx.Mode == SimulationMode.Event && !model.SupportsEventDriven)
        {
            var able = ModelRegistry.Names.Where(n => ModelRegistry.TryGet(n, out var m) && m.SupportsEventDriven);
            ctx.Err($"{at}.model", $"model '{model.Name}' of population '{p.Name}' cannot be advanced exactly between events, so it cannot run in event mode; "
                + $"run it time-stepped (mode = \"step\" in [simulation], or --mode step). Models that run in event mode: {string.Join(", ", able)}");
            return;
        }
        foreach (var e in model.ValidatePopulation(p, ctx.Mode)) ctx.Err($"{at}.{e.Path}", e.Message);
    }

    /// <summary>Precise spike times need a model that can time spikes inside a step, and at most one spike per step.</summary>
    private static void CheckPreciseSpikeTimes(ValidationContext ctx, PopulationSpec p, INeuronModel model, string at)
    {
        if (p.PreciseSpikeTimes && !model.SupportsPreciseSpikeTimes)
        {
            var able = ModelRegistry.Names.Where(n => ModelRegistry.TryGet(n, out var m) && m.SupportsPreciseSpikeTimes);
            ctx.Err($"{at}.precise_spike_times", $"model '{model.Name}' of population '{p.Name}' cannot time spikes inside a step; models that can: {string.Join(", ", able)}");
        }
        // t_ref >= dt: at most one spike per neuron per step (the spike buffer and the offsets hold one).
        double dt = ctx.Dt;
        double? tref = p.Parameters.TryGetValue("t_ref", out var given) ? given : model.Parameters.FirstOrDefault(x => x.Name == "t_ref")?.Default;
        if (p.PreciseSpikeTimes && model.SupportsPreciseSpikeTimes && ctx.DtOk && tref < dt - 1e-12)
            ctx.Err($"{at}.parameters.t_ref", $"precise spike times allow at most one spike per step, so population '{p.Name}' needs t_ref >= dt ({dt} ms); got {tref} ms");
    }
}
