using Spiking.Description;
using Spiking.Models;

namespace Spiking.Build;

/// <summary>A population as the checks after the population section look it up by name.</summary>
/// <param name="Index">Its index in <see cref="NetworkSpec.Populations"/> (the first one of a name defined twice).</param>
/// <param name="Spec">The population as written.</param>
/// <param name="Model">Its model; null when the model is unknown.</param>
internal readonly record struct PopulationEntry(int Index, PopulationSpec Spec, INeuronModel? Model);

/// <summary>
/// What the checks of one <see cref="NetworkValidator.Validate"/> call share: the spec, the errors in
/// the order they were found, whether dt is usable, and the names each section declares for the
/// sections after it.
/// </summary>
internal sealed class ValidationContext(NetworkSpec spec)
{
    /// <summary>The spec being checked.</summary>
    public NetworkSpec Spec { get; } = spec;

    /// <summary>Every problem found so far, in the order of finding.</summary>
    public List<ValidationError> Errors { get; } = [];

    /// <summary>The step (ms) as given.</summary>
    public double Dt => Spec.Simulation.Dt;

    /// <summary>Whether <see cref="Dt"/> is within the accepted range; checks that divide by it are skipped otherwise.</summary>
    public bool DtOk { get; set; }

    /// <summary>The simulation mode.</summary>
    public SimulationMode Mode => Spec.Simulation.Mode;

    /// <summary>Populations by name, in the order defined (messages list them in that order).</summary>
    public Dictionary<string, PopulationEntry> Populations { get; } = new(StringComparer.Ordinal);

    /// <summary>Names of the projections defined, in order.</summary>
    public HashSet<string> ProjectionNames { get; } = new(StringComparer.Ordinal);

    /// <summary>Records one problem at <paramref name="path"/>.</summary>
    public void Err(string path, string message) => Errors.Add(new ValidationError(path, message));

    /// <summary>The population names, as messages list them.</summary>
    public string PopulationNames => string.Join(", ", Populations.Keys);
}
