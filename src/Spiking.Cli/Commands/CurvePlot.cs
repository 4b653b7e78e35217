using System.Globalization;
using ScottPlot;

namespace Spiking.Cli.Commands;

/// <summary>
/// <c>spiking plot FILE.csv --curve OUT</c>: curves from a CSV table such as the examples write
/// (the separation curve of a liquid, accuracy against jitter). The first line names the columns;
/// the first column is x (its name labels the x axis), every other column is one curve (lines with
/// markers) against it, labelled by its name; a column named like another plus <c>_std</c>, <c>_sd</c>,
/// <c>_sem</c> or <c>_err</c> gives that curve's error bars (± the value). Lines starting with # are
/// comments; empty cells are skipped. OUT ends in .png, .svg or .pdf.
/// </summary>
public static class CurvePlot
{
    /// <summary>Size of the figure in pixels (points in a PDF).</summary>
    public const int Width = 900, Height = 600;

    /// <summary>Column-name endings that mark a column as the error bars of the column named by the rest.</summary>
    public static readonly string[] ErrorSuffixes = ["_std", "_sd", "_sem", "_err"];

    /// <summary>Draws <paramref name="csv"/> to <paramref name="png"/>; 0 on success, 2 for a missing or malformed file.</summary>
    public static int Execute(string csv, string png, TextWriter stdout, TextWriter stderr)
    {
        if (!FigureFile.CheckDestination(png, "--curve", stderr)) return ExitCodes.BadInput;
        string[] lines;
        try
        {
            lines = File.ReadAllLines(csv);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"error: cannot read {csv}: {e.Message}");
            return ExitCodes.BadInput;
        }
        var rows = lines.Select((text, k) => (Text: text.Trim(), Line: k + 1)).Where(l => l.Text.Length > 0 && !l.Text.StartsWith('#')).ToList();
        if (rows.Count < 2)
        {
            stderr.WriteLine($"error: {csv}: expected a header line and at least one row of numbers (CSV: x, y1, y2, ...)");
            return ExitCodes.BadInput;
        }
        var header = rows[0].Text.Split(',').Select(h => h.Trim()).ToArray();
        if (header.Length < 2)
        {
            stderr.WriteLine($"error: {csv} line {rows[0].Line}: expected at least two columns (x and one curve), got {header.Length}");
            return ExitCodes.BadInput;
        }
        var xs = new List<double>[header.Length - 1];
        var ys = new List<double>[header.Length - 1];
        for (int c = 0; c < xs.Length; c++) { xs[c] = []; ys[c] = []; }
        // errorOf[c] = the column (index into xs) whose error bars column c holds, or -1.
        var errorOf = new int[xs.Length];
        for (int c = 0; c < xs.Length; c++)
        {
            string name = header[c + 1];
            string? suffix = ErrorSuffixes.FirstOrDefault(e => name.EndsWith(e, StringComparison.OrdinalIgnoreCase) && name.Length > e.Length);
            errorOf[c] = suffix is null ? -1 : Array.IndexOf(header, name[..^suffix.Length], 1) - 1;
            if (errorOf[c] == c) errorOf[c] = -1;
        }
        foreach (var (text, line) in rows.Skip(1))
        {
            var cells = text.Split(',');
            if (cells.Length != header.Length)
            {
                stderr.WriteLine($"error: {csv} line {line}: {cells.Length} cells, the header has {header.Length}");
                return ExitCodes.BadInput;
            }
            if (!double.TryParse(cells[0], NumberStyles.Float, CultureInfo.InvariantCulture, out double x))
            {
                stderr.WriteLine($"error: {csv} line {line}: x '{cells[0].Trim()}' is not a number");
                return ExitCodes.BadInput;
            }
            for (int c = 1; c < cells.Length; c++)
            {
                if (cells[c].Trim().Length == 0) continue;
                if (!double.TryParse(cells[c], NumberStyles.Float, CultureInfo.InvariantCulture, out double y))
                {
                    stderr.WriteLine($"error: {csv} line {line}: '{cells[c].Trim()}' in column {header[c]} is not a number");
                    return ExitCodes.BadInput;
                }
                xs[c - 1].Add(x); ys[c - 1].Add(y);
            }
        }

        var plot = new Plot();
        var palette = new ScottPlot.Palettes.Category10();
        var curves = Enumerable.Range(0, xs.Length).Where(c => errorOf[c] < 0 && xs[c].Count > 0).ToArray();
        for (int k = 0; k < curves.Length; k++)
        {
            int c = curves[k];
            var color = palette.GetColor(k);
            var s = plot.Add.Scatter(xs[c].ToArray(), ys[c].ToArray(), color);
            s.LineWidth = 2;
            s.MarkerSize = 7;
            s.LegendText = header[c + 1];
            int e = Array.IndexOf(errorOf, c);
            if (e < 0) continue;
            // Error bars where the error column has a value at an x of the curve.
            var err = xs[e].Zip(ys[e]).GroupBy(p => p.First).ToDictionary(g => g.Key, g => g.First().Second);
            var bx = new List<double>();
            var by = new List<double>();
            var be = new List<double>();
            for (int i = 0; i < xs[c].Count; i++)
                if (err.TryGetValue(xs[c][i], out double v)) { bx.Add(xs[c][i]); by.Add(ys[c][i]); be.Add(Math.Abs(v)); }
            var bars = plot.Add.ErrorBar(bx, by, be);
            bars.Color = color;
            bars.LineWidth = 1.5f;
            s.LegendText += $" (± {header[e + 1]})";
        }
        plot.Title(Path.GetFileName(csv));
        plot.XLabel(header[0]);
        plot.YLabel(curves.Length == 1 ? header[curves[0] + 1] : CommonWords(curves.Select(c => header[c + 1])) is { Length: > 0 } common ? common : "value (curves named in the legend)");
        if (curves.Length > 1 || errorOf.Any(e => e >= 0)) plot.ShowLegend(Edge.Bottom); // below the axes: inside, it hid the points of falling curves
        return FigureFile.Write(png, plot, Width, Height, stdout, stderr);
    }

    /// <summary>The words every name starts with ("accuracy" for "accuracy 2 templates", "accuracy 4 templates"), or "".</summary>
    public static string CommonWords(IEnumerable<string> names)
    {
        var split = names.Select(n => n.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToArray();
        if (split.Length == 0) return "";
        int k = 0;
        while (split.All(w => w.Length > k && w[k] == split[0][k])) k++;
        return string.Join(' ', split[0].Take(k));
    }
}
