namespace Spiking.Description;

/// <summary>Synapses from one population onto a receptor of another.</summary>
/// <param name="Name">Unique name (output path /weights/NAME).</param>
/// <param name="Pre">Presynaptic population name.</param>
/// <param name="Post">Postsynaptic population name.</param>
/// <param name="Receptor">Receptor of the post model that the synapses drive (for example "exc" or "inh").</param>
/// <param name="Connector">Which pairs are connected.</param>
/// <param name="Weight">Weight per synapse in the receptor's unit (mV for voltage-like receptors, nS for conductances, nA for currents).</param>
/// <param name="Delay">Delay per synapse in ms, from the spike's time stamp to its effect; rounded to whole steps, 0 allowed.</param>
/// <param name="Sign">Required sign of the weights.</param>
public sealed record ProjectionSpec(
    string Name,
    string Pre,
    string Post,
    string Receptor,
    ConnectorSpec Connector,
    ValueSpec Weight,
    ValueSpec Delay,
    SynapseSign Sign = SynapseSign.Any)
{
    /// <summary>
    /// When set, the weights drawn for this recurrent projection (pre = post) are scaled after
    /// building so that the spectral radius (largest eigenvalue modulus) of the weight matrix equals
    /// this value: the usual way to set an echo state network's reservoir (Jaeger 2001).
    /// </summary>
    public double? SpectralRadius { get; init; }

    /// <summary>The learning rule that changes this projection's weights during a run; null for static synapses.</summary>
    public PlasticitySpec? Plasticity { get; init; }
}
