using Spiking.Build;
using Spiking.Description;
using Spiking.IO.ModelFiles;
using Spiking.Units;

namespace Spiking.Cli.Commands;

/// <summary>Reads a model file and applies command-line overrides, reporting bad input in one place.</summary>
internal static class ModelLoading
{
    /// <summary>
    /// Reads <paramref name="path"/>; on bad input writes every problem to <paramref name="stderr"/>
    /// and returns null. With <paramref name="text"/> the model is that text, and <paramref name="path"/> only names it.
    /// </summary>
    public static NetworkSpec? Load(string path, string? variant, ulong? seed, string? duration, int? threads, TextWriter stderr, string? mode = null, double? scale = null, string? text = null)
    {
        NetworkSpec spec;
        try
        {
            spec = text is null ? ModelFileReader.Read(path, variant) : ModelFileReader.Parse(text, path, variant);
        }
        catch (SpecException e)
        {
            ErrorReport.Write(stderr, path, e.Errors);
            return null;
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or UnauthorizedAccessException or IOException)
        {
            stderr.WriteLine($"error: cannot read model file {path}: {e.Message}");
            return null;
        }

        // A variant that cannot be applied makes the file broken even while another is chosen.
        if (spec.SourceText is { } source && ModelFileReader.CheckVariants(source, path, variant) is { Count: > 0 } variantErrors)
        {
            ErrorReport.Write(stderr, path, variantErrors);
            return null;
        }

        var sim = spec.Simulation;
        if (seed is { } s) sim = sim with { Seed = s };
        if (threads is { } t)
        {
            if (t < 0)
            {
                stderr.WriteLine($"error: --threads must be >= 0 (0 = one per core), got {t}");
                return null;
            }
            sim = sim with { Threads = t };
        }
        if (duration is not null)
        {
            if (ParseDuration(duration, stderr) is not { } d) return null;
            sim = sim with { Duration = d };
        }
        switch (mode)
        {
            case null: break;
            case "step": sim = sim with { Mode = SimulationMode.Step }; break;
            case "event": sim = sim with { Mode = SimulationMode.Event }; break;
            default:
                stderr.WriteLine($"error: --mode expects step (time-stepped) or event (event-driven), got {mode}");
                return null;
        }
        spec = spec with { Simulation = sim };
        if (scale is { } factor)
        {
            try
            {
                spec = NetworkScaling.Scale(spec, factor);
            }
            catch (SpecException e)
            {
                ErrorReport.Lines(stderr, path, e.Errors, $"error: --scale {factor.ToString(System.Globalization.CultureInfo.InvariantCulture)}: ");
                return null;
            }
        }
        var errors = NetworkValidator.Validate(spec);
        if (errors.Count > 0)
        {
            ErrorReport.Lines(stderr, path, errors, "error: ");
            return null;
        }
        return FitsInMemory(spec, path, stderr) ? spec : null;
    }

    /// <summary>Refuses, with the estimate, a network that cannot fit in this process's memory (before anything is allocated).</summary>
    public static bool FitsInMemory(NetworkSpec spec, string path, TextWriter stderr)
    {
        var errors = NetworkSize.Check(spec);
        if (errors.Count == 0) return true;
        ErrorReport.Lines(stderr, path, errors, "error: ");
        return false;
    }

    /// <summary>A --duration value in ms, or null after writing why it is refused.</summary>
    public static double? ParseDuration(string duration, TextWriter stderr)
    {
        if (!Quantity.TryParse(duration, Dimension.Time, out var d, out var why) || !(d >= 0) || !(d <= NetworkValidator.MaxDuration))
        {
            stderr.WriteLine($"error: --duration expects a time from 0 to {NetworkValidator.MaxDuration:0e0} ms (11.6 days) such as \"500 ms\" or \"2 s\" (a bare number is ms): {(why.Length > 0 ? why : $"got {duration}")}");
            return null;
        }
        return d;
    }
}
