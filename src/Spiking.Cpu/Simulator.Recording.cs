using Spiking.Engine;
namespace Spiking.Cpu;

// The time-stepped engine's monitors: spikes, weight snapshots, sampled state and rate bins handed to the recorder.
public sealed partial class Simulator
{
    /// <summary>This step's spikes of each population, as the shared spike and rate monitors read them.</summary>
    private readonly struct StepSpikes(PopulationState[] pops) : Runtime.IStepSpikes
    {
        public ReadOnlySpan<int> Spikes(int population) => pops[population].SpikeBuffer.AsSpan(0, pops[population].SpikeCount);

        public ReadOnlySpan<double> Offsets(int population)
            => pops[population].Spec.PreciseSpikeTimes ? pops[population].OffsetBuffer.AsSpan(0, pops[population].SpikeCount) : [];
    }

    /// <summary>Takes the snapshots of <paramref name="m"/> due at step <paramref name="n"/> (time n·dt), once each.</summary>
    private void RecordWeights(WeightMonitorRuntime m, long n, IRecorder? recorder)
    {
        while (m.Next < m.Steps.Length && m.Steps[m.Next] < n) m.Next++; // times before this run's start
        if (m.Next >= m.Steps.Length || m.Steps[m.Next] != n) return;
        m.Next++;
        if (recorder is null) return;
        var proj = m.Projection;
        if (proj.Plasticity is { } rule) recorder.RecordWeights(m.Index, n * _net.Dt, rule.SnapshotWeights);
        else
        {
            var w = proj.Synapses.Weight;
            for (int s = 0; s < w.Length; s++) m.Buffer[s] = w[s];
            recorder.RecordWeights(m.Index, n * _net.Dt, m.Buffer);
        }
    }

    private static void SampleState(StateMonitorRuntime sm, double t, IRecorder? recorder)
    {
        if (recorder is null) return;
        int n = sm.Neurons.Length;
        for (int v = 0; v < sm.Variables.Length; v++)
        {
            var src = sm.Variables[v];
            for (int k = 0; k < n; k++) sm.Buffer[v * n + k] = src[sm.Neurons[k]];
        }
        recorder.RecordState(sm.Index, t, sm.Buffer);
    }
}
