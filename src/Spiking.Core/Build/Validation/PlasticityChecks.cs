using Spiking.Description;
using Spiking.Models;
using Spiking.Plasticity;

namespace Spiking.Build;

/// <summary>
/// A projection's learning rule: the rule and its parameters and options, the activity it reads, the
/// bounds every rule shares, and what the rule itself checks (<see cref="IPlasticityRule.CheckWeights"/>,
/// <see cref="IPlasticityRule.Validate"/>, <see cref="IProjectionRequirements"/>).
/// </summary>
internal static class PlasticityChecks
{
    /// <summary>Checks <paramref name="plastic"/>, the plasticity of projection <paramref name="pr"/> at <paramref name="at"/>.</summary>
    public static void Check(ValidationContext ctx, ProjectionSpec pr, PlasticitySpec plastic, ProjectionEnds ends, string at)
    {
        CheckPlasticity(ctx, plastic, ends.PreOk ? ends.Pre.Model : null, ends.PostOk ? ends.Post.Model : null, ends.Receptor, ctx.DtOk ? ctx.Dt : double.NaN, $"{at}.plasticity");
        // Rules that need a kind of post model or a constant delay (bgrnn) say so themselves.
        if (PlasticityRegistry.TryGet(plastic.Rule, out var needy) && needy is IProjectionRequirements req
            && ends.PreOk && ends.Pre.Model is { } preModel && ends.PostOk && ends.Post.Model is { } postModel)
            foreach (var (field, message) in req.Check(pr, preModel, postModel)) ctx.Err($"{at}.{field}", message);
    }

    private static void CheckPlasticity(ValidationContext ctx, PlasticitySpec p, INeuronModel? pre, INeuronModel? post, ReceptorInfo? receptor, double dt, string at)
    {
        if (!PlasticityRegistry.TryGet(p.Rule, out var rule))
        {
            ctx.Err($"{at}.rule", $"unknown rule '{p.Rule}'; known rules: {string.Join(", ", PlasticityRegistry.Names)}");
            return;
        }
        bool ok = CheckNames(ctx, p, rule, at);
        if (pre is not null && post is not null && rule is not IProjectionRequirements) // those check the models themselves
            CheckActivity(ctx, rule, pre, post, at);
        if (!ok) return;
        CheckSettings(ctx, p, rule, receptor, dt, at);
    }

    /// <summary>Parameters and options the rule knows, with numbers and known values. Returns whether all are.</summary>
    private static bool CheckNames(ValidationContext ctx, PlasticitySpec p, IPlasticityRule rule, string at)
    {
        var known = PlasticityRegistry.ParametersOf(rule).ToList();
        bool ok = true;
        foreach (var (name, value) in p.Parameters)
        {
            if (!known.Any(x => x.Name == name))
            {
                ctx.Err($"{at}.{name}", $"rule '{rule.Name}' has no parameter '{name}'; its parameters: {string.Join(", ", known.Select(x => x.Name))}; options: {string.Join(", ", rule.Options.Select(o => o.Name))}");
                ok = false;
            }
            else if (double.IsNaN(value)) { ctx.Err($"{at}.{name}", "must be a number"); ok = false; }
        }
        foreach (var (name, value) in p.Options)
        {
            var option = rule.Options.FirstOrDefault(o => o.Name == name);
            if (option is null) { ctx.Err($"{at}.{name}", $"rule '{rule.Name}' has no option '{name}'" + (rule.Options.Count > 0 ? $"; its options: {string.Join(", ", rule.Options.Select(o => o.Name))}" : "")); ok = false; }
            else if (!option.Values.Contains(value)) { ctx.Err($"{at}.{name}", $"unknown {name} '{value}'; expected {string.Join(" or ", option.Values)}"); ok = false; }
        }
        return ok;
    }

    /// <summary>Both ends spiking or both rate units, and an activity the rule reads.</summary>
    private static void CheckActivity(ValidationContext ctx, IPlasticityRule rule, INeuronModel pre, INeuronModel post, string at)
    {
        bool preRate = pre.IsRate, postRate = post.IsRate;
        var need = preRate ? PlasticityActivity.Rates : PlasticityActivity.Spikes;
        if (preRate != postRate)
            ctx.Err($"{at}.rule", $"rule '{rule.Name}' needs both populations spiking or both rate units; this projection goes from {(preRate ? "rate" : "spiking")} model '{pre.Name}' to {(postRate ? "rate" : "spiking")} model '{post.Name}'");
        else if ((rule.Activity & need) == 0)
            ctx.Err($"{at}.rule", $"rule '{rule.Name}' works on {(need == PlasticityActivity.Rates ? "spiking populations" : "rate populations")}; models '{pre.Name}' → '{post.Name}' are {(preRate ? "rate units" : "spiking")}");
    }

    /// <summary>The shared bounds and normalisation, then the rule's own checks; those that need dt only when it is usable (NaN otherwise).</summary>
    private static void CheckSettings(ValidationContext ctx, PlasticitySpec p, IPlasticityRule rule, ReceptorInfo? receptor, double dt, string at)
    {
        var settings = new PlasticitySettings(rule, p);
        double wMin = settings["w_min"], wMax = settings["w_max"];
        if (!(wMin <= wMax)) ctx.Err($"{at}.w_max", $"must be >= w_min ({wMin}), got {wMax}");
        if (receptor is { IsConductance: true } && wMax < 0) ctx.Err($"{at}.w_max", $"receptor '{receptor.Name}' is a conductance; w_max must be >= 0 nS (got {wMax})");
        if (settings["normalize_every"] < 0) ctx.Err($"{at}.normalize_every", $"must be >= 0 ms (got {settings["normalize_every"]})");
        foreach (var (field, message) in rule.CheckWeights(settings, receptor)) ctx.Err($"{at}.{field}", message);
        if (!double.IsNaN(dt))
            foreach (var msg in rule.Validate(settings, dt)) ctx.Err(at, msg);
    }
}
