namespace Spiking.Engine;

/// <summary>
/// Receives what the monitors of a run record, step by step. Monitor indices are positions in
/// <see cref="Description.NetworkSpec.Monitors"/>. Spans are only valid during the call.
/// </summary>
public interface IRecorder
{
    /// <summary>Called once before the first step of a run.</summary>
    void Begin(Network network);

    /// <summary>Spikes of one step: times (ms) and node ids (indices within the population), ascending by id.</summary>
    void RecordSpikes(int monitor, ReadOnlySpan<double> times, ReadOnlySpan<int> nodeIds);

    /// <summary>One sample of a state monitor at <paramref name="time"/> (ms): values laid out [variable][neuron].</summary>
    void RecordState(int monitor, double time, ReadOnlySpan<double> values);

    /// <summary>One bin of a rate monitor starting at <paramref name="time"/> (ms): rate in Hz.</summary>
    void RecordRate(int monitor, double time, double rateHz);

    /// <summary>
    /// One step of readout <paramref name="readout"/> (position in <see cref="Description.NetworkSpec.Readouts"/>):
    /// the state's time (ms), the readout's output and its target (NaN where the series has no value).
    /// </summary>
    void RecordReadout(int readout, double time, double prediction, double target) { }

    /// <summary>The weights of a readout when its training ends: [output, 0] bias, [output, 1 + j] feature j.</summary>
    void RecordReadoutWeights(int readout, double[,] weights) { }

    /// <summary>
    /// One snapshot of a weight monitor at <paramref name="time"/> (ms): the weights of every synapse of
    /// the projection, in the order of its synapse table (rows by presynaptic neuron). Recorders that keep
    /// no weights may ignore it.
    /// </summary>
    void RecordWeights(int monitor, double time, ReadOnlySpan<double> weights)
    {
    }

    /// <summary>Called once after the last step of a run.</summary>
    void End(RunResult result);
}
