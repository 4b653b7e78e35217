using System.Globalization;
using ScottPlot;
using Spiking.IO.Hdf5;

namespace Spiking.Cli.Commands;

/// <summary>The learning curves of a bgG-RNN run: one panel per checkpoint score against training sequences seen.</summary>
public static class LearningCurves
{
    /// <summary>Width of the figure and height of one panel in pixels.</summary>
    public const int Width = 900, PanelHeight = 240;

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
            // Only the log densities are in the group's unit (nats per frame); the others as BgRnnEvaluation defines them.
            plot.YLabel(names[k] switch
            {
                _ when names[k].Contains("log", StringComparison.Ordinal) => cps.Units.Length > 0 ? cps.Units : "nats per frame",
                "active_per_frame" => "active units",
                "relative_residual" => "‖y − Wŝ‖² / ‖y‖²",
                _ => "no unit",
            });
            plot.Axes.Left.Label.FontSize = 13;
            plot.Axes.Title.Label.FontSize = 14;
            bool first = k == 0, last = k == names.Length - 1;
            plot.Title((first ? string.Format(CultureInfo.InvariantCulture, "{0}: held-out scores at {1} checkpoints\n", title, cps.SequencesSeen.Length) : "")
                + names[k].Replace('_', ' '));
            if (last) plot.XLabel("training sequences seen");
            else plot.Axes.Bottom.TickLabelStyle.IsVisible = false;
            plot.Layout.Fixed(new PixelPadding(95, 20, last ? 45 : 8, first ? 52 : 26));
            multiplot.AddPlot(plot);
            layout.Set(plot, new GridCell(k, 0, names.Length, 1));
        }
        multiplot.Layout = layout;
        return multiplot;
    }
}
