using ScottPlot;
using Spiking.IO.Hdf5;

namespace Spiking.Cli.Commands;

/// <summary>
/// <c>spiking plot FILE.h5 --features OUT</c> (the learned features, columns of W, as image tiles, each
/// scaled to its own largest |w|) and <c>--recurrent PNG</c> (R as a heat map, units ordered by
/// preferred direction, within a direction by decreasing DSI; lines separate the directions; only the
/// units active to the gratings of the DSI measurement when there are any) for the
/// output of a bgG-RNN run, and <c>--learning OUT</c> (the held-out scores at each checkpoint against
/// training sequences seen). OUT ends in .png, .svg or .pdf.
/// </summary>
public static class MotionPlot
{
    /// <summary>Size of the figures in pixels (points in a PDF).</summary>
    public const int Width = 1000, Height = 1000;

    /// <summary>Draws the features; 0 on success, 2 on a missing or wrong file.</summary>
    public static int Features(string file, string png, TextWriter stdout, TextWriter stderr)
        => Draw(file, png, "--features", stdout, stderr, stored =>
        {
            var m = stored.Model;
            int size = stored.PatchSize, n = m.Units;
            if (size * size != m.Pixels) throw new InvalidDataException($"{file}: patch_size {size} does not match {m.Pixels} pixels");
            int cols = (int)Math.Ceiling(Math.Sqrt(n)), rows = (n + cols - 1) / cols, cell = size + 1;
            var image = new double[rows * cell - 1, cols * cell - 1];
            for (int k = 0; k < n; k++)
            {
                var f = m.Feature(k);
                double max = 0;
                foreach (var v in f) max = Math.Max(max, Math.Abs(v));
                int r0 = k / cols * cell, c0 = k % cols * cell;
                for (int r = 0; r < size; r++)
                    for (int c = 0; c < size; c++) image[r0 + r, c0 + c] = max > 0 ? f[r * size + c] / max : 0;
            }
            var plot = new Plot();
            var hm = plot.Add.Heatmap(image);
            hm.Colormap = new ScottPlot.Colormaps.Grayscale();
            hm.ManualRange = new ScottPlot.Range(-1, 1); // every tile is scaled to [−1, 1]: 0 is mid grey, as the gaps
            plot.Title($"features (columns of W): {n} units, {size}x{size} patches\neach scaled to its own max |w| (white +, black −)");
            plot.HideGrid();
            plot.Axes.Frameless();
            plot.Axes.Title.IsVisible = true; // Frameless hides the title too
            return plot;
        });

    /// <summary>Draws R ordered by preferred direction; 0 on success, 2 on a missing or wrong file.</summary>
    public static int Recurrent(string file, string png, TextWriter stdout, TextWriter stderr)
        => Draw(file, png, "--recurrent", stdout, stderr, stored =>
        {
            var m = stored.Model;
            // Units that never switched on to the gratings have no preferred direction: leave them out when any is active.
            bool anyActive = stored.Active.Any(a => a);
            var order = Enumerable.Range(0, m.Units).Where(k => !anyActive || stored.Active[k])
                .OrderBy(k => stored.Preferred[k]).ThenByDescending(k => stored.Dsi[k]).ToArray();
            int n = order.Length, units = m.Units;
            var data = new double[n, n];
            double max = 0;
            for (int a = 0; a < n; a++)
                for (int c = 0; c < n; c++)
                {
                    data[a, c] = m.R[order[a] * units + order[c]];
                    max = Math.Max(max, Math.Abs(data[a, c]));
                }
            var plot = new Plot();
            var hm = plot.Add.Heatmap(data);
            // R is signed: a diverging map with white at 0, symmetric so that equal |R| reads as equal strength.
            hm.Colormap = new ScottPlot.Colormaps.Balance();
            hm.ManualRange = new ScottPlot.Range(-(max > 0 ? max : 1), max > 0 ? max : 1);
            var bar = plot.Add.ColorBar(hm);
            bar.Label = "R[j, k] (weight, no unit)";
            // Heatmap row a is drawn at y = n − 1 − a (row 0 on top). Lines separate the directions, and each
            // group is labelled with its preferred direction, the only meaning its position has.
            var xTicks = new List<Tick>();
            var yTicks = new List<Tick>();
            for (int a = 0, from = 0; a <= n; a++)
            {
                if (a < n && stored.Preferred[order[a]] == stored.Preferred[order[from]]) continue;
                double centre = (from + a - 1) / 2.0;
                string label = string.Format(System.Globalization.CultureInfo.InvariantCulture, "{0:0.#}°", 360.0 * stored.Preferred[order[from]] / Math.Max(1, stored.Directions));
                xTicks.Add(new Tick(centre, label));
                yTicks.Add(new Tick(n - 1 - centre, label));
                if (a < n)
                {
                    plot.Add.VerticalLine(a - 0.5, 1, Colors.Black);
                    plot.Add.HorizontalLine(n - a - 0.5, 1, Colors.Black);
                }
                from = a;
            }
            plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(xTicks.ToArray());
            plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual(yTicks.ToArray());
            plot.Axes.SetLimits(-0.5, n - 0.5, -0.5, n - 0.5);
            plot.Title($"R[j, k] (row j: post at t, column k: pre at t-1)\n{(anyActive ? $"the {n} units active to gratings" : $"all {n} units")}, ordered by preferred direction");
            plot.XLabel("pre unit k, grouped by preferred direction");
            plot.YLabel("post unit j, grouped by preferred direction");
            return plot;
        });

    /// <summary>Draws the held-out scores against sequences seen; 0 on success, 2 on a missing or wrong file.</summary>
    public static int Learning(string file, string output, TextWriter stdout, TextWriter stderr)
    {
        if (!FigureFile.CheckDestination(output, "--learning", stderr)) return ExitCodes.BadInput;
        BgRnnCheckpoints cps;
        try
        {
            if (!File.Exists(file)) throw new FileNotFoundException($"{file} does not exist");
            if (!BgRnnOutput.IsBgRnnOutput(file)) throw new InvalidDataException($"{file} is not the output of a bgG-RNN run (root attribute kind = \"bgrnn\"); --learning draws the checkpoints those record");
            cps = BgRnnCheckpoints.Read(file);
        }
        catch (Exception e) when (e is FileNotFoundException or InvalidDataException or IOException or UnauthorizedAccessException or KeyNotFoundException)
        {
            stderr.WriteLine($"error: cannot read {file}: {e.Message}");
            return ExitCodes.BadInput;
        }
        if (cps.SequencesSeen.Length == 0 || cps.Scores.Count == 0)
        {
            stderr.WriteLine($"error: {file} has no checkpoints to draw (/bgrnn/checkpoints is empty)");
            return ExitCodes.BadInput;
        }
        return FigureFile.Write(output, LearningCurves.Draw(cps, Path.GetFileName(file)), LearningCurves.Width, LearningCurves.PanelHeight * cps.Scores.Count, stdout, stderr);
    }

    private static int Draw(string file, string output, string option, TextWriter stdout, TextWriter stderr, Func<BgRnnStored, Plot> make)
    {
        if (!FigureFile.CheckDestination(output, option, stderr)) return ExitCodes.BadInput;
        Plot plot;
        try
        {
            if (!File.Exists(file)) throw new FileNotFoundException($"{file} does not exist");
            if (!BgRnnOutput.IsBgRnnOutput(file)) throw new InvalidDataException($"{file} is not the output of a bgG-RNN run (root attribute kind = \"bgrnn\"); {option} draws those");
            plot = make(BgRnnOutput.Read(file));
        }
        catch (Exception e) when (e is FileNotFoundException or InvalidDataException or IOException or UnauthorizedAccessException or KeyNotFoundException)
        {
            stderr.WriteLine($"error: cannot read {file}: {e.Message}");
            return ExitCodes.BadInput;
        }
        return FigureFile.Write(output, plot, Width, Height, stdout, stderr);
    }
}
