namespace Spiking.Models;

/// <summary>
/// The synaptic input events of one step for a population with precise spike times, grouped by
/// target neuron and in time order within each neuron: the events of neuron i are entries
/// [Start[i], Start[i + 1]) of <see cref="Offset"/> and <see cref="Weight"/>. An offset is the time of
/// arrival in ms after the step's start, in (0, dt]: a step covers (t_n, t_n + dt], and an event at
/// offset dt arrives at the step's end, where grid input acts. Events at equal offsets keep the order
/// in which they were queued (deterministic: see <see cref="Engine.Simulator"/>). Filled by the engine
/// before each update; the model only reads it.
/// </summary>
public sealed class TimedInputs
{
    internal TimedInputs(int size)
    {
        Start = new int[size + 1];
        Cursor = new int[size];
    }

    /// <summary>Per neuron, the index of its first event; Start[size] is the number of events.</summary>
    public int[] Start { get; }

    /// <summary>Arrival offsets (ms after the step's start), ascending within each neuron.</summary>
    public double[] Offset { get; internal set; } = [];

    /// <summary>Jump of the receptor variable per event (the synaptic weight, mV for lif_delta).</summary>
    public double[] Weight { get; internal set; } = [];

    /// <summary>Scratch for the bucketing by target.</summary>
    internal int[] Cursor { get; }
}
