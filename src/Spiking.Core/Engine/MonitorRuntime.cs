namespace Spiking.Engine;

/// <summary>The neurons a monitor records, as a mask over its population (null: all).</summary>
internal static class MonitorMask
{
    public static bool[]? Of(Description.MonitorSpec monitor, int populationSize)
    {
        if (monitor.Neurons is not { } list) return null;
        var mask = new bool[populationSize];
        foreach (var i in list) mask[i] = true;
        return mask;
    }
}

/// <summary>A spike monitor: which neurons, and buffers for one step's spikes.</summary>
internal sealed class SpikeMonitorRuntime(int index, PopulationState population, bool[]? mask)
{
    public int Index { get; } = index;
    public PopulationState Population { get; } = population;
    public bool[]? Mask { get; } = mask;
    public double[] Times { get; } = new double[population.Size];
    public int[] Ids { get; } = new int[population.Size];
}

/// <summary>A state monitor: variables, neurons, sampling interval in steps, and a sample buffer.</summary>
internal sealed class StateMonitorRuntime(int index, double[][] variables, int[] neurons, long intervalSteps)
{
    public int Index { get; } = index;
    public double[][] Variables { get; } = variables;
    public int[] Neurons { get; } = neurons;
    public long IntervalSteps { get; } = intervalSteps;
    public double[] Buffer { get; } = new double[variables.Length * neurons.Length];
}

/// <summary>A rate monitor: spikes counted over bins of whole steps.</summary>
internal sealed class RateMonitorRuntime(int index, PopulationState population, bool[]? mask, int monitored, long binSteps)
{
    public int Index { get; } = index;
    public PopulationState Population { get; } = population;
    public bool[]? Mask { get; } = mask;
    public int Monitored { get; } = monitored;
    public long BinSteps { get; } = binSteps;
    public long Count { get; set; }
    public long BinStart { get; set; }
}

/// <summary>A weight monitor: the steps at which to take snapshots and the next one due.</summary>
internal sealed class WeightMonitorRuntime(int index, ProjectionState projection, long[] steps)
{
    public int Index { get; } = index;
    public ProjectionState Projection { get; } = projection;
    public long[] Steps { get; } = steps;
    public int Next { get; set; }
    /// <summary>Float weights widened to double for static projections (empty when plastic).</summary>
    public double[] Buffer { get; } = projection.Plasticity is null ? new double[projection.Synapses.Weight.Length] : [];
}
