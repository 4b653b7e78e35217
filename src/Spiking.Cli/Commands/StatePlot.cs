using System.Globalization;
using ScottPlot;
using Spiking.IO.Hdf5;

namespace Spiking.Cli.Commands;

/// <summary>
/// <c>spiking plot FILE.h5 --state OUT</c>: the sampled state variables (<c>/state/POP/VAR</c>) against time,
/// one panel per population and variable, stacked on one time axis; a few of the sampled neurons each, chosen
/// evenly, each trace labelled with its neuron index and each axis with the variable's unit.
/// </summary>
public static class StatePlot
{
    /// <summary>Traces per panel when not told otherwise.</summary>
    public const int DefaultTraces = 8;

    /// <summary>Most panels drawn (population × variable); the rest are named on stderr.</summary>
    public const int MaxPanels = 8;

    /// <summary>Width of the figure and height of one panel in pixels.</summary>
    public const int Width = 1100, PanelHeight = 260;

    /// <summary>Draws the state traces of <paramref name="file"/>; 0 on success, 2 on a missing or wrong file.</summary>
    public static int Execute(string file, string output, int? maxTraces, TextWriter stdout, TextWriter stderr)
    {
        int max = maxTraces ?? DefaultTraces;
        if (max < 1)
        {
            stderr.WriteLine($"error: --max-neurons must be at least 1, got {max}");
            return ExitCodes.BadInput;
        }
        if (!FigureFile.CheckDestination(output, "--state", stderr)) return ExitCodes.BadInput;
        if (!PlotCommand.TryRead(file, stderr, r => (States: r.StatePopulations.Select(r.ReadState).ToArray(), Title: PlotCommand.Title(r, file)), out var read))
            return ExitCodes.BadInput;
        var panels = read.States.SelectMany(s => s.Variables.Keys.Select(v => (State: s, Variable: v)))
            .Where(p => p.State.Time.Length > 0 && p.State.NodeIds.Length > 0).ToList();
        if (panels.Count == 0)
        {
            stderr.WriteLine($"error: {file} holds no sampled state (/state); add a state monitor to the model, e.g. [[monitors]] kind = \"state\"");
            return ExitCodes.BadInput;
        }
        if (panels.Count > MaxPanels)
        {
            stderr.WriteLine($"note: drawing the first {MaxPanels} of {panels.Count} state panels; left out: " +
                string.Join(", ", panels.Skip(MaxPanels).Select(p => p.State.Population + "/" + p.Variable)));
            panels = panels.Take(MaxPanels).ToList();
        }

        var multiplot = new Multiplot();
        var layout = new ScottPlot.MultiplotLayouts.CustomGrid();
        double start = panels.Min(p => p.State.Time[0]), end = panels.Max(p => p.State.Time[^1]);
        if (!(end > start)) end = start + 1;
        for (int k = 0; k < panels.Count; k++)
        {
            var plot = Panel(panels[k].State, panels[k].Variable, max);
            bool first = k == 0, last = k == panels.Count - 1;
            if (first) plot.Axes.Title.Label.Text = read.Title + "\n" + plot.Axes.Title.Label.Text;
            if (last) plot.XLabel("time (ms)");
            else plot.Axes.Bottom.TickLabelStyle.IsVisible = false;
            plot.Axes.SetLimitsX(start, end);
            plot.Layout.Fixed(new PixelPadding(90, 150, last ? 45 : 10, first ? 58 : 30));
            multiplot.AddPlot(plot);
            layout.Set(plot, new GridCell(k, 0, panels.Count, 1));
        }
        multiplot.Layout = layout;
        return FigureFile.Write(output, multiplot, Width, PanelHeight * panels.Count + 60, stdout, stderr);
    }

    private static Plot Panel(StateData state, string variable, int max)
    {
        var values = state.Variables[variable];
        string unit = state.Units.TryGetValue(variable, out var u) && u.Length > 0 ? u : "no unit";
        var columns = Enumerable.Range(0, state.NodeIds.Length).Select(i => (ulong)i).ToArray();
        var shown = NeuronSample.Evenly(columns, max);
        var plot = new Plot();
        var palette = new ScottPlot.Palettes.Category10();
        for (int k = 0; k < shown.Length; k++)
        {
            int col = (int)shown[k];
            var ys = new double[state.Time.Length];
            for (int t = 0; t < ys.Length; t++) ys[t] = values[t, col];
            var line = plot.Add.ScatterLine(state.Time, ys, palette.GetColor(k % 10));
            line.LineWidth = 1.2f;
            line.LegendText = "neuron " + state.NodeIds[col].ToString(CultureInfo.InvariantCulture);
        }
        plot.YLabel($"{variable} ({unit})");
        plot.Title(string.Format(CultureInfo.InvariantCulture, "{0}: {1}, {2} of {3} sampled neurons", state.Population, variable, shown.Length, state.NodeIds.Length));
        plot.Axes.Title.Label.FontSize = 14;
        plot.ShowLegend(Edge.Right);
        return plot;
    }
}
