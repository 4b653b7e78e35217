using System.Globalization;
using ScottPlot;
using Spiking.IO.Hdf5;

namespace Spiking.Cli.Commands;

/// <summary>
/// <c>spiking plot FILE.h5 --readout OUT</c>: each readout's prediction over its target against time, one
/// panel per readout, the washout and training windows shaded and the test score in the panel's title.
/// </summary>
public static class ReadoutPlot
{
    /// <summary>Width of the figure and height of one panel in pixels.</summary>
    public const int Width = 1100, PanelHeight = 320;

    /// <summary>Draws the readouts of <paramref name="file"/>; 0 on success, 2 on a missing or wrong file.</summary>
    public static int Execute(string file, string output, TextWriter stdout, TextWriter stderr)
    {
        if (!FigureFile.CheckDestination(output, "--readout", stderr)) return ExitCodes.BadInput;
        if (!PlotCommand.TryRead(file, stderr, r => (Readouts: r.Readouts.Select(r.ReadReadout).ToArray(), Title: PlotCommand.Title(r, file),
                Start: r.GetDouble("t_start") ?? 0), out var read))
            return ExitCodes.BadInput;
        var readouts = read.Readouts.Where(r => r.Time.Length > 0).ToArray();
        if (readouts.Length == 0)
        {
            stderr.WriteLine($"error: {file} holds no readout samples (/readouts); a model with [[readouts]] writes them");
            return ExitCodes.BadInput;
        }
        var multiplot = new Multiplot();
        var layout = new ScottPlot.MultiplotLayouts.CustomGrid();
        for (int k = 0; k < readouts.Length; k++)
        {
            var plot = Panel(readouts[k], read.Start);
            bool first = k == 0, last = k == readouts.Length - 1;
            plot.XLabel("time (ms)");
            if (first) plot.Axes.Title.Label.Text = read.Title + "\n" + plot.Axes.Title.Label.Text;
            plot.Layout.Fixed(new PixelPadding(80, 210, 45, first ? 62 : 40));
            multiplot.AddPlot(plot);
            layout.Set(plot, new GridCell(k, 0, readouts.Length, 1));
        }
        multiplot.Layout = layout;
        return FigureFile.Write(output, multiplot, Width, PanelHeight * readouts.Length + (readouts.Length > 0 ? 20 : 0), stdout, stderr);
    }

    private static Plot Panel(ReadoutData r, double start)
    {
        var inv = CultureInfo.InvariantCulture;
        var plot = new Plot();
        double washout = Number(r.Attributes, "washout"), train = Number(r.Attributes, "train");
        double t0 = start, t1 = r.Time[^1];
        // Washout [start, washout) and training [washout, train) windows (ms from the start), so that the test
        // part reads at a glance.
        if (washout > 0) Shade(plot, t0, t0 + washout, Colors.Gray.WithAlpha(.18), "washout");
        if (train > washout) Shade(plot, t0 + Math.Max(washout, 0), t0 + train, Colors.Orange.WithAlpha(.15), "training");

        var target = plot.Add.ScatterLine(r.Time, r.Target, Colors.Black);
        target.LineWidth = 1.5f;
        target.LegendText = "target" + (r.Attributes.GetValueOrDefault("target_series") is string s && s.Length > 0 ? $" ({s})" : "");
        // Samples without a prediction (NaN, or the washout) are left out rather than drawn at zero.
        var (xs, ys) = Finite(r.Time, r.Prediction);
        if (xs.Length > 0)
        {
            var prediction = plot.Add.ScatterLine(xs, ys, Colors.C0);
            prediction.LineWidth = 1.2f;
            prediction.LegendText = "prediction";
        }
        string method = r.Attributes.GetValueOrDefault("method") as string ?? "";
        string population = r.Attributes.GetValueOrDefault("population") as string ?? "";
        double nrmse = Number(r.Attributes, "test_nrmse");
        plot.Title(string.Format(inv, "readout {0}{1}{2}: test NRMSE {3}", r.Name, population.Length > 0 ? " of " + population : "",
            method.Length > 0 ? " (" + method + ")" : "", double.IsNaN(nrmse) ? "not scored" : nrmse.ToString("G4", inv)));
        plot.Axes.Title.Label.FontSize = 15;
        plot.YLabel("output (target's units)");
        plot.Axes.SetLimitsX(t0, Math.Max(t1, t0 + 1));
        plot.ShowLegend(Edge.Right); // outside the axes: inside, it hid the test window at the right end
        return plot;
    }

    private static void Shade(Plot plot, double from, double to, Color color, string label)
    {
        var span = plot.Add.HorizontalSpan(from, to, color);
        span.LegendText = label;
        span.LineWidth = 0;
    }

    private static (double[] Xs, double[] Ys) Finite(double[] time, double[] values)
    {
        var xs = new List<double>(time.Length);
        var ys = new List<double>(time.Length);
        for (int i = 0; i < time.Length; i++)
            if (double.IsFinite(values[i])) { xs.Add(time[i]); ys.Add(values[i]); }
        return (xs.ToArray(), ys.ToArray());
    }

    private static double Number(IReadOnlyDictionary<string, object> attrs, string name) => attrs.GetValueOrDefault(name) switch
    {
        double d => d,
        long l => l,
        ulong u => u,
        _ => double.NaN,
    };
}
