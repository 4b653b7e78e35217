using System.Globalization;
using ScottPlot;

namespace Spiking.Cli.Commands;

/// <summary>
/// <c>spiking plot FILE.csv --curve PNG</c>: curves from a CSV table such as the examples write
/// (the separation curve of a liquid, accuracy against jitter). The first line names the columns;
/// the first column is x, every other column is one curve (lines with markers) against it, labelled
/// by its name. Lines starting with # are comments; empty cells are skipped.
/// </summary>
public static class CurvePlot
{
    /// <summary>Size of the PNG in pixels.</summary>
    public const int Width = 900, Height = 600;

    /// <summary>Draws <paramref name="csv"/> to <paramref name="png"/>; 0 on success, 2 for a missing or malformed file.</summary>
    public static int Execute(string csv, string png, TextWriter stdout, TextWriter stderr)
    {
        string? dir = Path.GetDirectoryName(Path.GetFullPath(png));
        if (dir is not null && !Directory.Exists(dir))
        {
            stderr.WriteLine($"error: --curve {png}: directory {dir} does not exist");
            return ExitCodes.BadInput;
        }
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
        for (int c = 0; c < xs.Length; c++)
        {
            if (xs[c].Count == 0) continue;
            var s = plot.Add.Scatter(xs[c].ToArray(), ys[c].ToArray(), palette.GetColor(c));
            s.LineWidth = 2;
            s.MarkerSize = 7;
            s.LegendText = header[c + 1];
        }
        plot.Title(Path.GetFileName(csv));
        plot.XLabel(header[0]);
        plot.YLabel(xs.Length == 1 ? header[1] : "value");
        if (xs.Length > 1) plot.ShowLegend(Edge.Bottom); // below the axes: inside, it hid the points of falling curves
        try
        {
            plot.SavePng(png, Width, Height);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"error: cannot write {png}: {e.Message}");
            return ExitCodes.BadInput;
        }
        stdout.WriteLine($"wrote {png}");
        return ExitCodes.Ok;
    }
}
