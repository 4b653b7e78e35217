using System.CommandLine;

namespace Spiking.Cli.Commands;

/// <summary>
/// The <c>spiking plot</c> command: one view per call, chosen by the option that names the figure file. Every
/// view writes PNG, SVG or PDF by the figure file's extension.
/// </summary>
public static class PlotOptions
{
    /// <summary>The command with its options, writing to the given streams.</summary>
    public static Command Command(TextWriter stdout, TextWriter stderr)
    {
        var file = new Argument<string>("FILE") { Description = "HDF5 file written by spiking run (or by a bgG-RNN run for --features, --recurrent, --learning), or a CSV table for --curve" };
        var raster = new Option<string?>("--raster") { Description = "figure to write: spike raster (neurons sampled evenly) over the population rates" };
        var state = new Option<string?>("--state") { Description = "figure to write: sampled state variables against time (/state), a few neurons each" };
        var readout = new Option<string?>("--readout") { Description = "figure to write: each readout's prediction against its target (/readouts)" };
        var weights = new Option<string?>("--weights") { Description = "figure to write: weight snapshots (/weights) as a pre x post heat map, their histogram, and the mean weight over time" };
        var learning = new Option<string?>("--learning") { Description = "figure to write: held-out scores of a bgG-RNN run against sequences seen (its checkpoints)" };
        var curve = new Option<string?>("--curve") { Description = "figure to write: the columns of a CSV file as curves against its first column (X_std or X_err columns become error bars of X)" };
        var features = new Option<string?>("--features") { Description = "figure to write: the learned features of a bgG-RNN run as image tiles" };
        var recurrent = new Option<string?>("--recurrent") { Description = "figure to write: R of a bgG-RNN run as a heat map, units ordered by preferred direction" };
        var maxNeurons = NumericOptions.Int("--max-neurons", "neurons shown per population: raster rows (default 500), state traces (default 8)", 1, 1_000_000);
        var bin = new Option<string?>("--bin") { Description = "rate bin of --raster, e.g. \"1 ms\" (default 5 ms, 1 ms for runs under 250 ms)" };
        var from = new Option<string?>("--from") { Description = "--raster: draw from this time, e.g. \"100 ms\" (default: the recording's start)" };
        var to = new Option<string?>("--to") { Description = "--raster: draw up to this time, e.g. \"150 ms\" (default: the recording's end)" };
        var views = new[] { raster, state, readout, weights, learning, curve, features, recurrent };
        var command = new Command("plot", "draw a figure (.png, .svg or .pdf by the file name): --raster, --state, --readout, --weights, --learning, --curve, --features or --recurrent")
        {
            file, raster, state, readout, weights, learning, curve, features, recurrent, maxNeurons, bin, from, to,
        };
        command.SetAction(r =>
        {
            var given = views.Where(v => r.GetValue(v) is not null).ToArray();
            if (given.Length != 1)
            {
                stderr.WriteLine("error: give exactly one of " + string.Join(", ", views.Select(v => v.Name + " FIGURE")) + $" (FIGURE ends in {FigureFile.Formats})");
                return ExitCodes.BadInput;
            }
            var view = given[0];
            FigureFile.PreferSansSerif();
            string input = r.GetValue(file)!, output = r.GetValue(view)!;
            // A figure never replaces the file it draws, nor any HDF5 file (an output or a saved model).
            if (File.Exists(input) && OutputPaths.Same(input, output))
            {
                stderr.WriteLine($"error: {view.Name} {output}: is the file this plot reads; an output never replaces an input: choose another name");
                return ExitCodes.BadInput;
            }
            if (OutputPaths.Problem(view.Name, output, path => !OutputPaths.IsHdf5(path)) is { } why)
            {
                stderr.WriteLine(why);
                return ExitCodes.BadInput;
            }
            foreach (var rasterOnly in new[] { bin, from, to })
                if (r.GetValue(rasterOnly) is not null && view != raster)
                {
                    stderr.WriteLine($"error: {rasterOnly.Name} applies to --raster only, not {view.Name}");
                    return ExitCodes.BadInput;
                }
            if (r.GetValue(maxNeurons) is not null && view != raster && view != state)
            {
                stderr.WriteLine($"error: --max-neurons applies to --raster and --state only, not {view.Name}");
                return ExitCodes.BadInput;
            }
            if (view == raster) return PlotCommand.Execute(input, output, r.GetValue(maxNeurons), r.GetValue(bin), r.GetValue(from), r.GetValue(to), stdout, stderr);
            if (view == state) return StatePlot.Execute(input, output, r.GetValue(maxNeurons), stdout, stderr);
            if (view == readout) return ReadoutPlot.Execute(input, output, stdout, stderr);
            if (view == weights) return WeightPlot.Execute(input, output, stdout, stderr);
            if (view == learning) return MotionPlot.Learning(input, output, stdout, stderr);
            if (view == curve) return CurvePlot.Execute(input, output, stdout, stderr);
            if (view == features) return MotionPlot.Features(input, output, stdout, stderr);
            return MotionPlot.Recurrent(input, output, stdout, stderr);
        });
        return command;
    }
}
