namespace Spiking.Description;

/// <summary>A group of neurons of one model.</summary>
/// <param name="Name">Unique name, used in output paths (/spikes/NAME).</param>
/// <param name="Model">Registered model name (lif_cuba, lif_coba, lif_delta, izhikevich).</param>
/// <param name="Size">Number of neurons.</param>
/// <param name="Parameters">Model parameters in base units; missing ones take the model's defaults.</param>
/// <param name="Initial">Initial values of state variables; missing ones take the model's defaults.</param>
public sealed record PopulationSpec(
    string Name,
    string Model,
    int Size,
    IReadOnlyDictionary<string, double> Parameters,
    IReadOnlyDictionary<string, ValueSpec> Initial)
{
    /// <summary>
    /// Time spikes exactly inside the step (step mode; lif_delta, lif_cuba): spikes at the exact
    /// threshold crossing, inputs at their exact arrival times, the refractory period from the spike
    /// (NEST iaf_psc_delta_ps, iaf_psc_exp_ps). See docs/event-driven.md.
    /// </summary>
    public bool PreciseSpikeTimes { get; init; }

    /// <summary>Where the neurons sit (grid units), for distance-dependent connectors; null for no positions.</summary>
    public GridLayout? Layout { get; init; }

    /// <summary>
    /// Populations with the same column name share the sites of their (equal) layout: the sites are
    /// shuffled by a permutation drawn from the seed and handed out in population order
    /// (see <see cref="Connectors.NeuronPositions"/>). Their sizes must add up to the number of sites.
    /// </summary>
    public string? Column { get; init; }

    /// <summary>
    /// Spike times (ms) of each unit of a <c>spike_source</c> population: <c>SpikeTimes[i]</c> lists
    /// unit i's spikes. A spike at time t is stamped t (rounded to the step grid, at least dt).
    /// </summary>
    public IReadOnlyList<IReadOnlyList<double>>? SpikeTimes { get; init; }
}
