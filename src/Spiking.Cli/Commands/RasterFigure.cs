using System.Globalization;
using ScottPlot;
using Spiking.IO.Hdf5;

namespace Spiking.Cli.Commands;

/// <summary>The raster and rate panels of <see cref="PlotCommand"/>.</summary>
public static class RasterFigure
{
    /// <summary>Neuron-index ticks per population band on the raster's left axis.</summary>
    public const int IndexTicks = 5;

    /// <summary>
    /// The raster (top two thirds) over the population rates in bins of <paramref name="bin"/> ms (bottom
    /// third), on one time axis from <paramref name="start"/> to <paramref name="end"/> ms.
    /// </summary>
    public static Multiplot Draw(SpikeData[] spikes, double start, double end, int max, double bin, string title)
    {
        var palette = new ScottPlot.Palettes.Category10();
        var raster = new Plot();
        var rates = new Plot();
        int bins = Math.Max(1, (int)Math.Ceiling((end - start) / bin - 1e-9));
        int offset = 0;
        var indexTicks = new List<Tick>();
        var nameTicks = new List<Tick>();
        for (int p = 0; p < spikes.Length; p++)
        {
            var s = spikes[p];
            var color = palette.GetColor(p);

            var candidates = NeuronSample.Candidates(s.NodeIds, s.IdBound, s.Recorded);
            var shown = NeuronSample.Evenly(candidates, max);
            var row = new Dictionary<ulong, int>(shown.Length);
            for (int k = 0; k < shown.Length; k++) row[shown[k]] = k;
            var xs = new List<double>();
            var ys = new List<double>();
            for (int k = 0; k < s.Count; k++)
                if (s.Timestamps[k] >= start && s.Timestamps[k] <= end && row.TryGetValue(s.NodeIds[k], out int r)) { xs.Add(s.Timestamps[k]); ys.Add(offset + r); }
            int rows = Math.Max(shown.Length, 1);
            if (xs.Count > 0) raster.Add.Markers(xs.ToArray(), ys.ToArray(), MarkerShape.FilledSquare, MarkerSize(shown.Length * spikes.Length), color);
            // The top tick of a band below another is left out: it would print over the next band's first.
            int ticks = Math.Min(IndexTicks, shown.Length);
            for (int t = 0; t < ticks - (p < spikes.Length - 1 && ticks > 1 ? 1 : 0); t++)
            {
                int k = ticks == 1 ? 0 : (int)Math.Round(t * (shown.Length - 1.0) / (ticks - 1));
                indexTicks.Add(new Tick(offset + k, shown[k].ToString(CultureInfo.InvariantCulture)));
            }
            string of = candidates.Count == s.Recorded || s.Recorded == 0
                ? string.Format(CultureInfo.InvariantCulture, "{0:N0} of {1:N0} shown", shown.Length, s.Recorded)
                : string.Format(CultureInfo.InvariantCulture, "{0:N0} of {1:N0} that fired ({2:N0} recorded)", shown.Length, candidates.Count, s.Recorded);
            nameTicks.Add(new Tick(offset + (rows - 1) / 2.0, s.Population + "\n" + of));
            offset += rows;
            // A solid separator: SkiaSharp's SVG writer cannot write dashes and warns once per later marker.
            if (p < spikes.Length - 1) raster.Add.HorizontalLine(offset - 0.5, 1, Colors.Gray.WithAlpha(.6), LinePattern.Solid);

            // Population rate from every spike of the population, not only the rows shown.
            var counts = new double[bins];
            foreach (var t in s.Timestamps)
            {
                int b = (int)Math.Floor((t - start) / bin);
                if (b >= 0 && b < bins) counts[b]++;
                else if (b == bins && t <= end) counts[bins - 1]++;
            }
            double per = s.Recorded > 0 ? 1.0 / (s.Recorded * bin * 1e-3) : 0;
            // A step trace: each bin's rate held over the bin, as a histogram is read.
            var edges = new double[bins + 1];
            var heights = new double[bins + 1];
            for (int b = 0; b < bins; b++) { edges[b] = start + b * bin; heights[b] = counts[b] * per; }
            edges[bins] = Math.Min(end, start + bins * bin);
            heights[bins] = heights[bins - 1];
            var trace = rates.Add.Scatter(edges, heights, color);
            trace.ConnectStyle = ConnectStyle.StepHorizontal;
            trace.MarkerSize = 0;
            trace.LineWidth = 1.2f;
            trace.LegendText = s.Population;
        }

        raster.Title(title);
        raster.YLabel("neuron index");
        raster.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual(indexTicks.ToArray());
        raster.Axes.Right.TickGenerator = new ScottPlot.TickGenerators.NumericManual(nameTicks.ToArray());
        raster.Axes.Right.IsVisible = true;
        raster.Axes.SetLimits(start, end, -0.5, Math.Max(offset, 1) - 0.5);
        raster.Axes.SetLimitsY(-0.5, Math.Max(offset, 1) - 0.5, raster.Axes.Right);
        raster.Axes.Bottom.TickLabelStyle.IsVisible = false;
        raster.Axes.Left.MajorTickStyle.Length = 3;

        rates.XLabel("time (ms)");
        rates.YLabel(string.Format(CultureInfo.InvariantCulture, "rate (Hz, {0:G4} ms bins)", bin));
        rates.Axes.AutoScale();
        var limits = rates.Axes.GetLimits();
        rates.Axes.SetLimits(start, end, 0, Math.Max(1, limits.Top * 1.05));
        if (spikes.Length > 1) rates.ShowLegend(Alignment.UpperRight);

        // Same left and right margins so that the two time axes line up; room on the right for the population names.
        raster.Layout.Fixed(new PixelPadding(90, 190, 8, 46));
        rates.Layout.Fixed(new PixelPadding(90, 190, 55, 8));

        var multiplot = new Multiplot();
        multiplot.AddPlot(raster);
        multiplot.AddPlot(rates);
        var layout = new ScottPlot.MultiplotLayouts.CustomGrid();
        layout.Set(raster, new GridCell(0, 0, 3, 1, 2, 1));
        layout.Set(rates, new GridCell(2, 0, 3, 1, 1, 1));
        multiplot.Layout = layout;
        return multiplot;
    }

    /// <summary>Marker size (px) so that rows stay apart: 2 px up to 300 rows, 1 px beyond.</summary>
    private static float MarkerSize(int rows) => rows <= 300 ? 2 : 1;
}
