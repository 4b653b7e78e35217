using System.Globalization;
using Spiking.Analysis;
using Spiking.IO.Hdf5;

namespace Spiking.Cli.Commands;

/// <summary>
/// <c>spiking info FILE</c>: what a run was (model, seed, clock, engine, timings) and, per spike
/// population, neurons recorded, spikes, mean rate, mean CV of inter-spike intervals and the
/// synchrony index χ (2 ms bins), over the whole simulated time or, with <c>--from T</c>, over the time
/// after T (the PD14 protocol discards the first 500 ms); a legend of the columns; the readouts' stored
/// scores. The window is closed at the end, so the counts are those <c>spiking run</c> printed. A
/// bgG-RNN output is described by the frames it learned from (it has no simulated time).
/// </summary>
public static class InfoCommand
{
    /// <summary>Bin (ms) of the synchrony index.</summary>
    public const double SynchronyBin = 2;

    /// <summary>Prints the summary of <paramref name="file"/>; 0 on success, 2 when the file is missing or unreadable.</summary>
    public static int Execute(string file, TextWriter stdout, TextWriter stderr, string? from = null)
    {
        var inv = CultureInfo.InvariantCulture;
        double? analyseFrom = null;
        if (from is not null)
        {
            if (!Units.Quantity.TryParse(from, Units.Dimension.Time, out var f, out var why) || !(f >= 0))
            {
                stderr.WriteLine($"error: --from expects a time such as \"500 ms\" (a bare number is ms): {(why.Length > 0 ? why : $"got {from}")}");
                return ExitCodes.BadInput;
            }
            analyseFrom = f;
        }
        try
        {
            using var results = Hdf5Results.Open(file);
            var spikes = results.SpikePopulations.Select(results.ReadSpikes).ToArray();

            bool bgrnn = results.GetString("kind") == BgRnnOutput.Kind;
            double start = results.GetDouble("t_start") ?? 0;
            double duration = results.GetDouble("duration")
                ?? (spikes.Any(s => s.Count > 0) ? spikes.Where(s => s.Count > 0).Max(s => s.Timestamps.Max()) - start : 0);
            double end = start + duration;
            if (analyseFrom is { } af && af >= end)
            {
                stderr.WriteLine(string.Format(inv, "error: --from {0:G10} ms is not before the end of the recording ({1:G10} ms)", af, end));
                return ExitCodes.BadInput;
            }

            void Line(string name, string? value)
            {
                if (!string.IsNullOrEmpty(value)) stdout.WriteLine(string.Format(inv, "{0,-14} {1}", name, value));
            }
            string? Num(string name, string format, string unit = "")
                => results.GetDouble(name) is { } v ? v.ToString(format, inv) + unit : null;

            Line("file", file);
            string? software = results.GetString("software");
            Line("software", software is null ? null : $"{software} {results.GetString("software_version") ?? results.GetString("version")}".TrimEnd());
            Line("model file", results.GetString("model_file"));
            Line("created", results.GetString("created"));
            Line("seed", results.GetUInt64("seed")?.ToString(inv));
            Line("dt", Num("dt", "G6", " ms"));
            if (bgrnn) InfoSections.BgRnn(results, Line); // no simulated time: it learns from frames
            else Line("duration", duration.ToString("G10", inv) + " ms" + (start != 0 ? string.Format(inv, " (from {0:G10} ms)", start) : ""));
            string? backend = results.GetString("backend");
            if (backend is not null)
            {
                string? mode = results.GetString("mode");
                long? threads = results.GetInt64("threads");
                Line("backend", backend + (mode is null ? "" : $" ({mode})") + (threads is { } t ? $", {t} thread{(t == 1 ? "" : "s")}" : ""));
            }
            if (results.GetDouble("wall_time_s") is { } wall)
            {
                string rtf = wall > 0 ? string.Format(inv, ", {0:F2}x real time", duration * 1e-3 / wall) : "";
                string build = results.GetDouble("build_time_s") is { } b ? string.Format(inv, ", build {0:F3} s", b) : "";
                Line("wall time", string.Format(inv, "{0:F3} s{1}{2}", wall, rtf, build));
            }
            if (results.GetInt64("n_neurons") is { } neurons)
                Line("network", string.Format(inv, "{0:N0} neurons, {1:N0} synapses", neurons, results.GetInt64("n_synapses") ?? 0));

            if (analyseFrom is { } a && a > start)
            {
                Line("statistics", string.Format(inv, "from {0:G10} ms to {1:G10} ms", a, end));
                start = a;
            }

            stdout.WriteLine();
            if (spikes.Length == 0)
            {
                if (!bgrnn) stdout.WriteLine("no spike recordings");
                InfoSections.Readouts(results, stdout);
                return ExitCodes.Ok;
            }
            stdout.WriteLine(string.Format(inv, "{0,-16} {1,10} {2,12} {3,10} {4,8} {5,10}", "population", "neurons", "spikes", "rate (Hz)", "CV ISI", "synchrony"));
            foreach (var s in spikes)
            {
                var ids = s.NodeIdsAsInt32();
                int bound = s.IdBound;
                double chi = SpikeStatistics.Synchrony(s.Timestamps, ids, bound, start, end, SynchronyBin);
                // The window is closed at the end: a spike stamped at exactly the end time belongs to the
                // run (run counts it), so it is counted, and in the rate, as run's summary does.
                long inWindow = 0;
                foreach (var t in s.Timestamps) if (t >= start && t <= end) inWindow++;
                double rate = s.Recorded > 0 && end > start ? inWindow / (s.Recorded * (end - start) * 1e-3) : 0;
                double past = Math.BitIncrement(end);
                double cv = SpikeStatistics.MeanCvIsi(s.Timestamps, ids, bound, start, past);
                stdout.WriteLine(string.Format(inv, "{0,-16} {1,10:N0} {2,12:N0} {3,10:F3} {4,8} {5,10}",
                    s.Population, s.Recorded, inWindow, rate, Format(cv), Format(chi)));
            }
            stdout.WriteLine();
            stdout.WriteLine("CV ISI: mean over neurons with 3 or more spikes of sd/mean of their inter-spike intervals");
            stdout.WriteLine(string.Format(inv, InfoSections.SynchronyLegend, SynchronyBin));
            InfoSections.Readouts(results, stdout);
            return ExitCodes.Ok;
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or InvalidDataException or IOException
                                      or UnauthorizedAccessException or KeyNotFoundException or OverflowException)
        {
            stderr.WriteLine($"error: cannot read {file}: {Message(e, file)}");
            return ExitCodes.BadInput;
        }
    }

    private static string Format(double v) => double.IsNaN(v) ? "-" : v.ToString("F3", CultureInfo.InvariantCulture);

    /// <summary>The exception's message without a repeated file name at its start.</summary>
    internal static string Message(Exception e, string file)
    {
        string m = e.Message;
        string prefix = file + ": ";
        return m.StartsWith(prefix, StringComparison.Ordinal) ? m[prefix.Length..] : m;
    }
}
