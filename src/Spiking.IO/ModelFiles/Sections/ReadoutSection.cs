using Spiking.Description;
using Spiking.IO.ModelFiles.Reading;
using Spiking.Tasks;
using Spiking.Units;

namespace Spiking.IO.ModelFiles.Sections;

/// <summary>
/// Reads <c>[[readouts]]</c>: a linear readout of a population trained on a [[series]] target, by
/// ridge regression (offline) or LMS, RLS or FORCE (online), with their settings.
/// </summary>
internal static class ReadoutSection
{
    /// <summary>The readouts in file order.</summary>
    public static List<ReadoutSpec> Read(ReadContext ctx, TableReader top)
    {
        var readouts = new List<ReadoutSpec>();
        foreach (var (k, t) in top.Elements("readouts"))
        {
            string at = $"readouts[{k}]";
            readouts.Add(ReadOne(ctx, new TableReader(ctx, t, at), at));
        }
        return readouts;
    }

    private static ReadoutSpec ReadOne(ReadContext ctx, TableReader r, string at)
    {
        r.CheckKeys("name", "population", "target", "shift", "washout", "train", "method", "ridge", "alpha", "learning_rate", "learn_every", "feedback", "filter_tau", "free_running");
        string name = r.String("name", required: true, "a readout name") ?? "";
        string population = r.String("population", required: true, "the name of the population read out") ?? "";
        var (targetSeries, channel) = SeriesSection.Reference(r.String("target", required: true, "the name of a [[series]] entry, optionally with .channel") ?? "");
        var method = ReadoutMethod.Ridge;
        if (r.String("method", required: false, "ridge, lms, rls or force") is { } m)
        {
            switch (m)
            {
                case "ridge": method = ReadoutMethod.Ridge; break;
                case "lms": method = ReadoutMethod.Lms; break;
                case "rls": method = ReadoutMethod.Rls; break;
                case "force": method = ReadoutMethod.Force; break;
                default: ctx.Error($"{at}.method", r.LineOfKey("method"), $"unknown method '{m}'; expected ridge, lms, rls or force"); break;
            }
        }
        return new ReadoutSpec(name, population, targetSeries, channel)
        {
            Shift = (int)(r.Integer("shift", required: false, -1_000_000, 1_000_000, "an integer number of steps") ?? 0),
            Washout = r.Quantity("washout", Dimension.Time, required: false) ?? 0,
            Train = r.Quantity("train", Dimension.Time, required: true) ?? 0,
            Method = method,
            Ridge = r.Quantity("ridge", Dimension.Dimensionless, required: false) ?? 1e-6,
            Alpha = r.Quantity("alpha", Dimension.Dimensionless, required: false) ?? 1,
            LearningRate = r.Quantity("learning_rate", Dimension.Dimensionless, required: false) ?? 1e-3,
            LearnEvery = (int)(r.Integer("learn_every", required: false, int.MinValue, int.MaxValue, "an integer number of steps") ?? 1),
            Feedback = r.String("feedback", required: false, "the name of a rate_input population"),
            FilterTau = r.Quantity("filter_tau", Dimension.Time, required: false) ?? 20,
            FreeRunning = r.Bool("free_running") ?? true,
        };
    }
}
