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

        var rfile = new Argument<string>("OUT") { Description = "an output of spiking run (HDF5)" };
        var rout = new Option<string?>("--out", "-o") { Description = "where to write the new run (default: OUT's name with .rerun.h5); never OUT itself" };
        var rbackend = new Option<string?>("--backend") { Description = "run on this backend instead of the recorded one (a device run checked on the cpu)" };
        var rquiet = new Option<bool>("--quiet", "-q") { Description = "print only the verdict" };
        var rerun = new Command("rerun", "run an output's recorded model and options again; exit 0 when every spike dataset is byte-identical, 3 when not") { rfile, rout, rbackend, rquiet };
        rerun.SetAction(r => RerunCommand.Execute(r.GetValue(rfile)!, r.GetValue(rout), r.GetValue(rbackend), r.GetValue(rquiet), stdout, stderr));

        var vmodel = new Argument<string>("MODEL") { Description = "model file (TOML)" };
        var vvariant = new Option<string?>("--variant") { Description = "named variant to check" };
        var validate = new Command("validate", "check a model file and report every problem at once") { vmodel, vvariant };
        validate.SetAction(r => ValidateCommand.Execute(r.GetValue(vmodel)!, r.GetValue(vvariant), stdout, stderr));

        var file = new Argument<string>("FILE") { Description = "HDF5 file written by spiking run" };
        var from = new Option<string?>("--from") { Description = "statistics over the time after this (e.g. \"500 ms\", to drop a transient)" };
        var info = new Command("info", "rates, CV of inter-spike intervals and synchrony per population") { file, from };
        info.SetAction(r => InfoCommand.Execute(r.GetValue(file)!, stdout, stderr, r.GetValue(from)));

        var plot = PlotOptions.Command(stdout, stderr);

        root.Subcommands.Add(run);
        root.Subcommands.Add(rerun);
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
