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
            stderr.WriteLine($"error: {path} is not a valid model ({e.Errors.Count} problem{(e.Errors.Count == 1 ? "" : "s")}):");
            foreach (var err in e.Errors) stderr.WriteLine($"  {path}: {err}");
            return null;
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or UnauthorizedAccessException or IOException)
        {
            stderr.WriteLine($"error: cannot read model file {path}: {e.Message}");
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
            if (!Quantity.TryParse(duration, Dimension.Time, out var d, out var why) || !(d >= 0))
            {
                stderr.WriteLine($"error: --duration expects a time such as \"500 ms\" or \"2 s\" (a bare number is ms): {(why.Length > 0 ? why : $"got {duration}")}");
                return null;
            }
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
                foreach (var err in e.Errors) stderr.WriteLine($"error: {path}: --scale {factor.ToString(System.Globalization.CultureInfo.InvariantCulture)}: {err}");
                return null;
            }
        }
        var errors = NetworkValidator.Validate(spec);
        if (errors.Count > 0)
        {
            foreach (var err in errors) stderr.WriteLine($"error: {path}: {err}");
            return null;
        }
        return spec;
    }
}
