using Spiking.Connectors;

namespace Spiking.Models;

/// <summary>
/// A population whose units are updated one at a time inside a step (Hopfield's asynchronous update,
/// Gibbs sampling of a Boltzmann machine): unit i must see the outputs its predecessors in the same
/// sweep just set, which the engine's once-per-step propagation cannot deliver. Such a group reads the
/// weights of its own recurrent projections and corrects the propagated field itself. The network
/// hands it every projection from the population onto itself once, when it is built.
/// </summary>
internal interface IRecurrentWeightsReader
{
    /// <summary>
    /// Projection <paramref name="projection"/> runs from this population onto its receptor
    /// <paramref name="receptor"/>; <paramref name="table"/> holds its synapses (the weights may
    /// change later in place, as learning rules do).
    /// </summary>
    void AttachRecurrent(string projection, int receptor, SynapseTable table);
}
