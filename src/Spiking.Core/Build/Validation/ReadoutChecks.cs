using Spiking.Description;
using Spiking.Models;
using Spiking.Tasks;

namespace Spiking.Build;

/// <summary>The time series (generators and their parameters) and the readouts trained on them.</summary>
internal static class ReadoutChecks
{
    /// <summary>Names, generators and generator parameters of every series.</summary>
    public static void CheckSeries(ValidationContext ctx)
    {
        var spec = ctx.Spec;
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (int k = 0; k < spec.Series.Count; k++)
        {
            var s = spec.Series[k];
            string at = $"series[{k}]";
            if (string.IsNullOrWhiteSpace(s.Name)) ctx.Err($"{at}.name", "must not be empty");
            else if (!names.Add(s.Name)) ctx.Err($"{at}.name", $"series '{s.Name}' is defined twice");
            if (!SeriesGenerators.All.TryGetValue(s.Generator, out var g))
            {
                ctx.Err($"{at}.generator", $"unknown generator '{s.Generator}'; known: {string.Join(", ", SeriesGenerators.All.Keys)}");
                continue;
            }
            foreach (var (key, value) in s.Parameters)
            {
                if (!g.Parameters.ContainsKey(key))
                    ctx.Err($"{at}.{key}", $"generator '{g.Name}' has no parameter '{key}'; its parameters: {(g.Parameters.Count == 0 ? "(none)" : string.Join(", ", g.Parameters.Keys))}");
                else if (!double.IsFinite(value)) ctx.Err($"{at}.{key}", "must be a finite number");
                // Delays, steps, periods and divisors of the generators: zero or negative has no meaning.
                else if (key is "tau" or "h" or "period" or "scale" && !(value > 0)) ctx.Err($"{at}.{key}", $"must be > 0 (got {value})");
                else if (key is "transient" && !(value >= 0)) ctx.Err($"{at}.{key}", $"must be >= 0 (got {value})");
            }
        }
    }

    /// <summary>Every readout: its population, target series and channel, windows, training constants and feedback.</summary>
    public static void CheckReadouts(ValidationContext ctx)
    {
        var spec = ctx.Spec;
        var readoutNames = new HashSet<string>(StringComparer.Ordinal);
        for (int k = 0; k < spec.Readouts.Count; k++)
        {
            var r = spec.Readouts[k];
            string at = $"readouts[{k}]";
            if (string.IsNullOrWhiteSpace(r.Name)) ctx.Err($"{at}.name", "must not be empty");
            else if (!readoutNames.Add(r.Name)) ctx.Err($"{at}.name", $"readout '{r.Name}' is defined twice");
            if (!ctx.Populations.ContainsKey(r.Population)) ctx.Err($"{at}.population", $"no population named '{r.Population}'; populations: {ctx.PopulationNames}");
            var target = spec.Series.FirstOrDefault(x => x.Name == r.Target);
            if (target is null) ctx.Err($"{at}.target", $"no series named '{r.Target}'; series: {(spec.Series.Count == 0 ? "(none)" : string.Join(", ", spec.Series.Select(x => x.Name)))}");
            else if (SeriesGenerators.All.TryGetValue(target.Generator, out var g) && !g.Channels.Contains(r.Channel))
                ctx.Err($"{at}.target", $"series '{r.Target}' ({target.Generator}) has no channel '{r.Channel}'; its channels: {string.Join(", ", g.Channels)}");
            CheckTraining(ctx, r, at);
            CheckFeedback(ctx, r, at);
        }
    }

    /// <summary>Washout and training windows, ridge, learning constants and the filter.</summary>
    private static void CheckTraining(ValidationContext ctx, ReadoutSpec r, string at)
    {
        double dt = ctx.Dt;
        if (!(r.Washout >= 0)) ctx.Err($"{at}.washout", $"must be >= 0 ms (got {r.Washout})");
        if (!(r.Train >= r.Washout)) ctx.Err($"{at}.train", $"the end of training ({r.Train} ms) must not come before the washout ({r.Washout} ms)");
        if (!(r.Ridge >= 0) || !double.IsFinite(r.Ridge)) ctx.Err($"{at}.ridge", $"must be >= 0 (got {r.Ridge})");
        if (!(r.Alpha > 0) || !double.IsFinite(r.Alpha)) ctx.Err($"{at}.alpha", $"must be > 0 (got {r.Alpha})");
        if (!(r.LearningRate > 0) || !double.IsFinite(r.LearningRate)) ctx.Err($"{at}.learning_rate", $"must be > 0 (got {r.LearningRate})");
        if (r.LearnEvery < 1) ctx.Err($"{at}.learn_every", $"must be at least 1 step (got {r.LearnEvery})");
        if (!(r.FilterTau >= dt) || !double.IsFinite(r.FilterTau)) ctx.Err($"{at}.filter_tau", $"must be at least dt ({dt} ms), got {r.FilterTau} ms");
    }

    /// <summary>Force needs feedback; the feedback is one unit of a model that takes it (<see cref="INeuronModel.TakesFeedback"/>).</summary>
    private static void CheckFeedback(ValidationContext ctx, ReadoutSpec r, string at)
    {
        string takers = string.Join(", ", ModelRegistry.Names.Where(n => ModelRegistry.TryGet(n, out var m) && m.TakesFeedback));
        if (r.Method == ReadoutMethod.Force && r.Feedback is null)
            ctx.Err($"{at}.feedback", $"method force needs feedback = \"POPULATION\", a {takers} population of one unit that carries the output back");
        if (r.Feedback is null) return;
        if (!ctx.Populations.TryGetValue(r.Feedback, out var fb)) ctx.Err($"{at}.feedback", $"no population named '{r.Feedback}'; populations: {ctx.PopulationNames}");
        else if (fb.Model is not { TakesFeedback: true } || fb.Spec.Size != 1) ctx.Err($"{at}.feedback", $"population '{r.Feedback}' must be one {takers} unit (it is {fb.Spec.Size} × {fb.Model?.Name ?? "?"})");
    }
}
