namespace Spiking.Description;

/// <summary>What to record from a population. <see cref="Neurons"/> null means every neuron.</summary>
public abstract record MonitorSpec(string Population)
{
    /// <summary>Indices of recorded neurons, or null for all.</summary>
    public IReadOnlyList<int>? Neurons { get; init; }
}

/// <summary>Spike times and node ids (written to /spikes/POPULATION).</summary>
public sealed record SpikeMonitorSpec(string Population) : MonitorSpec(Population);

/// <summary>State variables sampled every <paramref name="Interval"/> ms (written to /state/POPULATION).</summary>
public sealed record StateMonitorSpec(string Population, IReadOnlyList<string> Variables, double Interval) : MonitorSpec(Population);

/// <summary>Population firing rate (Hz) in bins of <paramref name="Bin"/> ms (written to /rates/POPULATION).</summary>
public sealed record RateMonitorSpec(string Population, double Bin) : MonitorSpec(Population);

/// <summary>
/// Snapshots of a projection's weights at the given times (ms), written to /weights/PROJECTION/{pre,post,w,time}.
/// A snapshot at time T is taken at the start of the step that begins at T (after all changes up to T);
/// a time equal to the end of the run is taken after the last step. <see cref="MonitorSpec.Population"/>
/// holds the projection's name.
/// </summary>
public sealed record WeightMonitorSpec(string Projection, IReadOnlyList<double> Times) : MonitorSpec(Projection);
