using ILGPU;
using Spiking.Random;

namespace Spiking.Gpu;

/// <summary>Parameters of a Poisson input's kernel for one step.</summary>
internal struct PoissonLaunch
{
    public ArrayView<double> Into;
    public ArrayView<int> Neurons;
    public ArrayView<double> Table;
    public int HasNeurons;
    public uint K0, K1, C3;
    public ulong Block;
    public double Weight;
}

/// <summary>Parameters of the ordered (deterministic) propagation of one projection for one step.</summary>
internal struct PullLaunch
{
    /// <summary>The incoming synapses of each target, [ColumnStart[t], ColumnStart[t + 1]), ordered by (pre, row position).</summary>
    public ArrayView<long> ColumnStart;
    public ArrayView<int> Pre;
    public ArrayView<float> Weight;
    public ArrayView<ushort> Delay;
    public ArrayView<int> Spiked;
    /// <summary>With a constant delay: the array all input adds into (a state variable or one ring slot).</summary>
    public ArrayView<double> Into;
    /// <summary>With per-synapse delays: the receptor's whole ring, [slot × size + target].</summary>
    public ArrayView<double> Ring;
    public int HasDelays, BaseSlot, RingLength, Size;
}

/// <summary>Parameters of the atomic (fast) propagation of one projection for one step.</summary>
internal struct PushLaunch
{
    public ArrayView<long> RowStart;
    public ArrayView<int> Target;
    public ArrayView<float> Weight;
    public ArrayView<ushort> Delay;
    public ArrayView<int> Records;
    public ArrayView<int> Counters;
    public ArrayView<double> Into;
    public ArrayView<double> Ring;
    public int PrePopulation, HasDelays, BaseSlot, RingLength, Size;
}

/// <summary>
/// The device kernels of one time step, in launch order: <see cref="OpenStep"/>, spike-time and
/// Poisson input, <see cref="Update{TModel}"/> per population, <see cref="MarkStep"/>, then per
/// projection <see cref="Pull"/> (deterministic) or <see cref="Push"/> (fast), and
/// <see cref="Gather"/> for state monitors. Launches on one stream run in that order.
/// </summary>
internal static class DeviceKernels
{
    /// <summary>Marks where each population's spikes of this step will start in its append list.</summary>
    public static void OpenStep(Index1D p, ArrayView<int> counters) => counters[2 * p + 1] = counters[2 * p];

    /// <summary>After the updates: the append count of each population at the end of step k of the block.</summary>
    public static void MarkStep(Index1D p, ArrayView<int> counters, ArrayView<int> stepEnds, int blockSteps, int k)
        => stepEnds[p * blockSteps + k] = counters[2 * p];

    /// <summary>One neuron's update; a spike raises its flag and is appended to the population's list.</summary>
    public static void Update<TModel>(Index1D i, DeviceNeuronState s, TModel model, SpikeOutput o)
        where TModel : struct, IDeviceNeuronModel
    {
        bool fired = model.Step(i, s);
        o.Spiked[i] = fired ? 1 : 0;
        if (fired)
        {
            int at = Atomic.Add(ref o.Counters[2 * o.Population], 1);
            o.Records[at] = i;
        }
    }

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

    /// <summary>
    /// One neuron of a Poisson input: the uniform of block (step &lt;&lt; 4) of stream (seed, PoissonInput,
    /// input, neuron), inverted against the cumulative table by sequential search, exactly as
    /// PhiloxStream.PoissonFromUniform does on the CPU (1000 when the table never reaches u).
    /// </summary>
    public static void Poisson(Index1D k, PoissonLaunch p)
    {
        int i = p.HasNeurons != 0 ? p.Neurons[k] : k;
        Philox.Block(p.K0, p.K1, (uint)p.Block, (uint)(p.Block >> 32), (uint)i, p.C3, out uint b0, out uint b1, out _, out _);
        double u = PhiloxStream.ToDouble(b0, b1);
        int spikes = 1000;
        for (int t = 0; t < p.Table.IntLength; t++)
        {
            if (u <= p.Table[t])
            {
                spikes = t;
                break;
            }
        }
        if (spikes > 0) p.Into[i] += spikes * p.Weight;
    }

    /// <summary>
    /// Deterministic propagation: target t adds the weights of its incoming synapses whose presynaptic
    /// neuron fired, in (pre, row position) order: the order in which the CPU kernel adds them.
    /// One thread owns all of a target's ring slots, so there are no races.
    /// </summary>
    public static void Pull(Index1D t, PullLaunch p)
    {
        long a = p.ColumnStart[t], b = p.ColumnStart[t + 1];
        if (p.HasDelays == 0)
        {
            double acc = p.Into[t];
            for (long s = a; s < b; s++)
                if (p.Spiked[p.Pre[s]] != 0) acc += p.Weight[s];
            p.Into[t] = acc;
            return;
        }
        for (long s = a; s < b; s++)
        {
            if (p.Spiked[p.Pre[s]] == 0) continue;
            int slot = p.BaseSlot + p.Delay[s];
            if (slot >= p.RingLength) slot -= p.RingLength;
            p.Ring[(long)slot * p.Size + t] += p.Weight[s];
        }
    }

    /// <summary>
    /// Fast propagation: thread group g takes spikes g, g + groups, g + 2·groups, ... of this step (the
    /// count is read on the device, so the host never waits for it), and its threads stride over each
    /// spiking neuron's row, adding with atomics.
    /// </summary>
    public static void Push(PushLaunch p)
    {
        int first = p.Counters[2 * p.PrePopulation + 1];
        int count = p.Counters[2 * p.PrePopulation] - first;
        for (int g = Grid.IdxX; g < count; g += Grid.DimX)
        {
            int i = p.Records[first + g];
            long a = p.RowStart[i], b = p.RowStart[i + 1];
            for (long s = a + Group.IdxX; s < b; s += Group.DimX)
            {
                if (p.HasDelays == 0)
                {
                    Atomic.Add(ref p.Into[p.Target[s]], p.Weight[s]);
                }
                else
                {
                    int slot = p.BaseSlot + p.Delay[s];
                    if (slot >= p.RingLength) slot -= p.RingLength;
                    Atomic.Add(ref p.Ring[(long)slot * p.Size + p.Target[s]], p.Weight[s]);
                }
            }
        }
    }

    /// <summary>A state monitor's sample of one variable: dst[offset + k] = src[neurons[k]].</summary>
    public static void Gather(Index1D k, ArrayView<double> src, ArrayView<int> neurons, ArrayView<double> dst, int offset)
        => dst[offset + k] = src[neurons[k]];
}
