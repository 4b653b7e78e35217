using System.CommandLine;
using Spiking.Cli.Commands;

namespace Spiking.Cli;

/// <summary>The <c>spiking</c> command line: run, validate, info, plot.</summary>
public static class Program
{
    public static int Main(string[] args)
    {
        try
        {
            return Invoke(args, Console.Out, Console.Error);
        }
        catch (Exception e)
        {
            Console.Error.WriteLine($"internal error: {e}");
            return ExitCodes.InternalError;
        }
    }

    /// <summary>Parses and runs one command line, writing to the given streams.</summary>
    public static int Invoke(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var root = new RootCommand("spiking: simulate networks of spiking neurons and write HDF5 (see README.md)");

        var model = new Argument<string>("MODEL") { Description = "model file (TOML), for example models/cuba.toml" };
        var outOpt = new Option<string?>("--out", "-o") { Description = "output HDF5 file (default: the model's name with .h5, in the current directory)" };
        var seed = NumericOptions.UInt64("--seed", "seed of every random stream (overrides the model file)");
        var duration = new Option<string?>("--duration") { Description = "simulated time, e.g. \"500 ms\" or \"2 s\" (a bare number is ms)" };
        var threads = NumericOptions.Int("--threads", $"worker threads, 0 = automatic, at most {NumericOptions.MaxThreads} (results do not depend on it)", 0, NumericOptions.MaxThreads, " (0 = automatic)");
        var variant = new Option<string?>("--variant") { Description = "named variant of the model file (for example SR or AI in models/brunel.toml)" };
        var mode = new Option<string?>("--mode") { Description = "step (time-stepped, default) or event (event-driven, exact spike times; lif_delta and lif_cuba only); overrides the model file" };
        var quiet = new Option<bool>("--quiet", "-q") { Description = "print nothing but errors" };
        var scale = NumericOptions.Positive("--scale", "resize every population by this factor, keeping each neuron's in-degree (e.g. 0.1 for the microcircuit on 2 cores)", NumericOptions.MaxScale);
        var saveTrained = new Option<string?>("--save-trained") { Description = "after the run, save the network's weights and trained readouts to this HDF5 file; 'spiking run FILE' runs it again with them" };
        var backend = new Option<string?>("--backend") { Description = "where to run: cpu (default), cuda, opencl, ilgpu-cpu (ILGPU's CPU accelerator, for tests: very slow) or auto (cuda when present, else cpu)" };
        var deviceSums = new Option<string?>("--device-sums") { Description = "on a device backend: deterministic (default; the CPU backend's sums and spikes, bit for bit) or fast (atomic additions; see docs/gpu.md)" };
        var run = new Command("run", "simulate a model (or a saved trained model) and write its recordings to HDF5") { model, outOpt, seed, duration, threads, variant, mode, scale, backend, deviceSums, saveTrained, quiet };
        run.SetAction(r => RunCommand.Execute(new RunCommand.Options(r.GetValue(model)!, r.GetValue(outOpt), r.GetValue(seed), r.GetValue(duration),
            r.GetValue(threads), r.GetValue(variant), r.GetValue(quiet))
        {
            Mode = r.GetValue(mode), SaveTrained = r.GetValue(saveTrained), Scale = r.GetValue(scale), Backend = r.GetValue(backend), DeviceSums = r.GetValue(deviceSums),
        }, stdout, stderr));

        var vmodel = new Argument<string>("MODEL") { Description = "model file (TOML)" };
        var vvariant = new Option<string?>("--variant") { Description = "named variant to check" };
        var validate = new Command("validate", "check a model file and report every problem at once") { vmodel, vvariant };
        validate.SetAction(r => ValidateCommand.Execute(r.GetValue(vmodel)!, r.GetValue(vvariant), stdout, stderr));

        var file = new Argument<string>("FILE") { Description = "HDF5 file written by spiking run" };
        var from = new Option<string?>("--from") { Description = "statistics over the time after this (e.g. \"500 ms\", to drop a transient)" };
        var info = new Command("info", "rates, CV of inter-spike intervals and synchrony per population") { file, from };
        info.SetAction(r => InfoCommand.Execute(r.GetValue(file)!, stdout, stderr, r.GetValue(from)));

        var pfile = new Argument<string>("FILE") { Description = "HDF5 file written by spiking run (--raster), or a CSV table x, y1, y2, ... (--curve)" };
        var raster = new Option<string?>("--raster") { Description = "PNG to write: spike raster over the population rate (FILE is HDF5)" };
        var curve = new Option<string?>("--curve") { Description = "PNG to write: the columns of a CSV file as curves against its first column (FILE is CSV)" };
        var maxNeurons = NumericOptions.Int("--max-neurons", "neurons shown per population (default 500)", 1, 1_000_000);
        var features = new Option<string?>("--features") { Description = "PNG to write: the learned features of a bgG-RNN run as image tiles (FILE is its HDF5 output)" };
        var recurrent = new Option<string?>("--recurrent") { Description = "PNG to write: R of a bgG-RNN run as a heat map, units ordered by preferred direction" };
        var plot = new Command("plot", "draw a spike raster and rate trace (--raster), curves from a CSV table (--curve), or a bgG-RNN's features (--features) and recurrent weights (--recurrent)") { pfile, raster, curve, maxNeurons, features, recurrent };
        plot.SetAction(r =>
        {
            string? rasterPng = r.GetValue(raster), curvePng = r.GetValue(curve), featuresPng = r.GetValue(features), recurrentPng = r.GetValue(recurrent);
            if (new[] { rasterPng, curvePng, featuresPng, recurrentPng }.Count(p => p is not null) != 1)
            {
                stderr.WriteLine("error: give one of --raster PNG (spikes of an HDF5 file), --curve PNG (a CSV table), --features PNG or --recurrent PNG (a bgG-RNN output)");
                return ExitCodes.BadInput;
            }
            string input = r.GetValue(pfile)!, image = (rasterPng ?? curvePng ?? featuresPng ?? recurrentPng)!;
            string option = rasterPng is not null ? "--raster" : curvePng is not null ? "--curve" : featuresPng is not null ? "--features" : "--recurrent";
            if (File.Exists(input) && OutputPaths.Same(input, image))
            {
                stderr.WriteLine($"error: {option} {image}: is the file this plot reads; an output never replaces an input: choose another name");
                return ExitCodes.BadInput;
            }
            if (OutputPaths.Problem(option, image, path => !OutputPaths.IsHdf5(path)) is { } why)
            {
                stderr.WriteLine(why);
                return ExitCodes.BadInput;
            }
            if (featuresPng is not null) return MotionPlot.Features(r.GetValue(pfile)!, featuresPng, stdout, stderr);
            if (recurrentPng is not null) return MotionPlot.Recurrent(r.GetValue(pfile)!, recurrentPng, stdout, stderr);
            return curvePng is not null
                ? CurvePlot.Execute(r.GetValue(pfile)!, curvePng, stdout, stderr)
                : PlotCommand.Execute(r.GetValue(pfile)!, rasterPng!, r.GetValue(maxNeurons), stdout, stderr);
        });

        root.Subcommands.Add(run);
        root.Subcommands.Add(validate);
        root.Subcommands.Add(info);
        root.Subcommands.Add(plot);

        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var e in parsed.Errors) stderr.WriteLine($"error: {e.Message}");
            stderr.WriteLine("run 'spiking --help' for usage");
            return ExitCodes.BadInput;
        }
        return parsed.Invoke(new InvocationConfiguration { Output = stdout, Error = stderr });
    }
}
