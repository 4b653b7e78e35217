using System.Globalization;
using Spiking.Description;
using Spiking.Runtime;
using Spiking.Units;

namespace Spiking.Inputs;

/// <summary>
/// <c>current</c> (<see cref="CurrentInputSpec"/>): a current into the membrane, either constant
/// (<c>amplitude = "0.5 nA"</c> with optional <c>start</c> and <c>stop</c>) or piecewise
/// (<c>times = [...]</c> and <c>amplitudes = [...]</c>), never both.
/// </summary>
internal sealed class CurrentKind : InputKind<CurrentInputSpec>
{
    /// <summary>The one instance, as registered.</summary>
    public static CurrentKind Instance { get; } = new();

    /// <inheritdoc/>
    public override string Name => "current";

    /// <inheritdoc/>
    public override IReadOnlyList<string> Keys { get; } = ["amplitude", "start", "stop", "times", "amplitudes", "neurons"];

    /// <summary>
    /// A constant current is written as the piecewise times [start, stop] and amplitudes [a, 0] (or
    /// [start] and [a] without stop), so the lines of start/stop and amplitude are recorded under times
    /// and amplitudes, where the validator finds fault with them.
    /// </summary>
    public override CurrentInputSpec Read(string name, string target, IInputFields f)
    {
        var neurons = f.IntList("neurons", required: false);
        bool constant = f.Has("amplitude");
        bool piecewise = f.Has("times") || f.Has("amplitudes");
        IReadOnlyList<double> times = [], amplitudes = [];
        if (constant && piecewise)
        {
            f.Error("amplitude", f.LineOf("amplitude"), "give either amplitude (with start and stop) or times and amplitudes, not both");
        }
        else if (constant)
        {
            double a = f.Quantity("amplitude", Dimension.Current, required: true) ?? 0;
            double start = f.Quantity("start", Dimension.Time, required: false) ?? 0;
            double? stop = f.Quantity("stop", Dimension.Time, required: false);
            if ((f.LineOf("stop") ?? f.LineOf("start")) is { } tl) f.Record("times", tl);
            if (f.LineOf("amplitude") is { } al) f.Record("amplitudes", al);
            if (stop is { } sv)
            {
                if (!(sv > start))
                {
                    f.Error("stop", f.LineOf("stop"), $"must be after start ({Text(start)} ms), got {Text(sv)} ms");
                    f.Flag("times");
                }
                times = [start, sv];
                amplitudes = [a, 0];
            }
            else { times = [start]; amplitudes = [a]; }
        }
        else if (piecewise)
        {
            if (f.Has("start") || f.Has("stop"))
                f.Error(f.Has("start") ? "start" : "stop", f.LineOf(f.Has("start") ? "start" : "stop"),
                    "start and stop go with amplitude; with times and amplitudes, put the switch-off as a final amplitude of 0");
            times = f.QuantityList("times", Dimension.Time, required: true) ?? [];
            amplitudes = f.QuantityList("amplitudes", Dimension.Current, required: true) ?? [];
        }
        else
        {
            f.Error("amplitude", f.Line, "a current input needs amplitude = \"0.5 nA\" (with optional start and stop), or times = [...] and amplitudes = [...]");
        }
        return new CurrentInputSpec(name, target, times, amplitudes) { Neurons = neurons };
    }

    // As the model-file reader writes numbers in messages (Spiking.IO's NumberText): the shortest text that reads back.
    private static string Text(double v) => v.ToString("R", CultureInfo.InvariantCulture);

    /// <inheritdoc/>
    public override void Check(CurrentInputSpec ci, InputCheck check)
    {
        if (ci.Times.Count != ci.Amplitudes.Count) check.Error("amplitudes", $"{ci.Amplitudes.Count} amplitudes for {ci.Times.Count} times; give one amplitude per time");
        if (ci.Times.Count == 0) check.Error("amplitudes", "at least one amplitude is needed");
        for (int m = 1; m < ci.Times.Count; m++)
            if (!(ci.Times[m] > ci.Times[m - 1])) { check.Error("times", "times must be strictly increasing"); break; }
        if (ci.Times.Any(t => t < 0)) check.Error("times", "times must be >= 0 ms");
    }

    /// <inheritdoc/>
    public override void Resolve(CurrentInputSpec ci, InputResolution r)
        => r.Add(new CurrentSteps(r.Index, r.Population, ci.Times.ToArray(), ci.Times.Select(t => (long)Math.Round(t / r.Dt)).ToArray(), ci.Amplitudes.ToArray(), ci.Neurons?.ToArray()));
}
