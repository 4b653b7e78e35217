namespace Spiking.Gpu;

/// <summary>How synaptic input is summed on the device.</summary>
public enum DeviceSums
{
    /// <summary>
    /// Each target neuron sums its incoming synapses itself, in the CPU kernel's order (projection,
    /// then presynaptic neuron, then row position): the same float sums, so the same spikes as the CPU
    /// backend. Costs a pass over every synapse each step (docs/gpu.md).
    /// </summary>
    Deterministic,

    /// <summary>
    /// One thread group per spiking neuron adds its row with atomic additions: work proportional to
    /// synaptic events, but the order of the additions, and so the last bits of the sums, may vary
    /// from run to run.
    /// </summary>
    Fast,
}
