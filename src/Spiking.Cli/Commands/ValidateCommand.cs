namespace Spiking.Cli.Commands;

/// <summary><c>spiking validate MODEL</c>: checks a model file and reports every problem at once.</summary>
public static class ValidateCommand
{
    /// <summary>Returns 0 when the model is valid, 2 otherwise.</summary>
    public static int Execute(string model, string? variant, TextWriter stdout, TextWriter stderr)
    {
        if (Spiking.IO.ModelFiles.BgRnnFileReader.DeclaresFile(model)) return BgRnnCommand.Validate(model, stdout, stderr);
        var spec = ModelLoading.Load(model, variant, null, null, null, stderr);
        if (spec is null) return ExitCodes.BadInput;
        long neurons = spec.Populations.Sum(p => (long)p.Size);
        stdout.WriteLine($"{model}: valid ({spec.Populations.Count} populations, {neurons} neurons, {spec.Projections.Count} projections, {spec.Inputs.Count} inputs, {spec.Monitors.Count} monitors; dt {spec.Simulation.Dt} ms, duration {spec.Simulation.Duration} ms)");
        return ExitCodes.Ok;
    }
}
