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

    /// <summary>The longest simulated time accepted (ms): 10^9 ms, 11.6 days; longer is almost certainly a unit mistake.</summary>
    public const double MaxDuration = 1e9;

    /// <summary>The most steps one run may take (10^12): a step count past it cannot finish in any lifetime.</summary>
    public const double MaxSteps = 1e12;

    /// <summary>The most worker threads accepted in a model file.</summary>
    public const int MaxThreads = 1024;

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
        // Past these limits the network cannot be built on any machine (memory on this one is the caller's: NetworkSize.Check).
        foreach (var e in NetworkSize.CheckLimits(spec)) ctx.Err(e.Path, e.Message);
        return ctx.Errors;
    }

    /// <summary>Throws <see cref="SpecException"/> with every problem, if there are any.</summary>
    public static void ThrowIfInvalid(NetworkSpec spec)
    {
        var errors = Validate(spec);
        if (errors.Count > 0) throw new SpecException(errors, spec.SourceName);
    }
}
