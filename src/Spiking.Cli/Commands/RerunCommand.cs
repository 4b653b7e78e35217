using System.Globalization;
using Spiking.IO.Hdf5;

namespace Spiking.Cli.Commands;

/// <summary>
/// <c>spiking rerun OUT.h5 [--out NEW.h5] [--backend B]</c>: runs again what an output of <c>spiking run</c>
/// records (the model text as read, and the options of <c>/run</c>: variant, seed, duration, mode,
/// scale, backend, device sums, threads), writes NEW.h5 (never OUT.h5) and says whether every spike
/// dataset is byte-identical to OUT.h5's. Exit 0: identical; <see cref="ExitCodes.Differs"/>: the
/// run completed but spikes differ; 2: bad input (no such file, not a run's output, no /run group,
/// NEW.h5 would overwrite OUT.h5, the saved trained model it read is gone).
/// </summary>
public static class RerunCommand
{
    /// <summary>Reruns <paramref name="file"/>; see the class summary for the exit codes.</summary>
    /// <param name="file">The output to reproduce.</param>
    /// <param name="outPath">Where to write the new run; null: FILE's name with <c>.rerun.h5</c>.</param>
    /// <param name="backend">Another backend than the recorded one (a device run checked on the cpu); null keeps it.</param>
    /// <param name="quiet">Print only the verdict.</param>
    /// <param name="stdout">Where the run's and the comparison's lines go.</param>
    /// <param name="stderr">Where errors go.</param>
    public static int Execute(string file, string? outPath, string? backend, bool quiet, TextWriter stdout, TextWriter stderr)
    {
        if (!File.Exists(file))
        {
            stderr.WriteLine($"error: {file}: no such file");
            return ExitCodes.BadInput;
        }
        RunRecord? record;
        string modelText;
        try
        {
            using (var results = Hdf5Results.Open(file))
            {
                string? kind = results.GetString("kind");
                if (kind is not null)
                {
                    stderr.WriteLine(kind == TrainedModel.Kind
                        ? $"error: {file} is a saved trained model, not the output of a run: run it with 'spiking run {file} --out NEW.h5'"
                        : $"error: {file} is a {kind} output; rerun reproduces outputs of spiking run on network models (run its model file again)");
                    return ExitCodes.BadInput;
                }
                modelText = results.GetString("model") ?? "";
            }
            record = RunRecord.Read(file);
        }
        catch (InvalidDataException e)
        {
            stderr.WriteLine($"error: cannot read {file}: {InfoCommand.Message(e, file)}");
            return ExitCodes.BadInput;
        }
        if (record is null || (modelText.Length == 0 && !record.FromTrainedModel))
        {
            stderr.WriteLine($"error: {file} does not record how it was run (no /run group or no model text): it was written by an older spiking or by a program; run its model again with spiking run");
            return ExitCodes.BadInput;
        }

        string target = outPath ?? Path.Combine(Path.GetDirectoryName(file) ?? "", Path.GetFileNameWithoutExtension(file) + ".rerun.h5");
        if (SamePath(target, file))
        {
            stderr.WriteLine($"error: --out {target}: that is the output being checked; rerun never overwrites it (give another --out)");
            return ExitCodes.BadInput;
        }
        if (record.FromTrainedModel)
        {
            if (!File.Exists(record.ModelFile))
            {
                stderr.WriteLine($"error: {file} was run from the saved trained model {record.ModelFile}, which is not there: the output keeps the model's text but not its trained weights");
                return ExitCodes.BadInput;
            }
            if (SamePath(target, record.ModelFile))
            {
                stderr.WriteLine($"error: --out {target}: that is the saved trained model the run reads; give another --out");
                return ExitCodes.BadInput;
            }
        }

        var inv = CultureInfo.InvariantCulture;
        if (!quiet) stdout.WriteLine($"rerunning {file}: {record.Command}");
        var options = new RunCommand.Options(record.ModelFile, target, record.FromTrainedModel ? null : record.Seed, record.Duration.ToString("R", inv), record.Threads,
            record.FromTrainedModel ? null : record.Variant, quiet)
        {
            Mode = record.FromTrainedModel ? null : record.Mode,
            Scale = record.FromTrainedModel || record.Scale == 1 ? null : record.Scale,
            Backend = backend ?? record.Backend,
            DeviceSums = (backend ?? record.Backend) == "cpu" ? null : record.DeviceSums,
            ModelText = record.FromTrainedModel ? null : modelText,
        };
        int code = RunCommand.Execute(options, stdout, stderr);
        if (code != ExitCodes.Ok) return code;

        var comparison = SpikeComparison.Compare(file, target);
        foreach (var line in comparison.Lines) stdout.WriteLine(line);
        stdout.WriteLine(comparison.Identical
            ? $"identical: every spike dataset of {target} is byte-identical to {file}'s"
            : $"differ: the spikes of {target} are not those of {file}");
        return comparison.Identical ? ExitCodes.Ok : ExitCodes.Differs;
    }

    private static bool SamePath(string a, string b)
        => string.Equals(Path.GetFullPath(a), Path.GetFullPath(b), OperatingSystem.IsLinux() ? StringComparison.Ordinal : StringComparison.OrdinalIgnoreCase);
}
