using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;
using Spiking.Description;
using Spiking.Random;
using Spiking.Readouts;

namespace Spiking.Engine;

// The time-stepped engine's monitors: spikes, weight snapshots, sampled state and rate bins handed to the recorder.
public sealed partial class Simulator
{
    private void RecordSpikes(SpikeMonitorRuntime m, long n, IRecorder recorder)
    {
        var p = m.Population;
        if (p.SpikeCount == 0) return;
        double dt = _net.Dt;
        bool precise = p.Spec.PreciseSpikeTimes;
        double stepStart = n * dt, stepEnd = (n + 1) * dt;
        int c = 0;
        for (int k = 0; k < p.SpikeCount; k++)
        {
            int i = p.SpikeBuffer[k];
            if (m.Mask is not null && !m.Mask[i]) continue;
            m.Ids[c] = i;
            m.Times[c] = precise ? stepStart + p.OffsetBuffer[k] : stepEnd;
            c++;
        }
        if (c > 0) recorder.RecordSpikes(m.Index, m.Times.AsSpan(0, c), m.Ids.AsSpan(0, c));
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

    private void FlushRate(RateMonitorRuntime r, IRecorder? recorder)
    {
        double binMs = (_step - r.BinStart) * _net.Dt;
        double rate = r.Monitored > 0 ? r.Count / (r.Monitored * binMs * 1e-3) : 0;
        recorder?.RecordRate(r.Index, r.BinStart * _net.Dt, rate);
        r.Count = 0;
        r.BinStart = _step;
    }
}
