using Spiking.Build;
using Spiking.Description;
using Spiking.Engine;
using Spiking.IO.Hdf5;

namespace Spiking.Cli.Commands;

/// <summary>
/// <c>spiking run TRAINED.h5</c>: loads a model saved by <c>--save-trained</c>, refusing by name the
/// options that cannot apply to it and reporting a damaged or foreign file as bad input.
/// </summary>
internal static class SavedModelRun
{
    /// <summary>The network with its saved weights, or null after writing why it cannot be run.</summary>
    public static Network? Load(RunCommand.Options o, TextWriter stderr)
    {
        // A saved model's weights belong to the synapses its seed, variant and sizes drew: another seed
        // draws other synapses (the saved weights would not fit them), another mode or size another network.
        var refused = new List<string>();
        if (o.Seed is { } seed) refused.Add($"--seed {seed}");
        if (o.Variant is not null) refused.Add($"--variant {o.Variant}");
        if (o.Mode is not null) refused.Add($"--mode {o.Mode}");
        if (o.Scale is { } scale) refused.Add($"--scale {scale.ToString(System.Globalization.CultureInfo.InvariantCulture)}");
        if (refused.Count > 0)
        {
            stderr.WriteLine($"error: {o.Model} is a saved trained model: {string.Join(", ", refused)} cannot apply to it (it keeps the seed, variant, mode and size it was trained with, which drew the synapses its weights belong to); drop {(refused.Count == 1 ? "it" : "them")}");
            return null;
        }
        double? duration = null;
        if (o.Duration is not null && (duration = ModelLoading.ParseDuration(o.Duration, stderr)) is null) return null;
        try
        {
            return TrainedModel.LoadNetwork(o.Model, o.Threads ?? 0, sp =>
            {
                sp = sp with { Simulation = sp.Simulation with { Duration = duration ?? sp.Simulation.Duration } };
                var errors = NetworkValidator.Validate(sp).Concat(NetworkSize.Check(sp)).ToList();
                if (errors.Count > 0) throw new SpecException(errors, o.Model);
                return sp;
            });
        }
        catch (SpecException e)
        {
            ErrorReport.Write(stderr, o.Model, e.Errors, "saved trained model");
            return null;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // The file is the user's data: whatever in it cannot be read is bad input, not a bug of ours.
            string message = e is ArgumentException { ParamName: { } name } ? e.Message.Replace($" (Parameter '{name}')", "") : e.Message;
            stderr.WriteLine($"error: {o.Model}: cannot load the saved trained model: {message}");
            return null;
        }
    }
}
