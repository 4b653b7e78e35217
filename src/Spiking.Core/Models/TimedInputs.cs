namespace Spiking.Models;

/// <summary>
/// The synaptic input events of one step for a population with precise spike times, sorted by
/// target neuron and, within a neuron, by arrival offset: entries [0, <see cref="Count"/>) of
/// <see cref="Target"/>, <see cref="Offset"/> and <see cref="Weight"/>. An offset is the time of
/// arrival in ms after the step's start, in (0, dt]: a step covers (t_n, t_n + dt], and an event at
/// offset dt arrives at the step's end, where grid input acts. Events of one neuron at equal offsets
/// keep the order in which they were queued (deterministic: see <c>Spiking.Cpu.Simulator</c>).
/// Sparse, so a step with few events costs little however large the population. Filled by the engine
/// before each update; the model only reads it.
/// </summary>
public sealed class TimedInputs
{
    internal TimedInputs(int size) => Size = size;

    /// <summary>Neurons in the population.</summary>
    public int Size { get; }

    /// <summary>Number of events this step.</summary>
    public int Count { get; internal set; }

    /// <summary>Target neuron per event, ascending.</summary>
    public int[] Target { get; internal set; } = [];

    /// <summary>Arrival offsets (ms after the step's start), ascending within each target.</summary>
    public double[] Offset { get; internal set; } = [];

    /// <summary>Jump of the receptor variable per event (the synaptic weight: of v for lif_delta, of I_ex or I_in for lif_cuba, mV).</summary>
    public double[] Weight { get; internal set; } = [];

    /// <summary>Receptor (index in the model's receptor list) per event.</summary>
    public int[] Receptor { get; internal set; } = [];

    /// <summary>Index of the first event whose target is at least <paramref name="neuron"/> (binary search).</summary>
    public int FirstAtOrAfter(int neuron)
    {
        int l = 0, r = Count;
        while (l < r)
        {
            int m = (l + r) >>> 1;
            if (Target[m] < neuron) l = m + 1; else r = m;
        }
        return l;
    }
}
