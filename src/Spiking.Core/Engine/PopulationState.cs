using Spiking.Description;
using Spiking.Models;

namespace Spiking.Engine;

/// <summary>A built population: its spec, neuron state, delay ring of input accumulators, and this step's spikes.</summary>
public sealed class PopulationState
{
    internal PopulationState(int index, PopulationSpec spec, INeuronModel model, NeuronGroup group, int ringLength, bool[] direct,
        int denseSlots, bool gridInput)
    {
        DenseSlots = denseSlots;
        GridInput = gridInput;
        Index = index;
        Spec = spec;
        Model = model;
        Group = group;
        RingLength = ringLength;
        Ring = new double[model.Receptors.Count][][];
        Direct = new double[]?[model.Receptors.Count];
        for (int r = 0; r < Ring.Length; r++)
        {
            if (direct[r])
            {
                Direct[r] = group.DirectInput(r);
                Ring[r] = [];
                continue;
            }
            Ring[r] = new double[denseSlots][];
            for (int s = 0; s < denseSlots; s++) Ring[r][s] = new double[spec.Size];
        }
        SpikeBuffer = new int[spec.Size];
        OffsetBuffer = new double[spec.Size];
        if (spec.PreciseSpikeTimes && model.SupportsTimedInput)
        {
            TimedSlots = new TimedEventList[ringLength];
            for (int s = 0; s < ringLength; s++) TimedSlots[s] = new TimedEventList();
            group.TimedInput = new TimedInputs(spec.Size);
        }
    }

    /// <summary>
    /// For a precise population that takes timed input: per ring slot, the synaptic and spike-time
    /// events arriving in that step with their offsets (null otherwise; grid input such as Poisson
    /// still goes through <see cref="Ring"/> and acts at the step's end).
    /// </summary>
    internal TimedEventList[]? TimedSlots { get; }

    /// <summary>Position in <see cref="Network.Populations"/> (and in the spec's population list).</summary>
    public int Index { get; }
    /// <summary>The population's description.</summary>
    public PopulationSpec Spec { get; }
    /// <summary>The neuron model the population runs.</summary>
    public INeuronModel Model { get; }
    /// <summary>The model's neuron state and update for this population.</summary>
    public NeuronGroup Group { get; }
    /// <summary>Number of neurons.</summary>
    public int Size => Spec.Size;

    /// <summary>Number of slots of the delay ring (largest delay in steps + 1).</summary>
    public int RingLength { get; }

    /// <summary>
    /// Slots of the summed rings in <see cref="Ring"/>: <see cref="RingLength"/>, except for a population with
    /// timed input, whose spikes travel in <see cref="TimedSlots"/>: one slot there (Poisson input, which
    /// lands in the current step), unless rate units project onto it.
    /// </summary>
    internal int DenseSlots { get; }

    /// <summary>
    /// Whether the summed ring carries anything; false for a population with timed input and no Poisson
    /// input or rate units onto it, whose update then reads no dense input array.
    /// </summary>
    internal bool GridInput { get; }

    /// <summary>Input accumulators: [receptor][slot][neuron]; slot s holds input for steps ≡ s (mod <see cref="DenseSlots"/>). Empty for direct receptors.</summary>
    internal double[][][] Ring { get; }

    /// <summary>
    /// Per receptor, the model's state array that all input adds into directly (no synapse onto the
    /// receptor has a delay of a step or more, and the model takes jumps as plain additions), or null
    /// when input goes through the ring. Direct delivery saves reading and clearing a dense array per step.
    /// </summary>
    internal double[]?[] Direct { get; }

    /// <summary>Where input for receptor r at step n must be added: the direct state array or the ring slot.</summary>
    internal double[] InputFor(int r, long n) => Direct[r] ?? Ring[r][(int)(n % DenseSlots)];

    /// <summary>Indices of the neurons that fired in the last step, first <see cref="SpikeCount"/> entries.</summary>
    internal int[] SpikeBuffer { get; }

    /// <summary>Offsets (ms) of those spikes inside the step when spike times are precise.</summary>
    internal double[] OffsetBuffer { get; }

    /// <summary>
    /// Sets the injected signal of every unit from the next step on: the membrane current (nA) of
    /// spiking models, the output of rate_input units. This is how a program closes a loop through the
    /// network each step (a readout fed back, as in FORCE learning); current inputs of the spec that
    /// change later overwrite it.
    /// </summary>
    public void Inject(ReadOnlySpan<double> values)
    {
        if (values.Length != Size) throw new ArgumentException($"population '{Spec.Name}' has {Size} units; got {values.Length} values", nameof(values));
        values.CopyTo(Group.ExternalCurrent);
        Group.HasExternalCurrent = true;
    }

    /// <summary>Neuron coordinates (x, y, z per neuron, grid units) when the population has a layout, else null.</summary>
    public double[]? Positions { get; internal init; }

    /// <summary>Spikes in the last step.</summary>
    public int SpikeCount { get; internal set; }

    /// <summary>The neurons that fired in the last step, ascending.</summary>
    public ReadOnlySpan<int> LastSpikes => SpikeBuffer.AsSpan(0, SpikeCount);
}
