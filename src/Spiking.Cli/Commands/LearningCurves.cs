using System.Globalization;
using ScottPlot;
using Spiking.IO.Hdf5;

namespace Spiking.Cli.Commands;

/// <summary>The learning curves of a bgG-RNN run: one panel per checkpoint score against training sequences seen.</summary>
public static class LearningCurves
{
    /// <summary>Width of the figure and height of one panel in pixels.</summary>
    public const int Width = 900, PanelHeight = 220;

    /// <summary>
    /// One panel per score, stacked on one axis of sequences seen; the R = 0 baseline, where the run measured
    /// one, as a grey line.
    /// </summary>
    public static Multiplot Draw(BgRnnCheckpoints cps, string title)
    {
        var multiplot = new Multiplot();
        var layout = new ScottPlot.MultiplotLayouts.CustomGrid();
        var names = cps.Scores.Keys.ToArray();
        for (int k = 0; k < names.Length; k++)
        {
            var plot = new Plot();
            var line = plot.Add.Scatter(cps.SequencesSeen, cps.Scores[names[k]], Colors.C0);
            line.LineWidth = 1.6f;
            line.MarkerSize = 5;
            line.LegendText = "held-out, trained";
            if (cps.Baselines.TryGetValue(names[k], out double baseline))
            {
                var b = plot.Add.HorizontalLine(baseline, 1.5f, Colors.Gray, LinePattern.Solid); // solid: the SVG writer cannot dash
                b.LegendText = "baseline (R = 0)";
                plot.ShowLegend(Alignment.LowerRight);
            }
            // Only the log densities are in the group's unit (nats per frame); the other scores are counts or ratios.
            string unit = names[k].StartsWith("log", StringComparison.Ordinal) && cps.Units.Length > 0 ? $" ({cps.Units})" : "";
            plot.YLabel(names[k].Replace('_', ' ') + unit);
            plot.Axes.Left.Label.FontSize = 12;
            bool first = k == 0, last = k == names.Length - 1;
            if (first) plot.Title(string.Format(CultureInfo.InvariantCulture, "{0}: held-out scores at {1} checkpoints", title, cps.SequencesSeen.Length));
            if (last) plot.XLabel("training sequences seen");
            else plot.Axes.Bottom.TickLabelStyle.IsVisible = false;
            plot.Layout.Fixed(new PixelPadding(95, 20, last ? 45 : 8, first ? 36 : 8));
            multiplot.AddPlot(plot);
            layout.Set(plot, new GridCell(k, 0, names.Length, 1));
        }
        multiplot.Layout = layout;
        return multiplot;
    }
}
