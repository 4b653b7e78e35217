using Spiking.Engine;

namespace Spiking.EventDriven;

// The event engine's inputs and monitors in continuous time: the runtime form of the shared input and
// monitor plans (Inputs.InputPlan, Runtime.MonitorPlan), sampled at exact times.
public sealed partial class EventSimulator
{
    /// <summary>A weights monitor: snapshots of a projection's weights at given times (the plastic double weights, or the table's).</summary>
    private sealed class WeightSnapshots(int index, ProjectionState projection, double[] times)
    {
        private int _taken;
        private readonly double[] _buffer = projection.Plasticity is null ? new double[projection.Synapses.Weight.Length] : [];

        public double Next => _taken < times.Length ? times[_taken] : double.PositiveInfinity;

        public void Take(double t, IRecorder? recorder)
        {
            _taken++;
            if (recorder is null) return;
            if (projection.Plasticity is { } rule) recorder.RecordWeights(index, t, rule.SnapshotWeights);
            else
            {
                var w = projection.Synapses.Weight;
                for (int s = 0; s < w.Length; s++) _buffer[s] = w[s];
                recorder.RecordWeights(index, t, _buffer);
            }
        }
    }

    /// <summary>A spike monitor: which neurons, and buffers for the spikes held until the next flush.</summary>
    private sealed class SpikeMonitorBuffer(int index, PopulationState population, bool[]? mask)
    {
        public int Index { get; } = index;
        public PopulationState Population { get; } = population;
        public bool[]? Mask { get; } = mask;
        public double[] Times { get; } = new double[population.Size];
        public int[] Ids { get; } = new int[population.Size];
    }

    private sealed class PoissonEvents(int index, int population, int receptor, double ratePerMs, double weight, int[] neurons)
    {
        public int Index { get; } = index;
        public int Population { get; } = population;
        public int Receptor { get; } = receptor;
        public double RatePerMs { get; } = ratePerMs;
        public double Weight { get; } = weight;
        public int[] Neurons { get; } = neurons;
        public ulong[] Draws { get; } = new ulong[neurons.Length];
    }

    private sealed record SpikeTimeEvents(int Population, int Receptor, double Weight, double[] Times, int[] Neurons);

    private sealed record CurrentEvents(int Population, double[] Times, double[] Amplitudes, int[] Neurons);

    /// <summary>A state monitor: sample k is taken at k × interval, the analytic state at that time.</summary>
    private sealed class StateSampler(int index, EventPopulation pop, int[] variables, int[] neurons, double interval)
    {
        private readonly double[] _buffer = new double[variables.Length * neurons.Length];
        private long _taken;

        public double Next => _taken * interval;

        public void Take(double t, IRecorder? recorder)
        {
            _taken++;
            if (recorder is null) return;
            int n = neurons.Length;
            for (int v = 0; v < variables.Length; v++)
                for (int k = 0; k < n; k++) _buffer[v * n + k] = pop.StateAt(variables[v], neurons[k], t);
            recorder.RecordState(index, t, _buffer);
        }
    }

    /// <summary>A rate monitor: exact spike times counted in bins [start + k·bin, start + (k+1)·bin).</summary>
    private sealed class RateBins(int index, int population, bool[]? mask, int monitored, double bin)
    {
        public int Population { get; } = population;
        private double _start;
        private long _bin, _count;

        public void Reset(double start) { _start = start; _bin = 0; _count = 0; }

        public void Add(int i, double t, IRecorder? recorder)
        {
            if (mask is not null && !mask[i]) return;
            long b = (long)Math.Floor((t - _start) / bin);
            while (_bin < b) Flush(recorder, bin);
            _count++;
        }

        public void FlushUntil(double end, IRecorder? recorder, bool final)
        {
            while (_start + (_bin + 1) * bin <= end + 1e-9 * bin) Flush(recorder, bin);
            double rest = end - (_start + _bin * bin);
            if (final && rest > 1e-9 * bin) Flush(recorder, rest);
        }

        private void Flush(IRecorder? recorder, double width)
        {
            double rate = monitored > 0 ? _count / (monitored * width * 1e-3) : 0;
            recorder?.RecordRate(index, _start + _bin * bin, rate);
            _count = 0;
            _bin++;
        }
    }
}
