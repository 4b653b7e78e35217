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
