using Spiking.Description;
using Spiking.Models;
using Spiking.Tasks;

namespace Spiking.Build;

/// <summary>The inputs: name, target, neurons and receptor, then what each kind of input asks.</summary>
internal static class InputChecks
{
    /// <summary>Checks every input in order.</summary>
    public static void Check(ValidationContext ctx)
    {
        var inputNames = new HashSet<string>(StringComparer.Ordinal);
        for (int k = 0; k < ctx.Spec.Inputs.Count; k++)
        {
            var input = ctx.Spec.Inputs[k];
            string at = $"inputs[{k}]";
            if (string.IsNullOrWhiteSpace(input.Name)) ctx.Err($"{at}.name", "must not be empty");
            else if (!inputNames.Add(input.Name)) ctx.Err($"{at}.name", $"input '{input.Name}' is defined twice");
            if (!ctx.Populations.TryGetValue(input.Target, out var target))
            {
                ctx.Err($"{at}.target", $"no population named '{input.Target}'; populations: {ctx.PopulationNames}");
                continue;
            }
            var receptor = CheckTarget(ctx, input, target, at);
            switch (input)
            {
                case PoissonInputSpec pi: CheckPoisson(ctx, pi, receptor, at); break;
                case SpikeTimesInputSpec st: CheckSpikeTimes(ctx, st, target, receptor, at); break;
                case CurrentInputSpec ci: CheckCurrent(ctx, ci, at); break;
                case NoiseInputSpec ni: CheckNoise(ctx, ni, at); break;
                case SeriesInputSpec si: CheckSeries(ctx, si, at); break;
            }
        }
    }

    /// <summary>Listed neurons, each once for drawn inputs, and the receptor of the target's model. Returns the receptor, or null.</summary>
    private static ReceptorInfo? CheckTarget(ValidationContext ctx, InputSpec input, PopulationEntry target, string at)
    {
        ValueChecks.CheckNeurons(ctx, input.Neurons, target.Spec.Size, $"{at}.neurons");
        if (input is PoissonInputSpec or NoiseInputSpec && input.Neurons is { } listed && listed.GroupBy(i => i).FirstOrDefault(g => g.Count() > 1) is { } twice)
            ctx.Err($"{at}.neurons", $"neuron {twice.Key} is listed twice: each listed neuron draws once per step from its own random stream, so a second entry would repeat the same draw, not add an independent one; for more input raise {(input is PoissonInputSpec ? "rate or count" : "sd or mean")}, or add a second input");
        string? receptorName = input switch { PoissonInputSpec pi => pi.Receptor, SpikeTimesInputSpec st => st.Receptor, _ => null };
        ReceptorInfo? receptor = null;
        if (receptorName is not null && target.Model is { } tm)
        {
            receptor = tm.Receptors.FirstOrDefault(r => r.Name == receptorName);
            if (receptor is null) ctx.Err($"{at}.receptor", $"model '{tm.Name}' has no receptor '{receptorName}'; its receptors: {string.Join(", ", tm.Receptors.Select(r => r.Name))}");
        }
        return receptor;
    }

    private static void CheckPoisson(ValidationContext ctx, PoissonInputSpec pi, ReceptorInfo? receptor, string at)
    {
        if (!(pi.Rate >= 0) || !double.IsFinite(pi.Rate)) ctx.Err($"{at}.rate", $"must be >= 0 Hz (got {pi.Rate})");
        if (pi.Count < 1) ctx.Err($"{at}.count", $"must be at least 1 source per neuron (got {pi.Count})");
        if (!double.IsFinite(pi.Weight)) ctx.Err($"{at}.weight", "must be a finite number");
        if (receptor is { IsConductance: true } && pi.Weight < 0) ctx.Err($"{at}.weight", $"receptor '{receptor.Name}' is a conductance, so the weight must be >= 0 nS");
        if (ctx.DtOk && pi.Rate * pi.Count * ctx.Dt * 1e-3 > 1e6) ctx.Err($"{at}.rate", "rate × count × dt is above 10^6 spikes per step");
    }

    private static void CheckSpikeTimes(ValidationContext ctx, SpikeTimesInputSpec st, PopulationEntry target, ReceptorInfo? receptor, string at)
    {
        double dt = ctx.Dt;
        if (st.SpikeNeurons.Count != st.SpikeTimes.Count) ctx.Err($"{at}.times", $"{st.SpikeTimes.Count} times for {st.SpikeNeurons.Count} neurons; give one neuron per time");
        for (int m = 0; m < st.SpikeTimes.Count; m++)
            if (!(st.SpikeTimes[m] >= 0)) { ctx.Err($"{at}.times", $"spike times must be >= 0 ms (entry {m} is {st.SpikeTimes[m]})"); break; }
        bool timed = target.Model is { SupportsTimedInput: true } && target.Spec.PreciseSpikeTimes && ctx.Mode == SimulationMode.Step;
        if (receptor is { ActsAtStepEnd: true } && ctx.DtOk && !timed && st.SpikeTimes.Any(t => t < dt))
            ctx.Err($"{at}.times", $"receptor '{receptor.Name}' applies input at the end of a step, so spike times must be >= dt ({dt} ms)");
        if (timed && receptor is { ActsAtStepEnd: true } && st.SpikeTimes.Any(t => t <= 0))
            ctx.Err($"{at}.times", $"population '{st.Target}' has precise spike times, which take inputs in (0, T]: spike times must be > 0 ms");
        ValueChecks.CheckNeurons(ctx, st.SpikeNeurons, target.Spec.Size, $"{at}.neurons");
    }

    private static void CheckCurrent(ValidationContext ctx, CurrentInputSpec ci, string at)
    {
        if (ci.Times.Count != ci.Amplitudes.Count) ctx.Err($"{at}.amplitudes", $"{ci.Amplitudes.Count} amplitudes for {ci.Times.Count} times; give one amplitude per time");
        if (ci.Times.Count == 0) ctx.Err($"{at}.amplitudes", "at least one amplitude is needed");
        for (int m = 1; m < ci.Times.Count; m++)
            if (!(ci.Times[m] > ci.Times[m - 1])) { ctx.Err($"{at}.times", "times must be strictly increasing"); break; }
        if (ci.Times.Any(t => t < 0)) ctx.Err($"{at}.times", "times must be >= 0 ms");
    }

    private static void CheckNoise(ValidationContext ctx, NoiseInputSpec ni, string at)
    {
        if (!double.IsFinite(ni.Mean)) ctx.Err($"{at}.mean", $"must be a finite current (got {ni.Mean})");
        if (!(ni.StandardDeviation >= 0) || !double.IsFinite(ni.StandardDeviation)) ctx.Err($"{at}.sd", $"must be >= 0 nA (got {ni.StandardDeviation})");
        if (ctx.Mode == SimulationMode.Event) ctx.Err($"{at}.kind", "noise inputs draw a current per step and run in the time-stepped mode only; run with mode = \"step\" (or --mode step)");
    }

    private static void CheckSeries(ValidationContext ctx, SeriesInputSpec si, string at)
    {
        var series = ctx.Spec.Series;
        var known = series.FirstOrDefault(x => x.Name == si.Series);
        if (known is null) ctx.Err($"{at}.series", $"no series named '{si.Series}'; series: {(series.Count == 0 ? "(none)" : string.Join(", ", series.Select(x => x.Name)))}");
        else if (SeriesGenerators.All.TryGetValue(known.Generator, out var g) && !g.Channels.Contains(si.Channel))
            ctx.Err($"{at}.series", $"series '{si.Series}' ({known.Generator}) has no channel '{si.Channel}'; its channels: {string.Join(", ", g.Channels)}");
    }
}
