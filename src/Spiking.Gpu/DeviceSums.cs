namespace Spiking.Gpu;

/// <summary>How synaptic input is summed on the device.</summary>
public enum DeviceSums
{
    /// <summary>
    /// Spiking rows stage their weights per target with their place in the CPU kernel's summation order
    /// (projection, then presynaptic neuron, then row position); each target then sorts and adds its
    /// handful in that order: the same float sums, so the same spikes as the CPU backend. Costs a pass
    /// over the targets each step and 16 bytes of staging per synapse (docs/gpu.md).
    /// </summary>
    Deterministic,

    /// <summary>
    /// One thread group per spiking neuron adds its row with atomic additions: work proportional to
    /// synaptic events, but the order of the additions, and so the last bits of the sums, may vary
    /// from run to run.
    /// </summary>
    Fast,
}
