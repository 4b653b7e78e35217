using Spiking.Description;
using Spiking.Plasticity;

namespace Spiking.Build;

/// <summary>
/// What runs in the time-stepped kernel only and is refused in event mode: learning rules without an
/// event-driven form, normalisation, readouts and series inputs. (Models and noise inputs are refused
/// where they are checked, <see cref="PopulationChecks"/> and <see cref="InputChecks"/>.)
/// </summary>
internal static class EventModeChecks
{
    /// <summary>In event mode, one error per projection, readout and series input that needs steps.</summary>
    public static void CheckStepOnlyFeatures(ValidationContext ctx)
    {
        var spec = ctx.Spec;
        if (ctx.Mode != SimulationMode.Event) return;
        for (int k = 0; k < spec.Projections.Count; k++)
            if (spec.Projections[k].Plasticity is { } ps && PlasticityRegistry.TryGet(ps.Rule, out var rule) && !rule.SupportsEventDriven)
                ctx.Err($"projections[{k}].plasticity", $"rule '{rule.Name}' runs in the time-stepped kernel only; rules that run in event mode: "
                    + string.Join(", ", PlasticityRegistry.Names.Where(n => PlasticityRegistry.TryGet(n, out var r) && r.SupportsEventDriven))
                    + "; or run with mode = \"step\" (or --mode step)");
            else if (spec.Projections[k].Plasticity is { } pn && pn.Parameters.TryGetValue("normalize_every", out var every) && every > 0)
                ctx.Err($"projections[{k}].plasticity.normalize_every", "normalisation runs every so many steps in the time-stepped kernel only; remove it or run with mode = \"step\"");
        for (int k = 0; k < spec.Readouts.Count; k++)
            ctx.Err($"readouts[{k}]", "readouts are trained step by step and run in the time-stepped mode only; run with mode = \"step\" (or --mode step)");
        for (int k = 0; k < spec.Inputs.Count; k++)
            if (spec.Inputs[k] is SeriesInputSpec) ctx.Err($"inputs[{k}].kind", "series inputs give one value per step and run in the time-stepped mode only; run with mode = \"step\" (or --mode step)");
    }
}
