using ILGPU;

namespace Spiking.Gpu;

/// <summary>The bookkeeping kernels: where each step's spikes start and end, state monitor samples (part of <see cref="DeviceKernels"/>, whose summary gives the launch order).</summary>
internal static partial class DeviceKernels
{
    /// <summary>
    /// After the updates of step k of the block: for each population, where this step's spikes start in
    /// its append list (where step k − 1's ended; 0 at the block's first step, the counts being cleared
    /// between blocks), which propagation and plasticity read, and where they end.
    /// </summary>
    public static void MarkStep(Index1D p, ArrayView<int> counters, ArrayView<int> stepEnds, int blockSteps, int k)
    {
        counters[2 * p + 1] = k == 0 ? 0 : stepEnds[p * blockSteps + k - 1];
        stepEnds[p * blockSteps + k] = counters[2 * p];
    }

    /// <summary>A state monitor's sample of one variable: dst[offset + k] = src[neurons[k]].</summary>
    public static void Gather(Index1D k, ArrayView<double> src, ArrayView<int> neurons, ArrayView<double> dst, int offset)
        => dst[offset + k] = src[neurons[k]];
}
