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
        // What the model file is, by its content: a saved trained model runs again with its weights.
        if (Directory.Exists(o.Model))
        {
            stderr.WriteLine($"error: {o.Model} is a directory, not a model file");
            return ExitCodes.BadInput;
        }
        bool saved = o.ModelText is null && File.Exists(o.Model) && OutputPaths.IsHdf5(o.Model) && TrainedModel.IsTrainedModel(o.Model);
        // A model file with a [bgrnn] table trains the binary-gated Gaussian RNN (docs/motion.md), on the CPU.
        if (o.ModelText is null && !saved && Spiking.IO.ModelFiles.BgRnnFileReader.DeclaresFile(o.Model))
        {
            if (device)
            {
                stderr.WriteLine($"error: {o.Model} trains a bgG-RNN ([bgrnn]), which runs on the cpu only; drop --backend {backend}");
                return ExitCodes.BadInput;
            }
            return BgRnnCommand.Run(o, stdout, stderr);
        }

        Network? loaded = null;
        NetworkSpec? spec;
        if (saved)
        {
            loaded = SavedModelRun.Load(o, stderr);
            if (loaded is null) return ExitCodes.BadInput;
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
        if (RunOutputs.Resolve(o.Model, o.Out, o.SaveTrained, [("model file", o.Model)], o.Quiet, stdout, stderr) is not { } outputs) return ExitCodes.BadInput;
        string outPath = outputs.Out;

        using var interrupts = new RunInterrupts();
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
        catch (Exception e) when (loaded is not null && e is not OutOfMemoryException)
        {
            simulation?.Dispose();
            stderr.WriteLine($"error: {o.Model}: cannot load the trained model: {e.Message}");
            return ExitCodes.BadInput;
        }
        using var sim = simulation;
        if (!o.Quiet)
            stdout.WriteLine($"built {network.NeuronCount:N0} neurons, {network.SynapseCount:N0} synapses in {network.BuildSeconds:F2} s{sim.Describe()}");

        RunResult result;
        try
        {
            result = Simulate(sim, spec, outPath, RunRecording.Record(o, spec, backend, settings, loaded is not null), o.Quiet, interrupts.Token, stdout);
        }
        catch (OperationCanceledException) when (interrupts.ExitCode is { } code)
        {
            stderr.WriteLine(string.Format(CultureInfo.InvariantCulture,
                "interrupted by {0} at t = {1:0.###} ms of {2:0.###} ms; nothing written ({3} was not created{4})",
                interrupts.Signal, sim.Time, spec.Simulation.Duration, outPath, o.SaveTrained is null ? "" : $", nor {o.SaveTrained}"));
            return code;
        }

        if (!o.Quiet) RunSummary.Print(network, result, outPath, stdout, device ? $"on {sim.Backend}" : null, loaded is null ? null : TrainedModel.ReadScores(o.Model));
        if (o.SaveTrained is not null)
        {
            TrainedModel.Save(o.SaveTrained, network, sim.Readouts, loaded is null ? spec.Variant : null, result.Readouts);
            if (!o.Quiet) stdout.WriteLine($"saved the trained network and readouts to {o.SaveTrained} (run it again with: spiking run {o.SaveTrained})");
        }
        return interrupts.ExitCode ?? ExitCodes.Ok;
    }

    /// <summary>
    /// Runs the simulation into <paramref name="outPath"/>: the recorder writes a temporary file and renames
    /// it when complete, and removes everything it wrote when the run is interrupted or fails.
    /// </summary>
    private static RunResult Simulate(ISimulation sim, NetworkSpec spec, string outPath, RunRecord run, bool quiet, CancellationToken cancel, TextWriter stdout)
    {
        bool interactive = !quiet && !Console.IsOutputRedirected && ReferenceEquals(stdout, Console.Out);
        using var recorder = new Hdf5Recorder(outPath, sim.Backend, sim.Mode, sim.Threads, Version) { Run = run };
        // A signal that came while the network was built stops the run before its first step.
        cancel.ThrowIfCancellationRequested();
        if (!interactive || !(spec.Simulation.Duration > 0))
            return sim.Run(recorder: recorder, progress: quiet ? null : new RunSummary.PlainProgress(stdout), cancel: cancel);
        RunResult? r = null;
        AnsiConsole.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .Start(ctx =>
            {
                var task = ctx.AddTask("simulating", maxValue: spec.Simulation.Duration);
                var progress = new RunSummary.Progress(p =>
                {
                    task.Value = p.SimulatedTime;
                    task.Description = $"{p.SimulatedTime:F0}/{p.TotalTime:F0} ms, {p.RealTimeFactor:F2}x real time";
                });
                r = sim.Run(recorder: recorder, progress: progress, cancel: cancel);
            });
        return r!;
    }
}
