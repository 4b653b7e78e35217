using Spiking.Description;

namespace Spiking.Engine;

/// <summary>Per-run data of the inputs, precomputed from their specs.</summary>
internal sealed class PoissonRuntime(int index, PopulationState target, int receptor, double lambdaPerStep, double weight, int[]? neurons)
{
    public int Index { get; } = index;
    public PopulationState Target { get; } = target;
    public int Receptor { get; } = receptor;
    /// <summary>Expected spikes per neuron per step: rate × count × dt.</summary>
    public double LambdaPerStep { get; } = lambdaPerStep;
    /// <summary>Cumulative Poisson probabilities for λ below 30 (null above): draws by table lookup.</summary>
    public double[]? Table { get; } = lambdaPerStep > 0 && lambdaPerStep < 30 ? Random.PhiloxStream.PoissonTable(lambdaPerStep) : null;
    public double Weight { get; } = weight;
    public int[]? Neurons { get; } = neurons;
    public int Count => Neurons?.Length ?? Target.Size;
}

/// <summary>
/// Spike-time input events, sorted by the step whose input slot they land in; for a target with timed
/// input, with each event's offset inside that step (ms, in (0, dt]).
/// </summary>
internal sealed class SpikeTimesRuntime(PopulationState target, int receptor, double weight, long[] steps, int[] neurons, double[]? offsets = null)
{
    public double[]? Offsets { get; } = offsets;
    public PopulationState Target { get; } = target;
    public int Receptor { get; } = receptor;
    public double Weight { get; } = weight;
    public long[] Steps { get; } = steps;
    public int[] Neurons { get; } = neurons;
    public int Next { get; set; }
}

/// <summary>A piecewise-constant current: the step at which each amplitude (nA) starts.</summary>
internal sealed class CurrentRuntime(PopulationState target, long[] steps, double[] amplitudes, int[]? neurons)
{
    public PopulationState Target { get; } = target;
    public long[] Steps { get; } = steps;
    public double[] Amplitudes { get; } = amplitudes;
    public int[]? Neurons { get; } = neurons;

    /// <summary>Index of the next amplitude change not yet applied.</summary>
    public int Next { get; set; }

    /// <summary>The amplitude in force once all changes up to step n are applied.</summary>
    public double Current => Next == 0 ? 0 : Amplitudes[Next - 1];

    /// <summary>Applies the changes due by step n (a cursor: steps only move forward); true if any.</summary>
    public bool Advance(long n)
    {
        bool changed = false;
        while (Next < Steps.Length && Steps[Next] <= n) { Next++; changed = true; }
        return changed;
    }
}

/// <summary>A Gaussian noise current: mean and sd (nA) per neuron per step.</summary>
internal sealed class NoiseRuntime(int index, PopulationState target, double mean, double sd, int[]? neurons)
{
    public int Index { get; } = index;
    public PopulationState Target { get; } = target;
    public double Mean { get; } = mean;
    public double StandardDeviation { get; } = sd;
    public int[]? Neurons { get; } = neurons;
}
