using System.Globalization;
using ScottPlot;
using Spiking.IO.Hdf5;

namespace Spiking.Cli.Commands;

/// <summary>
/// <c>spiking plot FILE.h5 --weights OUT</c>: per recorded projection (<c>/weights/PROJ</c>), the last snapshot
/// as a post × pre heat map (signed weights on a diverging map centred on 0, non-negative ones on a sequential
/// map from 0; absent synapses blank; a labelled colour bar), the histogram of the first and last snapshots,
/// and, with more than one snapshot, the mean weight ± one standard deviation against time (the learning curve
/// of a plastic projection).
/// </summary>
public static class WeightPlot
{
    /// <summary>Most cells per side of the heat map; larger matrices are averaged over blocks.</summary>
    public const int MaxCells = 400;

    /// <summary>Most projections drawn; the rest are named on stderr.</summary>
    public const int MaxProjections = 4;

    /// <summary>Width of the figure and height of one projection's row in pixels.</summary>
    public const int Width = 1500, RowHeight = 480;

    /// <summary>Draws the weight snapshots of <paramref name="file"/>; 0 on success, 2 on a missing or wrong file.</summary>
    public static int Execute(string file, string output, TextWriter stdout, TextWriter stderr)
    {
        if (!FigureFile.CheckDestination(output, "--weights", stderr)) return ExitCodes.BadInput;
        if (!PlotCommand.TryRead(file, stderr, r => (Names: r.WeightProjections.ToArray(), Title: PlotCommand.Title(r, file)), out var names))
            return ExitCodes.BadInput;
        var chosen = names.Names.Take(MaxProjections).ToArray();
        if (names.Names.Length > MaxProjections)
            stderr.WriteLine($"note: drawing the first {MaxProjections} of {names.Names.Length} projections; left out: {string.Join(", ", names.Names.Skip(MaxProjections))}");
        if (!PlotCommand.TryRead(file, stderr, r => chosen.Select(r.ReadWeights).Where(w => w.Time.Length > 0 && w.Pre.Length > 0).ToArray(), out var projections))
            return ExitCodes.BadInput;
        if (projections.Length == 0)
        {
            stderr.WriteLine($"error: {file} holds no weight snapshots (/weights); add a weight monitor to the model, e.g. [[monitors]] kind = \"weights\"");
            return ExitCodes.BadInput;
        }

        var multiplot = new Multiplot();
        var layout = new ScottPlot.MultiplotLayouts.CustomGrid();
        for (int k = 0; k < projections.Length; k++)
        {
            var w = projections[k];
            var panels = new List<Plot> { HeatMap(w), Histogram(w) };
            if (w.Time.Length > 1) panels.Add(MeanOverTime(w));
            if (k == 0) panels[0].Axes.Title.Label.Text = names.Title + "\n" + panels[0].Axes.Title.Label.Text;
            // Columns: heat map 5/12 of the width, histogram and learning curve 7/12 between them.
            int[] widths = panels.Count == 3 ? [5, 4, 3] : [5, 7];
            int col = 0;
            for (int p = 0; p < panels.Count; p++)
            {
                multiplot.AddPlot(panels[p]);
                layout.Set(panels[p], new GridCell(k, col, projections.Length, 12, 1, widths[p]));
                col += widths[p];
            }
        }
        multiplot.Layout = layout;
        return FigureFile.Write(output, multiplot, Width, RowHeight * projections.Length, stdout, stderr);
    }

    /// <summary>
    /// The weights of snapshot <paramref name="snapshot"/> as a [post, pre] matrix of at most <see cref="MaxCells"/>
    /// per side: the mean over each block of neurons (NaN where a block holds no synapse), and the block size.
    /// </summary>
    public static (double[,] Matrix, int Block) Matrix(WeightData w, int snapshot)
    {
        int pres = (int)w.Pre.Max() + 1, posts = (int)w.Post.Max() + 1;
        int block = Math.Max(1, (int)Math.Ceiling(Math.Max(pres, posts) / (double)MaxCells));
        int rows = (posts + block - 1) / block, cols = (pres + block - 1) / block;
        var sum = new double[rows, cols];
        var count = new int[rows, cols];
        for (int s = 0; s < w.Pre.Length; s++)
        {
            int r = (int)(w.Post[s] / (ulong)block), c = (int)(w.Pre[s] / (ulong)block);
            sum[r, c] += w.W[snapshot, s];
            count[r, c]++;
        }
        for (int r = 0; r < rows; r++)
            for (int c = 0; c < cols; c++) sum[r, c] = count[r, c] > 0 ? sum[r, c] / count[r, c] : double.NaN;
        return (sum, block);
    }

    private static string Unit(WeightData w) => w.Units.Length > 0 ? w.Units : "no unit";

    private static Plot HeatMap(WeightData w)
    {
        var inv = CultureInfo.InvariantCulture;
        int last = w.Time.Length - 1;
        var (matrix, block) = Matrix(w, last);
        double lo = double.PositiveInfinity, hi = double.NegativeInfinity;
        foreach (var v in matrix)
            if (!double.IsNaN(v)) { lo = Math.Min(lo, v); hi = Math.Max(hi, v); }
        // ScottPlot draws intensity row 0 at the top of its rectangle: flip the rows so that post neuron 0
        // sits at the bottom, where the y axis starts.
        int rows = matrix.GetLength(0), cols = matrix.GetLength(1);
        var flipped = new double[rows, cols];
        for (int r = 0; r < rows; r++)
            for (int c = 0; c < cols; c++) flipped[rows - 1 - r, c] = matrix[r, c];
        var plot = new Plot();
        var hm = plot.Add.Heatmap(flipped);
        hm.NaNCellColor = Colors.White;
        hm.Rectangle = new CoordinateRect(0, cols * block, 0, rows * block); // outer cell edges: neuron i spans [i, i + 1)
        bool signed = lo < 0;
        if (signed)
        {
            double m = Math.Max(Math.Abs(lo), Math.Abs(hi));
            hm.Colormap = new ScottPlot.Colormaps.Balance();
            hm.ManualRange = new ScottPlot.Range(-m, m);
        }
        else
        {
            hm.Colormap = new ScottPlot.Colormaps.Viridis();
            hm.ManualRange = new ScottPlot.Range(0, hi > 0 ? hi : 1);
        }
        var bar = plot.Add.ColorBar(hm);
        bar.Label = $"w ({Unit(w)})"; // short: the histogram's axis label sits just right of it (the title says "means over blocks")
        plot.Title(string.Format(inv, "{0}: weights at {1:G6} ms{2}", w.Projection, w.Time[last],
            block > 1 ? string.Format(inv, " (means over {0}x{0} blocks)", block) : ""));
        plot.Axes.Title.Label.FontSize = 15;
        plot.XLabel("presynaptic neuron index");
        plot.YLabel("postsynaptic neuron index");
        plot.Axes.Margins(0, 0);
        return plot;
    }

    private static Plot Histogram(WeightData w)
    {
        int last = w.Time.Length - 1, n = w.Pre.Length;
        double lo = double.PositiveInfinity, hi = double.NegativeInfinity;
        foreach (var v in w.W) { lo = Math.Min(lo, v); hi = Math.Max(hi, v); }
        if (!(hi > lo)) { lo -= 0.5; hi += 0.5; }
        const int bins = 50;
        double width = (hi - lo) / bins;
        var plot = new Plot();
        var snapshots = last > 0 ? new[] { 0, last } : new[] { 0 };
        var colors = new[] { Colors.Gray, Colors.C0 };
        for (int k = 0; k < snapshots.Length; k++)
        {
            var counts = new double[bins + 1];
            for (int s = 0; s < n; s++) counts[Math.Min(bins - 1, (int)((w.W[snapshots[k], s] - lo) / width))]++;
            counts[bins] = counts[bins - 1];
            var edges = Enumerable.Range(0, bins + 1).Select(b => lo + b * width).ToArray();
            var trace = plot.Add.Scatter(edges, counts, colors[k]);
            trace.ConnectStyle = ConnectStyle.StepHorizontal;
            trace.MarkerSize = 0;
            trace.LineWidth = 1.6f;
            trace.LegendText = string.Format(CultureInfo.InvariantCulture, "t = {0:G6} ms", w.Time[snapshots[k]]);
        }
        plot.Title(string.Format(CultureInfo.InvariantCulture, "{0}: {1:N0} synapses{2}", w.Projection, n, w.Plastic ? " (plastic)" : ""));
        plot.Axes.Title.Label.FontSize = 15;
        plot.XLabel($"w ({Unit(w)})");
        plot.YLabel("synapses per bin");
        plot.Axes.SetLimitsY(0, plot.Axes.GetLimits().Top * 1.05);
        plot.ShowLegend(Alignment.UpperRight);
        return plot;
    }

    private static Plot MeanOverTime(WeightData w)
    {
        int snapshots = w.Time.Length, n = w.Pre.Length;
        var mean = new double[snapshots];
        var std = new double[snapshots];
        for (int t = 0; t < snapshots; t++)
        {
            double sum = 0, sq = 0;
            for (int s = 0; s < n; s++) { sum += w.W[t, s]; sq += w.W[t, s] * w.W[t, s]; }
            mean[t] = sum / n;
            std[t] = Math.Sqrt(Math.Max(0, sq / n - mean[t] * mean[t]));
        }
        var plot = new Plot();
        var line = plot.Add.Scatter(w.Time, mean, Colors.C0);
        line.LineWidth = 1.6f;
        line.LegendText = "mean";
        var bars = plot.Add.ErrorBar(w.Time, mean, std);
        bars.Color = Colors.C0;
        bars.LegendText = "± 1 s.d.";
        plot.Title("mean weight over time");
        plot.Axes.Title.Label.FontSize = 15;
        plot.XLabel("time (ms)");
        plot.YLabel($"w ({Unit(w)})");
        plot.ShowLegend(Alignment.LowerRight);
        return plot;
    }
}
