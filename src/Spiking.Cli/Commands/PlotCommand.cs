using System.Globalization;
using ScottPlot;
using Spiking.IO.Hdf5;

namespace Spiking.Cli.Commands;

/// <summary>
/// <c>spiking plot FILE --raster OUT</c>: a spike raster (time against neuron, one colour and band per
/// population; at most a given number of neurons each, sampled evenly across the population and labelled
/// with their indices and "N of M shown") above the population rates (Hz) in bins of <c>--bin</c> ms
/// (default 5 ms, 1 ms for runs shorter than 250 ms). OUT ends in .png, .svg or .pdf.
/// </summary>
public static class PlotCommand
{
    /// <summary>Neurons drawn per population when not told otherwise.</summary>
    public const int DefaultMaxNeurons = 500;

    /// <summary>Size of the figure in pixels (points in a PDF).</summary>
    public const int Width = 1200, Height = 800;

    /// <summary>
    /// Draws <paramref name="file"/> to <paramref name="output"/>; 0 on success, 2 when the file is missing or
    /// unreadable or the arguments are bad. <paramref name="bin"/> is the rate bin as a time ("3 ms"; a bare
    /// number is ms), null for the default.
    /// </summary>
    public static int Execute(string file, string output, int? maxNeurons, string? bin, TextWriter stdout, TextWriter stderr)
        => Execute(file, output, maxNeurons, bin, null, null, stdout, stderr);

    /// <summary>
    /// As <see cref="Execute(string, string, int?, string?, TextWriter, TextWriter)"/>, drawing only the time from
    /// <paramref name="from"/> to <paramref name="to"/> (times such as "100 ms"; null: the recording's start or end):
    /// a window is how a fast rhythm (Brunel's SR state, a 3 ms period) becomes visible.
    /// </summary>
    public static int Execute(string file, string output, int? maxNeurons, string? bin, string? from, string? to, TextWriter stdout, TextWriter stderr)
    {
        int max = maxNeurons ?? DefaultMaxNeurons;
        if (max < 1)
        {
            stderr.WriteLine($"error: --max-neurons must be at least 1, got {max}");
            return ExitCodes.BadInput;
        }
        double? binMs = null;
        if (bin is not null)
        {
            if (!Units.Quantity.TryParse(bin, Units.Dimension.Time, out var b, out var why) || !(b > 0) || double.IsInfinity(b))
            {
                stderr.WriteLine($"error: --bin expects a positive time such as \"3 ms\" (a bare number is ms): {(why.Length > 0 ? why : $"got {bin}")}");
                return ExitCodes.BadInput;
            }
            binMs = b;
        }
        double? fromMs = null, toMs = null;
        foreach (var (option, text) in new[] { ("--from", from), ("--to", to) })
        {
            if (text is null) continue;
            if (!Units.Quantity.TryParse(text, Units.Dimension.Time, out var t, out var why) || !double.IsFinite(t))
            {
                stderr.WriteLine($"error: {option} expects a time such as \"100 ms\" (a bare number is ms): {(why.Length > 0 ? why : $"got {text}")}");
                return ExitCodes.BadInput;
            }
            if (option == "--from") fromMs = t; else toMs = t;
        }
        if (!FigureFile.CheckDestination(output, "--raster", stderr)) return ExitCodes.BadInput;

        SpikeData[] spikes;
        double start, end, dt;
        string title;
        try
        {
            using var results = Hdf5Results.Open(file);
            spikes = results.SpikePopulations.Select(results.ReadSpikes).ToArray();
            start = results.GetDouble("t_start") ?? 0;
            dt = results.GetDouble("dt") ?? 0;
            double? duration = results.GetDouble("duration");
            end = duration is { } d ? start + d
                : spikes.Any(s => s.Count > 0) ? spikes.Where(s => s.Count > 0).Max(s => s.Timestamps.Max()) : start + 1;
            title = Title(results, file);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or InvalidDataException or IOException
                                      or UnauthorizedAccessException or KeyNotFoundException or OverflowException)
        {
            stderr.WriteLine($"error: cannot read {file}: {InfoCommand.Message(e, file)}");
            return ExitCodes.BadInput;
        }
        if (spikes.Length == 0)
        {
            stderr.WriteLine($"error: {file} holds no spike recordings (/spikes)");
            return ExitCodes.BadInput;
        }
        if (!(end > start)) end = start + 1;
        if (fromMs is not null || toMs is not null)
        {
            double f = fromMs ?? start, t = toMs ?? end;
            if (!(f >= start && t <= end && t > f))
            {
                stderr.WriteLine(string.Format(CultureInfo.InvariantCulture, "error: --from {0:G6} ms --to {1:G6} ms: expected a window inside the recording, {2:G6} to {3:G6} ms, with --from before --to", f, t, start, end));
                return ExitCodes.BadInput;
            }
            (start, end) = (f, t);
        }
        double width = binMs ?? RateBin(end - start);
        if (binMs is { } chosen)
        {
            if (dt > 0 && chosen < dt * (1 - 1e-9))
            {
                stderr.WriteLine(string.Format(CultureInfo.InvariantCulture, "error: --bin {0:G6} ms is shorter than the run's time step dt = {1:G6} ms; spikes lie on that grid", chosen, dt));
                return ExitCodes.BadInput;
            }
            if (chosen > end - start)
            {
                stderr.WriteLine(string.Format(CultureInfo.InvariantCulture, "error: --bin {0:G6} ms is longer than the recording ({1:G6} ms)", chosen, end - start));
                return ExitCodes.BadInput;
            }
            if ((end - start) / chosen > MaxBins)
            {
                stderr.WriteLine(string.Format(CultureInfo.InvariantCulture, "error: --bin {0:G6} ms gives more than {1:N0} bins over {2:G6} ms; choose a wider bin", chosen, MaxBins, end - start));
                return ExitCodes.BadInput;
            }
        }

        var figure = RasterFigure.Draw(spikes, start, end, max, width, title);
        return FigureFile.Write(output, figure, Width, Height, stdout, stderr);
    }

    /// <summary>Most rate bins a raster draws (a line per bin is still readable at a million; more is a typo).</summary>
    public const int MaxBins = 1_000_000;

    /// <summary>Default bin (ms) of the rate trace for a run of <paramref name="duration"/> ms.</summary>
    public static double RateBin(double duration) => duration < 250 ? 1 : 5;

    /// <summary>"model.toml  (seed 1, dt 0.1 ms)", from the root attributes of an output file.</summary>
    public static string Title(Hdf5Results results, string file)
    {
        string model = results.GetString("model_file") is { Length: > 0 } m ? Path.GetFileName(m) : Path.GetFileName(file);
        return string.Format(CultureInfo.InvariantCulture, "{0}  (seed {1}, dt {2} ms)", model,
            results.GetUInt64("seed")?.ToString(CultureInfo.InvariantCulture) ?? "?", results.GetDouble("dt")?.ToString("G6", CultureInfo.InvariantCulture) ?? "?");
    }

    /// <summary>
    /// Opens <paramref name="file"/> and applies <paramref name="read"/>; false, with the reason on
    /// <paramref name="stderr"/>, when the file is missing, not an output file, or lacks what is read.
    /// </summary>
    public static bool TryRead<T>(string file, TextWriter stderr, Func<Hdf5Results, T> read, out T value)
    {
        try
        {
            using var results = Hdf5Results.Open(file);
            value = read(results);
            return true;
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or InvalidDataException or IOException
                                      or UnauthorizedAccessException or KeyNotFoundException or OverflowException)
        {
            stderr.WriteLine($"error: cannot read {file}: {InfoCommand.Message(e, file)}");
            value = default!;
            return false;
        }
    }
}
