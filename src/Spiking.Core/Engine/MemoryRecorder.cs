namespace Spiking.Engine;

/// <summary>
/// Keeps everything the monitors record in memory, for the C# API and tests. Find a monitor's data by
/// what it watches: <see cref="Spikes(string)"/>, <see cref="State(string)"/>, <see cref="RatesOf(string)"/>
/// (by population) and <see cref="WeightsOf(string)"/> (by projection). By position, spike data of
/// monitor k is in <see cref="SpikeTimes"/>[k] and <see cref="SpikeIds"/>[k] (empty lists for monitors
/// of another kind).
/// </summary>
public sealed class MemoryRecorder : IRecorder
{
    /// <summary>Per monitor, the times (ms) of the recorded spikes.</summary>
    public List<double>[] SpikeTimes { get; private set; } = [];
    /// <summary>Per monitor, the node ids (indices within the population) of the spikes in <see cref="SpikeTimes"/>.</summary>
    public List<int>[] SpikeIds { get; private set; } = [];
    /// <summary>Per monitor, sample times (ms) and the samples ([variable][neuron] each).</summary>
    public List<double>[] StateTimes { get; private set; } = [];
    /// <summary>Per monitor, the samples at <see cref="StateTimes"/>, laid out [variable][neuron] each.</summary>
    public List<double[]>[] StateValues { get; private set; } = [];
    /// <summary>Per monitor, bin start times (ms) and rates (Hz).</summary>
    public List<double>[] RateTimes { get; private set; } = [];
    /// <summary>Per monitor, the rate (Hz) of each bin in <see cref="RateTimes"/>.</summary>
    public List<double>[] Rates { get; private set; } = [];
    /// <summary>Per monitor, weight snapshot times (ms) and the weights (table order each).</summary>
    public List<double>[] WeightTimes { get; private set; } = [];
    /// <summary>Per monitor, the weights at each of <see cref="WeightTimes"/>, in synapse table order.</summary>
    public List<double[]>[] Weights { get; private set; } = [];
    /// <summary>The result of the most recent run, null until a run has ended.</summary>
    public RunResult? Result { get; private set; }
    /// <summary>Per readout, the state times (ms), outputs and targets of every step, and the weights when training ended.</summary>
    public List<double>[] ReadoutTimes { get; private set; } = [];
    /// <summary>Per readout, its output at each of <see cref="ReadoutTimes"/>.</summary>
    public List<double>[] ReadoutPredictions { get; private set; } = [];
    /// <summary>Per readout, its target at each of <see cref="ReadoutTimes"/> (NaN where the series has no value).</summary>
    public List<double>[] ReadoutTargets { get; private set; } = [];
    /// <summary>Per readout, the weights when its training ended ([output, 0] bias, [output, 1 + j] feature j), null until then.</summary>
    public double[,]?[] ReadoutWeights { get; private set; } = [];

    private Description.NetworkSpec? _spec;

    /// <summary>Spike times (ms) and ids recorded by the spike monitor of <paramref name="population"/>.</summary>
    /// <exception cref="ArgumentException">No spike monitor watches that population (the message lists those that do).</exception>
    public (IReadOnlyList<double> Times, IReadOnlyList<int> Ids) Spikes(string population)
    {
        int k = Find<Description.SpikeMonitorSpec>(m => m.Population == population, $"spike monitor of population '{population}'");
        return (SpikeTimes[k], SpikeIds[k]);
    }

    /// <summary>Sample times (ms) and samples ([variable][neuron] each) of the state monitor of <paramref name="population"/>.</summary>
    /// <exception cref="ArgumentException">No state monitor watches that population.</exception>
    public (IReadOnlyList<double> Times, IReadOnlyList<double[]> Values) State(string population)
    {
        int k = Find<Description.StateMonitorSpec>(m => m.Population == population, $"state monitor of population '{population}'");
        return (StateTimes[k], StateValues[k]);
    }

    /// <summary>Bin start times (ms) and rates (Hz) of the rate monitor of <paramref name="population"/>.</summary>
    /// <exception cref="ArgumentException">No rate monitor watches that population.</exception>
    public (IReadOnlyList<double> Times, IReadOnlyList<double> Rates) RatesOf(string population)
    {
        int k = Find<Description.RateMonitorSpec>(m => m.Population == population, $"rate monitor of population '{population}'");
        return (RateTimes[k], Rates[k]);
    }

    /// <summary>Snapshot times (ms) and weights (synapse table order) of the weight monitor of <paramref name="projection"/>.</summary>
    /// <exception cref="ArgumentException">No weight monitor watches that projection.</exception>
    public (IReadOnlyList<double> Times, IReadOnlyList<double[]> Weights) WeightsOf(string projection)
    {
        int k = Find<Description.WeightMonitorSpec>(m => m.Projection == projection, $"weight monitor of projection '{projection}'");
        return (WeightTimes[k], Weights[k]);
    }

    private int Find<T>(Func<T, bool> match, string what) where T : Description.MonitorSpec
    {
        var monitors = _spec?.Monitors ?? throw new InvalidOperationException("nothing recorded yet: run a simulation with this recorder first");
        for (int k = 0; k < monitors.Count; k++)
            if (monitors[k] is T m && match(m)) return k;
        var kinds = monitors.OfType<T>().Select(m => m is Description.WeightMonitorSpec w ? w.Projection : m.Population).ToArray();
        throw new ArgumentException($"no {what}; {(kinds.Length == 0 ? "there is none of that kind" : "those of that kind watch " + string.Join(", ", kinds))}");
    }

    /// <inheritdoc/>
    public void Begin(Network network)
    {
        _spec = network.Spec;
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

    /// <inheritdoc/>
    public void RecordSpikes(int monitor, ReadOnlySpan<double> times, ReadOnlySpan<int> nodeIds)
    {
        SpikeTimes[monitor].AddRange(times);
        SpikeIds[monitor].AddRange(nodeIds);
    }

    /// <inheritdoc/>
    public void RecordState(int monitor, double time, ReadOnlySpan<double> values)
    {
        StateTimes[monitor].Add(time);
        StateValues[monitor].Add(values.ToArray());
    }

    /// <inheritdoc/>
    public void RecordRate(int monitor, double time, double rateHz)
    {
        RateTimes[monitor].Add(time);
        Rates[monitor].Add(rateHz);
    }

    /// <inheritdoc/>
    public void RecordReadout(int readout, double time, double prediction, double target)
    {
        ReadoutTimes[readout].Add(time);
        ReadoutPredictions[readout].Add(prediction);
        ReadoutTargets[readout].Add(target);
    }

    /// <inheritdoc/>
    public void RecordReadoutWeights(int readout, double[,] weights) => ReadoutWeights[readout] = weights;

    /// <inheritdoc/>
    public void RecordWeights(int monitor, double time, ReadOnlySpan<double> weights)
    {
        WeightTimes[monitor].Add(time);
        Weights[monitor].Add(weights.ToArray());
    }

    /// <inheritdoc/>
    public void End(RunResult result) => Result = result;
}
