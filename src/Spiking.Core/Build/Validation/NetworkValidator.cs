using Spiking.Description;

namespace Spiking.Build;

/// <summary>
/// Checks a <see cref="NetworkSpec"/> for everything that would make it fail or mean nothing:
/// references to missing populations, receptors and variables, sizes, probabilities, delays, signs,
/// the clock, and each model's own parameter checks. Collects every error before reporting.
/// </summary>
/// <remarks>
/// Each section has its own checks (<see cref="SimulationChecks"/>, <see cref="PopulationChecks"/>, ...),
/// run in the order of the file, so errors come in the order of the sections they concern. What is
/// particular to one model or learning rule is asked of that plugin
/// (<see cref="Models.INeuronModel.ValidatePopulation"/>, <see cref="Plasticity.IPlasticityRule.CheckWeights"/>).
/// </remarks>
public static class NetworkValidator
{
    /// <summary>The largest dt accepted (ms); larger steps are almost certainly a unit mistake.</summary>
    public const double MaxDt = 10;

    /// <summary>The smallest dt accepted (ms).</summary>
    public const double MinDt = 1e-6;

    /// <summary>Returns all problems; empty when the spec can run.</summary>
    public static IReadOnlyList<ValidationError> Validate(NetworkSpec spec)
    {
        var ctx = new ValidationContext(spec);
        SimulationChecks.Check(ctx);
        PopulationChecks.Check(ctx);
        LayoutChecks.Check(ctx);
        ProjectionChecks.Check(ctx);
        InputChecks.Check(ctx);
        ReadoutChecks.CheckSeries(ctx);
        EventModeChecks.CheckStepOnlyFeatures(ctx);
        ReadoutChecks.CheckReadouts(ctx);
        MonitorChecks.Check(ctx);
        return ctx.Errors;
    }

    /// <summary>Throws <see cref="SpecException"/> with every problem, if there are any.</summary>
    public static void ThrowIfInvalid(NetworkSpec spec)
    {
        var errors = Validate(spec);
        if (errors.Count > 0) throw new SpecException(errors, spec.SourceName);
    }
}
