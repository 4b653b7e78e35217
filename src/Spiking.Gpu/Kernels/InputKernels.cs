using ILGPU;
using Spiking.Models;
using Spiking.Random;

namespace Spiking.Gpu;

/// <summary>The input kernels: spike-time, Poisson and noise input (part of <see cref="DeviceKernels"/>, whose summary gives the launch order).</summary>
internal static partial class DeviceKernels
{
    /// <summary>
    /// Spike-time input: events [start, start + count) of a list sorted by (step, neuron). The first
    /// event of each run of equal neurons adds the whole run, one weight after another, as the CPU does.
    /// </summary>
    public static void SpikeTimes(Index1D e, ArrayView<int> neurons, int start, int count, ArrayView<double> into, double weight)
    {
        int j = start + e;
        int n = neurons[j];
        if (e > 0 && neurons[j - 1] == n) return;
        for (int k = j; k < start + count && neurons[k] == n; k++) into[n] += weight;
    }

    /// <summary>A spike-time input onto a precise population (see <see cref="TimedTimesLaunch"/>): a thread per event of the step.</summary>
    public static void TimedTimes(Index1D m, TimedTimesLaunch p)
    {
        int k = p.Start + m;
        p.Lists.Add(p.Slot, p.Neurons[k], p.Offsets[k], p.Weight, TimedLists.Order(p.RingLength, 0, p.Input, k), p.Receptor);
    }

    /// <summary>
    /// One neuron of a Poisson input: the uniform of block (step &lt;&lt; 4) of stream (seed, PoissonInput,
    /// input, neuron), inverted against the cumulative table by sequential search, exactly as
    /// PhiloxStream.PoissonFromUniform does on the CPU (1000 when the table never reaches u).
    /// </summary>
    public static void Poisson(Index1D j, Batch<PoissonLaunch> batch)
    {
        int k = j;
        var p = batch.Find(ref k, default(PoissonItems));
        PoissonAdd(p, p.HasNeurons != 0 ? p.Neurons[k] : k);
    }

    /// <summary>Neuron i's draw of a Poisson input at this step, added into its input (also called by the update kernel, for an input fused into it).</summary>
    private static void PoissonAdd(in PoissonLaunch p, int i)
    {
        int spikes = 1000;
        if (p.Ptrs != 0)
        {
            // λ ≥ 30: the CPU's own PTRS draw on the neuron's stream at this step, the same words in the same order.
            var rng = PhiloxStream.FromKey(p.K0, p.K1, p.C3, (uint)i, p.Block);
            spikes = rng.NextPoisson(p.Lambda);
        }
        else
        {
            Philox.Block(p.K0, p.K1, (uint)p.Block, (uint)(p.Block >> 32), (uint)i, p.C3, out uint b0, out uint b1, out _, out _);
            double u = PhiloxStream.ToDouble(b0, b1);
            for (int t = 0; t < p.Table.IntLength; t++)
            {
                if (u <= p.Table[t])
                {
                    spikes = t;
                    break;
                }
            }
        }
        if (spikes > 0) p.Into[i] += spikes * p.Weight;
    }

    /// <summary>
    /// One neuron of a noise input: block (step) of stream (seed, NoiseInput, input, neuron), turned into
    /// mean + sd·z by <see cref="NoiseMath.Draw"/> as on the CPU, added to the neuron's current.
    /// </summary>
    public static void Noise(Index1D k, NoiseLaunch p)
    {
        int i = p.HasNeurons != 0 ? p.Neurons[k] : k;
        Philox.Block(p.K0, p.K1, (uint)p.Step, (uint)(p.Step >> 32), (uint)i, p.C3, out uint b0, out uint b1, out uint b2, out uint b3);
        p.Into[i] += NoiseMath.Draw(p.Mean, p.Sd, b0, b1, b2, b3);
    }
}
