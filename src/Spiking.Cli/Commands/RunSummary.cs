using System.Globalization;
using Spiking.Engine;

namespace Spiking.Cli.Commands;

/// <summary>What <c>spiking run</c> prints after a run, and its progress lines.</summary>
internal static class RunSummary
{
    /// <summary>The table of populations, the totals, the timings and the readouts' scores.</summary>
    public static void Print(Network network, RunResult result, string outPath, TextWriter stdout, string? where, IReadOnlyDictionary<string, ReadoutScore>? original)
    {
        var inv = CultureInfo.InvariantCulture;
        stdout.WriteLine();
        stdout.WriteLine(string.Format(inv, "{0,-16} {1,-12} {2,10} {3,12} {4,12}", "population", "model", "neurons", "spikes", "rate (Hz)"));
        for (int p = 0; p < network.Populations.Count; p++)
        {
            var pop = network.Populations[p];
            double rate = result.SimulatedTime > 0 ? result.SpikeCounts[p] / (pop.Size * result.SimulatedTime * 1e-3) : 0;
            if (pop.Model.IsRate)
                stdout.WriteLine(string.Format(inv, "{0,-16} {1,-12} {2,10:N0} {3,12} {4,12}", pop.Spec.Name, pop.Model.Name, pop.Size, "(rate)", "-"));
            else
                stdout.WriteLine(string.Format(inv, "{0,-16} {1,-12} {2,10:N0} {3,12:N0} {4,12:F3}", pop.Spec.Name, pop.Model.Name, pop.Size, result.SpikeCounts[p], rate));
        }
        stdout.WriteLine();
        stdout.WriteLine(string.Format(inv, "neurons {0:N0}, synapses {1:N0}, synaptic events {2:N0}", network.NeuronCount, network.SynapseCount, result.SynapticEvents));
        stdout.WriteLine(string.Format(inv, "simulated {0} ms in {1:F3} s wall ({2:F2}x real time), build {3:F3} s, {4}",
            result.SimulatedTime, result.WallSeconds, result.RealTimeFactor, network.BuildSeconds,
            where ?? $"{result.Threads} thread{(result.Threads == 1 ? "" : "s")}"));
        // The event-driven engine runs one event loop and measures no phases: say nothing rather than zeros.
        bool phases = result.Profile.InputSeconds + result.Profile.UpdateSeconds + result.Profile.PropagateSeconds + result.Profile.RecordSeconds > 0;
        if (where is null && phases) stdout.WriteLine($"time per phase: {result.Profile}");
        else if (where is not null) stdout.WriteLine(string.Format(inv, "time per phase: device {0:F3} s (inputs, update and propagation: {2:N0} kernel launches, {3:F1} per step), copy-back and recording {1:F3} s",
                result.Profile.UpdateSeconds, result.Profile.RecordSeconds, result.KernelLaunches, result.Steps > 0 ? (double)result.KernelLaunches / result.Steps : 0));
        RunRecording.PrintReadouts(result.Readouts, network.Spec, original, stdout);
        stdout.WriteLine($"wrote {outPath}");
    }

    /// <summary>Progress as plain lines (about every 10% of the run) when output is not a terminal.</summary>
    public sealed class PlainProgress(TextWriter stdout) : IProgress<RunProgress>
    {
        private int _lastDecile = -1;

        public void Report(RunProgress p)
        {
            if (p.WallSeconds < 1 && p.SimulatedTime < p.TotalTime) return;
            int decile = p.TotalTime > 0 ? (int)(10 * p.SimulatedTime / p.TotalTime) : 10;
            if (decile <= _lastDecile) return;
            _lastDecile = decile;
            stdout.WriteLine(string.Format(CultureInfo.InvariantCulture, "  {0:F0}/{1:F0} ms  {2:F1} s wall  {3:F2}x real time", p.SimulatedTime, p.TotalTime, p.WallSeconds, p.RealTimeFactor));
        }
    }

    /// <summary>Synchronous IProgress (System.Progress posts to the thread pool, too late for a bar).</summary>
    public sealed class Progress(Action<RunProgress> report) : IProgress<RunProgress>
    {
        public void Report(RunProgress value) => report(value);
    }
}
