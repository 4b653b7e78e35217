using System.Globalization;
using System.Reflection;
using Spectre.Console;
using Spiking.Description;
using Spiking.Engine;
using Spiking.Gpu;
using Spiking.IO.Hdf5;
using Spiking.Runtime;

namespace Spiking.Cli.Commands;

/// <summary><c>spiking run MODEL</c>: builds the network, simulates it and writes the HDF5 output.</summary>
public static class RunCommand
{
    /// <summary>Options of one run, as given on the command line.</summary>
    public sealed record Options(string Model, string? Out, ulong? Seed, string? Duration, int? Threads, string? Variant, bool Quiet)
    {
        /// <summary>"step" or "event" from --mode; null keeps the model file's mode.</summary>
        public string? Mode { get; init; }

        /// <summary>--save-trained: where to save the trained network and readouts after the run.</summary>
        public string? SaveTrained { get; init; }

        /// <summary>--scale: resize the populations, keeping in-degrees (<see cref="NetworkScaling"/>); null leaves the file's sizes.</summary>
        public double? Scale { get; init; }

        /// <summary>--backend: cpu (null means cpu), cuda, opencl, ilgpu-cpu or auto.</summary>
        public string? Backend { get; init; }

        /// <summary>--device-sums: deterministic (null means deterministic) or fast.</summary>
        public string? DeviceSums { get; init; }

        /// <summary>The model text to run instead of reading <see cref="Model"/> (<c>spiking rerun</c>: the text an output stored); <see cref="Model"/> then only names it.</summary>
        public string? ModelText { get; init; }
    }

    /// <summary>The software version written into outputs.</summary>
    public static string Version =>
        typeof(RunCommand).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    // The composition root of the run command: engines outside Core join the catalog here, once.
    static RunCommand()
    {
        Cpu.CpuEngine.Register();
        EventDriven.EventEngine.Register();
        DeviceEngine.Register();
    }

    /// <summary>Runs the model; 0 on success, 2 on bad input, 1 on internal failure.</summary>
    public static int Execute(Options o, TextWriter stdout, TextWriter stderr)
    {
        string backend = (o.Backend ?? "cpu").Trim().ToLowerInvariant();
        if (!EngineCatalog.BackendNames.Contains(backend))
        {
            stderr.WriteLine($"error: --backend {o.Backend}: unknown backend; expected one of {string.Join(", ", EngineCatalog.BackendNames)}");
            return ExitCodes.BadInput;
        }
        var settings = new Dictionary<string, string>(StringComparer.Ordinal);
        if (o.DeviceSums is not null)
        {
            string sums = o.DeviceSums.Trim().ToLowerInvariant();
            if (sums is not ("deterministic" or "fast"))
            {
                stderr.WriteLine($"error: --device-sums {o.DeviceSums}: expected deterministic or fast");
                return ExitCodes.BadInput;
            }
            settings["sums"] = sums;
        }
        if (backend == "auto")
        {
            backend = EngineCatalog.Resolve(backend);
            if (!o.Quiet) stdout.WriteLine(backend == "cuda" ? "backend auto: using cuda" : "backend auto: no CUDA device found, using cpu");
        }
        else if (!EngineCatalog.Engines.Any(e => e.Backends.Contains(backend) && e.IsPresent(backend)))
        {
            stderr.WriteLine($"error: --backend {backend}: no {backend} device found (use --backend cpu, or auto to fall back to it)");
            return ExitCodes.BadInput;
        }
        bool device = backend != "cpu";
        if (o.DeviceSums is not null && !device)
        {
            stderr.WriteLine("error: --device-sums applies to device backends (cuda, opencl, ilgpu-cpu); this run is on the cpu");
            return ExitCodes.BadInput;
        }
        // A model file with a [bgrnn] table trains the binary-gated Gaussian RNN (docs/motion.md), on the CPU.
        if (o.ModelText is null && Spiking.IO.ModelFiles.BgRnnFileReader.DeclaresFile(o.Model))
        {
            if (device)
            {
                stderr.WriteLine($"error: {o.Model} trains a bgG-RNN ([bgrnn]), which runs on the cpu only; drop --backend {backend}");
                return ExitCodes.BadInput;
            }
            return BgRnnCommand.Run(o, stdout, stderr);
        }

        // A saved trained model (spiking run MODEL --save-trained FILE) runs again with its weights.
        Network? loaded = null;
        NetworkSpec? spec;
        if (o.ModelText is null && File.Exists(o.Model) && TrainedModel.IsTrainedModel(o.Model))
        {
            if (o.Variant is not null || o.Mode is not null || o.Scale is not null)
            {
                stderr.WriteLine($"error: {o.Model} is a saved trained model: it keeps the variant, mode and size it was trained with (drop --variant, --mode and --scale)");
                return ExitCodes.BadInput;
            }
            double? newDuration = null;
            if (o.Duration is not null)
            {
                if (!Units.Quantity.TryParse(o.Duration, Units.Dimension.Time, out var d, out var why) || !(d >= 0))
                {
                    stderr.WriteLine($"error: --duration expects a time such as \"500 ms\" or \"2 s\" (a bare number is ms): {(why.Length > 0 ? why : $"got {o.Duration}")}");
                    return ExitCodes.BadInput;
                }
                newDuration = d;
            }
            try
            {
                loaded = TrainedModel.LoadNetwork(o.Model, o.Threads ?? 0, sp => sp with
                {
                    Simulation = sp.Simulation with { Duration = newDuration ?? sp.Simulation.Duration, Seed = o.Seed ?? sp.Simulation.Seed },
                });
            }
            catch (Exception e) when (e is InvalidDataException or SpecException or ArgumentException)
            {
                stderr.WriteLine($"error: {o.Model}: cannot load the trained model: {e.Message}");
                return ExitCodes.BadInput;
            }
            spec = loaded.Spec;
        }
        else
        {
            spec = ModelLoading.Load(o.Model, o.Variant, o.Seed, o.Duration, o.Threads, stderr, o.Mode, o.Scale, o.ModelText);
            if (spec is null) return ExitCodes.BadInput;
        }
        if (o.SaveTrained is not null && spec.Simulation.Mode == SimulationMode.Event)
        {
            stderr.WriteLine("error: --save-trained saves readouts and learned weights of the time-stepped mode; drop --mode event");
            return ExitCodes.BadInput;
        }
        if (o.SaveTrained is not null && spec.SourceText is null)
        {
            stderr.WriteLine("error: --save-trained needs a model read from a model file");
            return ExitCodes.BadInput;
        }
        string outPath = o.Out ?? Path.ChangeExtension(Path.GetFileName(o.Model), ".h5");
        string? outDir = Path.GetDirectoryName(Path.GetFullPath(outPath));
        if (outDir is not null && !Directory.Exists(outDir))
        {
            stderr.WriteLine($"error: --out {outPath}: directory {outDir} does not exist");
            return ExitCodes.BadInput;
        }

        bool interactive = !o.Quiet && !Console.IsOutputRedirected && ReferenceEquals(stdout, Console.Out);
        if (!o.Quiet) stdout.WriteLine($"building {o.Model} ...");
        var network = loaded ?? Network.Build(spec, 0, null, o.Quiet ? null : new BuildProgressLines(stderr));
        ISimulation? simulation = null;
        try
        {
            simulation = EngineCatalog.Create(network, new EngineOptions { Backend = backend, Threads = o.Threads ?? 0, Settings = settings });
            // A saved model's readouts start from its saved weights, on every engine.
            if (loaded is not null) TrainedModel.LoadReadouts(o.Model, simulation.Readouts, spec);
        }
        catch (UnsupportedFeatureException e)
        {
            simulation?.Dispose();
            stderr.WriteLine($"error: {o.Model}: {e.Message}{(device ? " (use --backend cpu)" : "")}");
            return ExitCodes.BadInput;
        }
        catch (InvalidDataException e)
        {
            simulation?.Dispose();
            stderr.WriteLine($"error: {o.Model}: cannot load the trained model: {e.Message}");
            return ExitCodes.BadInput;
        }
        using var sim = simulation;
        Func<IRecorder, IProgress<RunProgress>?, RunResult> runIt = (rec, prog) => sim.Run(recorder: rec, progress: prog);
        if (!o.Quiet)
            stdout.WriteLine($"built {network.NeuronCount:N0} neurons, {network.SynapseCount:N0} synapses in {network.BuildSeconds:F2} s{sim.Describe()}");

        RunResult result;
        using (var recorder = new Hdf5Recorder(outPath, sim.Backend, sim.Mode, sim.Threads, Version) { Run = RunRecording.Record(o, spec, backend, settings, loaded is not null) })
        {
            if (interactive && spec.Simulation.Duration > 0)
            {
                RunResult? r = null;
                AnsiConsole.Progress()
                    .AutoClear(true)
                    .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
                    .Start(ctx =>
                    {
                        var task = ctx.AddTask("simulating", maxValue: spec.Simulation.Duration);
                        var progress = new Progress(p =>
                        {
                            task.Value = p.SimulatedTime;
                            task.Description = $"{p.SimulatedTime:F0}/{p.TotalTime:F0} ms, {p.RealTimeFactor:F2}x real time";
                        });
                        r = runIt(recorder, progress);
                    });
                result = r!;
            }
            else
            {
                var progress = o.Quiet ? null : new PlainProgress(stdout);
                result = runIt(recorder, progress);
            }
        }

        if (!o.Quiet) PrintSummary(network, result, outPath, stdout, device ? $"on {sim.Backend}" : null, loaded is null ? null : TrainedModel.ReadScores(o.Model));
        if (o.SaveTrained is not null)
        {
            TrainedModel.Save(o.SaveTrained, network, sim.Readouts, loaded is null ? spec.Variant : null, result.Readouts);
            if (!o.Quiet) stdout.WriteLine($"saved the trained network and readouts to {o.SaveTrained} (run it again with: spiking run {o.SaveTrained})");
        }
        return ExitCodes.Ok;
    }

    private static void PrintSummary(Network network, RunResult result, string outPath, TextWriter stdout, string? where, IReadOnlyDictionary<string, ReadoutScore>? original)
    {
        var inv = CultureInfo.InvariantCulture;
        stdout.WriteLine();
        stdout.WriteLine(string.Format(inv, "{0,-16} {1,-12} {2,10} {3,12} {4,12}", "population", "model", "neurons", "spikes", "rate (Hz)"));
        for (int p = 0; p < network.Populations.Count; p++)
        {
            var pop = network.Populations[p];
            double rate = result.SimulatedTime > 0 ? result.SpikeCounts[p] / (pop.Size * result.SimulatedTime * 1e-3) : 0;
            if (pop.Model.IsRate)
                stdout.WriteLine(string.Format(inv, "{0,-16} {1,-12} {2,10:N0} {3,12} {4,12}", pop.Spec.Name, pop.Model.Name, pop.Size, "(rate)", "-"));
            else
                stdout.WriteLine(string.Format(inv, "{0,-16} {1,-12} {2,10:N0} {3,12:N0} {4,12:F3}", pop.Spec.Name, pop.Model.Name, pop.Size, result.SpikeCounts[p], rate));
        }
        stdout.WriteLine();
        stdout.WriteLine(string.Format(inv, "neurons {0:N0}, synapses {1:N0}, synaptic events {2:N0}", network.NeuronCount, network.SynapseCount, result.SynapticEvents));
        stdout.WriteLine(string.Format(inv, "simulated {0} ms in {1:F3} s wall ({2:F2}x real time), build {3:F3} s, {4}",
            result.SimulatedTime, result.WallSeconds, result.RealTimeFactor, network.BuildSeconds,
            where ?? $"{result.Threads} thread{(result.Threads == 1 ? "" : "s")}"));
        // The event-driven engine runs one event loop and measures no phases: say nothing rather than zeros.
        bool phases = result.Profile.InputSeconds + result.Profile.UpdateSeconds + result.Profile.PropagateSeconds + result.Profile.RecordSeconds > 0;
        if (where is null && phases) stdout.WriteLine($"time per phase: {result.Profile}");
        else if (where is not null) stdout.WriteLine(string.Format(inv, "time per phase: device {0:F3} s (inputs, update and propagation: {2:N0} kernel launches, {3:F1} per step), copy-back and recording {1:F3} s",
                result.Profile.UpdateSeconds, result.Profile.RecordSeconds, result.KernelLaunches, result.Steps > 0 ? (double)result.KernelLaunches / result.Steps : 0));
        RunRecording.PrintReadouts(result.Readouts, network.Spec, original, stdout);
        stdout.WriteLine($"wrote {outPath}");
    }

    /// <summary>Progress as plain lines (about every 10% of the run) when output is not a terminal.</summary>
    private sealed class PlainProgress(TextWriter stdout) : IProgress<RunProgress>
    {
        private int _lastDecile = -1;

        public void Report(RunProgress p)
        {
            if (p.WallSeconds < 1 && p.SimulatedTime < p.TotalTime) return;
            int decile = p.TotalTime > 0 ? (int)(10 * p.SimulatedTime / p.TotalTime) : 10;
            if (decile <= _lastDecile) return;
            _lastDecile = decile;
            stdout.WriteLine(string.Format(CultureInfo.InvariantCulture, "  {0:F0}/{1:F0} ms  {2:F1} s wall  {3:F2}x real time", p.SimulatedTime, p.TotalTime, p.WallSeconds, p.RealTimeFactor));
        }
    }

    /// <summary>Synchronous IProgress (System.Progress posts to the thread pool, too late for a bar).</summary>
    private sealed class Progress(Action<RunProgress> report) : IProgress<RunProgress>
    {
        public void Report(RunProgress value) => report(value);
    }
}
