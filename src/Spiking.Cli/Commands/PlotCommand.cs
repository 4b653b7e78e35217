using System.Globalization;
using ScottPlot;
using Spiking.IO.Hdf5;

namespace Spiking.Cli.Commands;

/// <summary>
/// <c>spiking plot FILE --raster PNG</c>: a spike raster (time against neuron, one colour and band
/// per population, at most a given number of neurons each) above the population rates (Hz) in
/// bins of 5 ms (1 ms for runs shorter than 250 ms), drawn headless to a PNG.
/// </summary>
public static class PlotCommand
{
    /// <summary>Neurons drawn per population when not told otherwise.</summary>
    public const int DefaultMaxNeurons = 500;

    /// <summary>Size of the PNG in pixels.</summary>
    public const int Width = 1200, Height = 800;

    /// <summary>Draws <paramref name="file"/> to <paramref name="rasterPng"/>; 0 on success, 2 when the file is missing or unreadable or the arguments are bad.</summary>
    public static int Execute(string file, string rasterPng, int? maxNeurons, TextWriter stdout, TextWriter stderr)
    {
        int max = maxNeurons ?? DefaultMaxNeurons;
        if (max < 1)
        {
            stderr.WriteLine($"error: --max-neurons must be at least 1, got {max}");
            return ExitCodes.BadInput;
        }
        string? dir = Path.GetDirectoryName(Path.GetFullPath(rasterPng));
        if (dir is not null && !Directory.Exists(dir))
        {
            stderr.WriteLine($"error: --raster {rasterPng}: directory {dir} does not exist");
            return ExitCodes.BadInput;
        }

        SpikeData[] spikes;
        double start, end;
        string title;
        try
        {
            using var results = Hdf5Results.Open(file);
            spikes = results.SpikePopulations.Select(results.ReadSpikes).ToArray();
            start = results.GetDouble("t_start") ?? 0;
            double? duration = results.GetDouble("duration");
            end = duration is { } d ? start + d
                : spikes.Any(s => s.Count > 0) ? spikes.Where(s => s.Count > 0).Max(s => s.Timestamps.Max()) : start + 1;
            string model = results.GetString("model_file") is { Length: > 0 } m ? Path.GetFileName(m) : Path.GetFileName(file);
            title = string.Format(CultureInfo.InvariantCulture, "{0}  (seed {1}, dt {2} ms)", model, results.GetUInt64("seed")?.ToString(CultureInfo.InvariantCulture) ?? "?", results.GetDouble("dt")?.ToString("G6", CultureInfo.InvariantCulture) ?? "?");
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

        var multiplot = Draw(spikes, start, end, max, title);
        try
        {
            multiplot.SavePng(rasterPng, Width, Height);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"error: cannot write {rasterPng}: {e.Message}");
            return ExitCodes.BadInput;
        }
        stdout.WriteLine($"wrote {rasterPng}");
        return ExitCodes.Ok;
    }

    /// <summary>Bin (ms) of the rate trace for a run of <paramref name="duration"/> ms.</summary>
    public static double RateBin(double duration) => duration < 250 ? 1 : 5;

    private static Multiplot Draw(SpikeData[] spikes, double start, double end, int max, string title)
    {
        var palette = new ScottPlot.Palettes.Category10();
        var raster = new Plot();
        var rates = new Plot();
        double bin = RateBin(end - start);
        int bins = Math.Max(1, (int)Math.Ceiling((end - start) / bin - 1e-9));
        int offset = 0;
        var ticks = new List<Tick>();
        for (int p = 0; p < spikes.Length; p++)
        {
            var s = spikes[p];
            var color = palette.GetColor(p);

            // Rows: the first `max` distinct recorded ids, in id order.
            var shown = s.NodeIds.Distinct().Order().Take(max).ToArray();
            var row = new Dictionary<ulong, int>(shown.Length);
            for (int k = 0; k < shown.Length; k++) row[shown[k]] = k;
            var xs = new List<double>();
            var ys = new List<double>();
            for (int k = 0; k < s.Count; k++)
                if (row.TryGetValue(s.NodeIds[k], out int r)) { xs.Add(s.Timestamps[k]); ys.Add(offset + r); }
            int rows = Math.Max(shown.Length, Math.Min(max, s.Recorded));
            if (xs.Count > 0) raster.Add.Markers(xs.ToArray(), ys.ToArray(), MarkerShape.FilledSquare, 2, color);
            ticks.Add(new Tick(offset + rows / 2.0, s.Population));
            offset += Math.Max(rows, 1);
            if (p < spikes.Length - 1) raster.Add.HorizontalLine(offset - 0.5, 1, Colors.Gray, LinePattern.Dashed);

            // Population rate from every spike of the population.
            var counts = new double[bins];
            foreach (var t in s.Timestamps)
            {
                int b = (int)Math.Floor((t - start) / bin);
                if (b >= 0 && b < bins) counts[b]++;
                else if (b == bins && t <= end) counts[bins - 1]++;
            }
            double per = s.Recorded > 0 ? 1.0 / (s.Recorded * bin * 1e-3) : 0;
            var centres = new double[bins];
            for (int b = 0; b < bins; b++) { counts[b] *= per; centres[b] = start + (b + 0.5) * bin; }
            var trace = rates.Add.ScatterLine(centres, counts, color);
            trace.LineWidth = 1.5f;
            trace.LegendText = s.Population;
        }

        raster.Title(title);
        raster.YLabel("neuron");
        raster.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual(ticks.ToArray());
        raster.Axes.SetLimits(start, end, -0.5, Math.Max(offset, 1) - 0.5);
        raster.Axes.Bottom.TickLabelStyle.IsVisible = false;

        rates.XLabel("time (ms)");
        rates.YLabel(string.Format(CultureInfo.InvariantCulture, "rate (Hz, {0} ms bins)", bin));
        rates.Axes.AutoScale();
        var limits = rates.Axes.GetLimits();
        rates.Axes.SetLimits(start, end, 0, Math.Max(1, limits.Top * 1.05));
        if (spikes.Length > 1) rates.ShowLegend(Alignment.UpperRight);

        // Same left and right margins so that the two time axes line up.
        raster.Layout.Fixed(new PixelPadding(110, 30, 8, 40));
        rates.Layout.Fixed(new PixelPadding(110, 30, 55, 8));

        var multiplot = new Multiplot();
        multiplot.AddPlot(raster);
        multiplot.AddPlot(rates);
        var layout = new ScottPlot.MultiplotLayouts.CustomGrid();
        layout.Set(raster, new GridCell(0, 0, 3, 1, 2, 1));
        layout.Set(rates, new GridCell(2, 0, 3, 1, 1, 1));
        multiplot.Layout = layout;
        return multiplot;
    }
}
