using Spiking.Description;
using Spiking.IO.Hdf5;
using Spiking.IO.ModelFiles;
using Spiking.Motion;

namespace Spiking.Cli.Commands;

/// <summary>
/// <c>spiking run MODEL</c> and <c>spiking validate MODEL</c> for a model file with a <c>[bgrnn]</c>
/// table: trains the binary-gated Gaussian RNN of docs/motion.md and writes /bgrnn to HDF5.
/// </summary>
public static class BgRnnCommand
{
    /// <summary>Reads the file, reporting problems like <see cref="ModelLoading"/>; null on bad input.</summary>
    public static BgRnnRunSpec? Load(string path, TextWriter stderr)
    {
        try
        {
            return BgRnnFileReader.Read(path);
        }
        catch (SpecException e)
        {
            ErrorReport.Write(stderr, path, e.Errors, "bgG-RNN model");
            return null;
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or UnauthorizedAccessException or IOException)
        {
            stderr.WriteLine($"error: cannot read model file {path}: {e.Message}");
            return null;
        }
    }

    /// <summary>Validates the file; 0 when valid, 2 otherwise.</summary>
    public static int Validate(string path, TextWriter stdout, TextWriter stderr)
    {
        var spec = Load(path, stderr);
        if (spec is null) return ExitCodes.BadInput;
        stdout.WriteLine($"{path}: valid (bgG-RNN: {spec.Training.Units} units on {spec.Stimuli.Size}x{spec.Stimuli.Size} patches, {spec.Training.TrainSequences} training sequences of {spec.Stimuli.Frames} frames)");
        return ExitCodes.Ok;
    }

    /// <summary>Trains and writes the output; 0 on success, 2 on bad input.</summary>
    public static int Run(RunCommand.Options o, TextWriter stdout, TextWriter stderr)
    {
        if (o.Duration is not null || o.Variant is not null || o.Mode is not null || o.SaveTrained is not null || o.Threads is not null)
        {
            stderr.WriteLine($"error: {o.Model} is a bgG-RNN model ([bgrnn]): --duration, --variant, --mode, --threads and --save-trained do not apply (its length is train_sequences)");
            return ExitCodes.BadInput;
        }
        var spec = Load(o.Model, stderr);
        if (spec is null) return ExitCodes.BadInput;
        if (o.Seed is { } seed)
            spec = spec with { Training = spec.Training with { Seed = seed }, StimulusSeed = seed, HeldOutSeed = seed + 1_000_003 };
        var inputs = new List<(string, string)> { ("model file", o.Model) };
        if (spec.MovieFile is not null) inputs.Add(("movie (bgrnn.movie)", spec.MovieFile));
        if (RunOutputs.Resolve(o.Model, o.Out, null, inputs, o.Quiet, stdout, stderr) is not { } outputs) return ExitCodes.BadInput;
        string outPath = outputs.Out;
        MovieData? movie = null;
        if (spec.MovieFile is not null)
        {
            try
            {
                movie = Hdf5Movie.Read(spec.MovieFile, spec.MovieDataset);
                if (movie.Height < spec.Stimuli.Size || movie.Width < spec.Stimuli.Size || movie.Frames < spec.Stimuli.Frames)
                {
                    stderr.WriteLine($"error: {o.Model}: bgrnn.movie: {spec.MovieFile}: dataset '{spec.MovieDataset}' is [{movie.Frames}, {movie.Height}, {movie.Width}]; patches of {spec.Stimuli.Frames} frames x {spec.Stimuli.Size} x {spec.Stimuli.Size} (bgrnn.stimuli.frames, size) need at least that many frames, rows and columns");
                    return ExitCodes.BadInput;
                }
            }
            catch (Exception e) when (e is InvalidDataException or FileNotFoundException or IOException or UnauthorizedAccessException)
            {
                stderr.WriteLine($"error: {o.Model}: bgrnn.movie: {e.Message}");
                return ExitCodes.BadInput;
            }
        }
        if (!o.Quiet)
            stdout.WriteLine($"training a bgG-RNN: {spec.Training.Units} units, {spec.Stimuli.Size}x{spec.Stimuli.Size} patches, {spec.Training.TrainSequences} sequences of {spec.Stimuli.Frames} frames ({(movie is null ? "generated bars, gratings and dots" : spec.MovieFile)})");
        var result = BgRnnRun.Execute(spec, movie, o.Quiet ? null : stdout.WriteLine);
        BgRnnOutput.Write(outPath, result, RunCommand.Version);
        if (!o.Quiet)
        {
            var last = result.Checkpoints[^1];
            stdout.WriteLine(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"held-out log p(y, h | past): {last.LogEvidencePerFrame:F3} nats/frame{(result.Baseline is { } b ? $" (R = 0: {b.LogEvidencePerFrame:F3})" : "")}; fraction of active units with DSI > {spec.DsiThreshold}: {result.Selectivity.FractionSelective:F3}{(result.BaselineSelectivity is { } bs ? $" (R = 0: {bs.FractionSelective:F3})" : "")}"));
            stdout.WriteLine($"trained in {result.WallSeconds:F1} s; wrote {outPath}");
        }
        return ExitCodes.Ok;
    }
}
