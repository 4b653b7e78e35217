using Spiking.Connectors;
using Spiking.Description;

namespace Spiking.Engine;

/// <summary>A built projection: its spec, the populations and receptor it joins, and its synapses.</summary>
public sealed class ProjectionState
{
    internal ProjectionState(int index, ProjectionSpec spec, PopulationState pre, PopulationState post, int receptor, SynapseTable synapses, bool timed = false)
    {
        Index = index; Spec = spec; Pre = pre; Post = post; Receptor = receptor; Synapses = synapses; Timed = timed;
    }

    /// <summary>
    /// Whether spikes travel as timed events with their offsets (onto a population with timed input,
    /// see <see cref="PopulationState.TimedSlots"/>) rather than summed into the ring.
    /// </summary>
    internal bool Timed { get; }

    public int Index { get; }
    public ProjectionSpec Spec { get; }
    public PopulationState Pre { get; }
    public PopulationState Post { get; }
    /// <summary>Index of the receptor in the post model's receptor list.</summary>
    public int Receptor { get; }
    public SynapseTable Synapses { get; }

    /// <summary>For projections from rate units with a constant delay: the column view used to propagate them as a gathered product.</summary>
    internal GradedPull? Pull { get; set; }
    /// <summary>The learning rule's state when the projection is plastic, else null.</summary>
    public Plasticity.PlasticityRuntime? Plasticity { get; internal set; }

    /// <summary>Mean synapses per presynaptic neuron.</summary>
    public double MeanRowLength => Pre.Size > 0 ? (double)Synapses.Count / Pre.Size : 0;
}
