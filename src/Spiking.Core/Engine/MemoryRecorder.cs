namespace Spiking.Engine;

/// <summary>
/// Keeps everything the monitors record in memory, for the C# API and tests. Spike data of monitor
/// k is in <see cref="SpikeTimes"/>[k] and <see cref="SpikeIds"/>[k] (empty lists for monitors of
/// another kind).
/// </summary>
public sealed class MemoryRecorder : IRecorder
{
    public List<double>[] SpikeTimes { get; private set; } = [];
    public List<int>[] SpikeIds { get; private set; } = [];
    /// <summary>Per monitor, sample times (ms) and the samples ([variable][neuron] each).</summary>
    public List<double>[] StateTimes { get; private set; } = [];
    public List<double[]>[] StateValues { get; private set; } = [];
    /// <summary>Per monitor, bin start times (ms) and rates (Hz).</summary>
    public List<double>[] RateTimes { get; private set; } = [];
    public List<double>[] Rates { get; private set; } = [];
    /// <summary>Per monitor, weight snapshot times (ms) and the weights (table order each).</summary>
    public List<double>[] WeightTimes { get; private set; } = [];
    public List<double[]>[] Weights { get; private set; } = [];
    public RunResult? Result { get; private set; }
    /// <summary>Per readout, the state times (ms), outputs and targets of every step, and the weights when training ended.</summary>
    public List<double>[] ReadoutTimes { get; private set; } = [];
    public List<double>[] ReadoutPredictions { get; private set; } = [];
    public List<double>[] ReadoutTargets { get; private set; } = [];
    public double[,]?[] ReadoutWeights { get; private set; } = [];

    public void Begin(Network network)
    {
        int n = network.Spec.Monitors.Count, r = network.Spec.Readouts.Count;
        if (ReadoutTimes.Length != r)
        {
            ReadoutTimes = New<double>(r); ReadoutPredictions = New<double>(r); ReadoutTargets = New<double>(r);
            ReadoutWeights = new double[,]?[r];
        }
        if (SpikeTimes.Length == n) return; // a later run of the same simulator appends
        SpikeTimes = New<double>(n); SpikeIds = New<int>(n);
        StateTimes = New<double>(n); StateValues = New<double[]>(n);
        RateTimes = New<double>(n); Rates = New<double>(n);
        WeightTimes = New<double>(n); Weights = New<double[]>(n);
    }

    private static List<T>[] New<T>(int n) => Enumerable.Range(0, n).Select(_ => new List<T>()).ToArray();

    public void RecordSpikes(int monitor, ReadOnlySpan<double> times, ReadOnlySpan<int> nodeIds)
    {
        SpikeTimes[monitor].AddRange(times);
        SpikeIds[monitor].AddRange(nodeIds);
    }

    public void RecordState(int monitor, double time, ReadOnlySpan<double> values)
    {
        StateTimes[monitor].Add(time);
        StateValues[monitor].Add(values.ToArray());
    }

    public void RecordRate(int monitor, double time, double rateHz)
    {
        RateTimes[monitor].Add(time);
        Rates[monitor].Add(rateHz);
    }

    public void RecordReadout(int readout, double time, double prediction, double target)
    {
        ReadoutTimes[readout].Add(time);
        ReadoutPredictions[readout].Add(prediction);
        ReadoutTargets[readout].Add(target);
    }

    public void RecordReadoutWeights(int readout, double[,] weights) => ReadoutWeights[readout] = weights;

    public void RecordWeights(int monitor, double time, ReadOnlySpan<double> weights)
    {
        WeightTimes[monitor].Add(time);
        Weights[monitor].Add(weights.ToArray());
    }

    public void End(RunResult result) => Result = result;
}
