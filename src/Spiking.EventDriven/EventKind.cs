namespace Spiking.EventDriven;

/// <summary>
/// What an <see cref="Event"/> does. The numeric order is the tie-break at equal times: every input
/// arriving at time t (current changes, synaptic deliveries, Poisson and spike-time inputs) is applied
/// before any threshold check at t, so simultaneous jumps are summed before the threshold is tested,
/// as on the grid of NEST's iaf_psc_delta.
/// </summary>
internal enum EventKind : byte
{
    /// <summary>A current input changes amplitude: A = current input, Index = change number.</summary>
    CurrentChange = 0,
    /// <summary>A spike reaches a whole synapse row (constant delay): A = projection, Index = presynaptic neuron.</summary>
    RowDelivery = 1,
    /// <summary>A spike reaches one synapse (per-synapse delays): A = projection, Index = synapse.</summary>
    SynapseDelivery = 2,
    /// <summary>A spike-time input fires: A = input, Index = position in its sorted list.</summary>
    SpikeTimeInput = 3,
    /// <summary>A Poisson input fires into one neuron: A = Poisson input, Index = position in its neuron list.</summary>
    PoissonInput = 4,
    /// <summary>After a jump left v at or above threshold: fire if v is still there once all jumps at t are in. A = population, Index = neuron.</summary>
    ThresholdCheck = 5,
    // Predicted threshold crossings come after all of these at equal times; they live in CrossingQueue.
}
