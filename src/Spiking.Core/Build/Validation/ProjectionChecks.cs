using Spiking.Description;
using Spiking.Models;

namespace Spiking.Build;

/// <summary>
/// The populations a projection joins, as found by name, and the receptor it feeds.
/// </summary>
/// <param name="PreOk">Whether a population is named <see cref="ProjectionSpec.Pre"/>; <paramref name="Pre"/> is default otherwise.</param>
/// <param name="Pre">The presynaptic population.</param>
/// <param name="PostOk">Whether a population is named <see cref="ProjectionSpec.Post"/>; <paramref name="Post"/> is default otherwise.</param>
/// <param name="Post">The postsynaptic population.</param>
/// <param name="Receptor">The receptor of the post model that the projection feeds; null when the post population, its model or the receptor is unknown.</param>
internal readonly record struct ProjectionEnds(bool PreOk, PopulationEntry Pre, bool PostOk, PopulationEntry Post, ReceptorInfo? Receptor);

/// <summary>
/// The projections: names, ends and receptor, connector, weights and delays, spectral radius and
/// plasticity. Fills <see cref="ValidationContext.ProjectionNames"/>.
/// </summary>
internal static class ProjectionChecks
{
    /// <summary>Checks every projection in order.</summary>
    public static void Check(ValidationContext ctx)
    {
        for (int k = 0; k < ctx.Spec.Projections.Count; k++)
        {
            var pr = ctx.Spec.Projections[k];
            string at = $"projections[{k}]";
            var ends = CheckEnds(ctx, pr, at);
            ConnectorChecks.Check(ctx, pr, ends, at);
            ValueChecks.CheckValue(ctx, pr.Weight, $"{at}.weight");
            ValueChecks.CheckValue(ctx, pr.Delay, $"{at}.delay");
            CheckDelay(ctx, pr, ends, at);
            CheckSpectralRadius(ctx, pr, at);
            if (pr.Plasticity is { } plastic) PlasticityChecks.Check(ctx, pr, plastic, ends, at);
            CheckWeightSign(ctx, pr, ends.Receptor, at);
        }
    }

    /// <summary>Name, pre and post populations, and the receptor of the post model.</summary>
    private static ProjectionEnds CheckEnds(ValidationContext ctx, ProjectionSpec pr, string at)
    {
        if (string.IsNullOrWhiteSpace(pr.Name)) ctx.Err($"{at}.name", "must not be empty");
        else if (!ctx.ProjectionNames.Add(pr.Name)) ctx.Err($"{at}.name", $"projection '{pr.Name}' is defined twice");
        bool preOk = ctx.Populations.TryGetValue(pr.Pre, out var pre);
        bool postOk = ctx.Populations.TryGetValue(pr.Post, out var post);
        if (!preOk) ctx.Err($"{at}.pre", $"no population named '{pr.Pre}'; populations: {ctx.PopulationNames}");
        if (!postOk) ctx.Err($"{at}.post", $"no population named '{pr.Post}'; populations: {ctx.PopulationNames}");
        ReceptorInfo? receptor = null;
        if (postOk && post.Model is { } pm)
        {
            receptor = pm.Receptors.FirstOrDefault(r => r.Name == pr.Receptor);
            if (receptor is null) ctx.Err($"{at}.receptor", $"model '{pm.Name}' of population '{pr.Post}' has no receptor '{pr.Receptor}'; its receptors: {string.Join(", ", pm.Receptors.Select(r => r.Name))}");
        }
        return new ProjectionEnds(preOk, pre, postOk, post, receptor);
    }

    /// <summary>Delays: not negative, within the delay buffer, a step at least onto a step-end receptor, on the grid onto timed input.</summary>
    private static void CheckDelay(ValidationContext ctx, ProjectionSpec pr, ProjectionEnds ends, string at)
    {
        double dt = ctx.Dt;
        bool dtOk = ctx.DtOk;
        var receptor = ends.Receptor;
        if (pr.Delay.Min < 0) ctx.Err($"{at}.delay", $"must be >= 0 ms (got a minimum of {pr.Delay.Min} ms)");
        // A normal delay (with min, else its Min is −∞ and refused above) is checked at its mean + 10 sd: a draw beyond has probability below 1e-23.
        double delayMax = pr.Delay is NormalValue nd ? Math.Min(nd.High, nd.Mean + 10 * nd.StandardDeviation) : pr.Delay.Max;
        if (dtOk && delayMax / dt > ushort.MaxValue) ctx.Err($"{at}.delay", $"at most {ushort.MaxValue} steps ({ushort.MaxValue * dt} ms) is supported");
        if (receptor is { ActsAtStepEnd: true } && dtOk && pr.Delay.Min < dt - 1e-12)
            ctx.Err($"{at}.delay", $"receptor '{receptor.Name}' of model '{ends.Post.Model!.Name}' applies input at the end of a step, so the delay must be at least one step ({dt} ms); got {pr.Delay.Min} ms");
        // Onto a model with timed input a projection that breaks these rules is delivered on the grid instead (Network.Build).
        if (ends.PostOk && ends.Post.Model is { SupportsTimedInput: true } && ends.Post.Spec.PreciseSpikeTimes && receptor is { ActsAtStepEnd: true } && dtOk
            && ctx.Mode == SimulationMode.Step)
        {
            // Offsets travel unchanged through whole-step delays; a delay off the grid would have to be rounded.
            if (pr.Delay is not ConstantValue cd)
                ctx.Err($"{at}.delay", $"projection '{pr.Name}' targets population '{pr.Post}', which has precise spike times; its delay must be one constant that is a multiple of dt ({dt} ms), not a distribution (run event mode, --mode event, for continuous per-synapse delays)");
            else if (Math.Abs(cd.Value / dt - Math.Round(cd.Value / dt)) > 1e-9 * Math.Max(1, cd.Value / dt))
                ctx.Err($"{at}.delay", $"projection '{pr.Name}' targets population '{pr.Post}', which has precise spike times; its delay must be a multiple of dt ({dt} ms), got {cd.Value} ms (nearest: {Math.Round(cd.Value / dt) * dt} ms; or run event mode, --mode event, for continuous delays)");
        }
    }

    /// <summary>A spectral radius rescales the weights of a recurrent, undelayed projection.</summary>
    private static void CheckSpectralRadius(ValidationContext ctx, ProjectionSpec pr, string at)
    {
        if (pr.SpectralRadius is not { } rho) return;
        if (!(rho > 0) || !double.IsFinite(rho)) ctx.Err($"{at}.spectral_radius", $"must be a positive number (got {rho})");
        if (pr.Pre != pr.Post) ctx.Err($"{at}.spectral_radius", $"applies only to a recurrent projection (pre = post); this one goes from '{pr.Pre}' to '{pr.Post}'");
        if (pr.Delay.Max > 0) ctx.Err($"{at}.spectral_radius", "applies only to undelayed projections (delay 0 ms), where the weights alone are the recurrent matrix");
    }

    /// <summary>Weights against the declared sign and a conductance receptor.</summary>
    private static void CheckWeightSign(ValidationContext ctx, ProjectionSpec pr, ReceptorInfo? receptor, string at)
    {
        // Bounded weight specs must respect the sign; normal draws that cross it are clipped at 0 when built.
        bool bounded = pr.Weight is not NormalValue { IsTruncated: false };
        bool conductance = receptor?.IsConductance ?? false;
        if (bounded && conductance && pr.Weight.Min < 0)
            ctx.Err($"{at}.weight", $"receptor '{receptor!.Name}' is a conductance, so weights must be >= 0 nS (got a minimum of {pr.Weight.Min}); inhibition comes from the receptor's reversal potential");
        else if (bounded && pr.Sign == SynapseSign.Excitatory && pr.Weight.Min < 0)
            ctx.Err($"{at}.weight", $"projection is declared excitatory but its weights can be negative (minimum {pr.Weight.Min})");
        else if (bounded && pr.Sign == SynapseSign.Inhibitory && !conductance && pr.Weight.Max > 0)
            ctx.Err($"{at}.weight", $"projection is declared inhibitory but its weights can be positive (maximum {pr.Weight.Max}); current- and voltage-based inhibition needs weights <= 0");
    }
}
