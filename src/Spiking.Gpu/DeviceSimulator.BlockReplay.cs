using ILGPU;
using ILGPU.Runtime;
using Spiking.Engine;
using static Spiking.Gpu.DeviceMemory;

namespace Spiking.Gpu;

// Part of DeviceSimulator: a finished block copied back and replayed to the recorder step by step.
public sealed partial class DeviceSimulator
{
    /// <summary>
    /// Copies a finished block's spikes, step ends and state samples into the host arrays and clears the
    /// device's counters, so the next block can be queued before this one is replayed.
    /// </summary>
    private void CopyBlock(int block)
    {
        if (_blockReadouts)
            foreach (var o in _readoutOutputs) o.CopyBack(block);
        _device.Counters.View.CopyToCPU(_hostCounters);
        _device.StepEnds.View.CopyToCPU(_hostStepEnds);
        foreach (var p in _pops)
        {
            int count = _hostCounters[2 * p.Index];
            if (count > 0) Part(p.Records, 0, count).CopyToCPU(p.HostRecords.AsSpan(0, count));
            if (count > 0 && p.Offsets is not null) Part(p.Offsets, 0, count).CopyToCPU(p.HostOffsets.AsSpan(0, count));
        }
        foreach (var s in _stateMons)
        {
            if (s.Taken > 0) Part(s.Samples, 0, (long)s.Taken * s.SampleLength).CopyToCPU(s.HostSamples.AsSpan(0, s.Taken * s.SampleLength));
            s.Taken = 0;
        }
        _device.Counters.MemSetToZero();
    }

    /// <summary>
    /// Sends a copied block to the recorder step by step, as the CPU kernel would have: state samples at
    /// each step's start, weight snapshots, then the step's spikes (sorted by id: the device appends them
    /// in arrival order) and rate bins.
    /// </summary>
    private void ReplayBlock(long start, int block, IRecorder? recorder)
    {
        double dt = _net.Dt;
        var sampleAt = _sampleAt;
        Array.Clear(sampleAt);
        for (int k = 0; k < block; k++)
        {
            long n = start + k;
            for (int m = 0; m < _stateMons.Length; m++)
            {
                var s = _stateMons[m];
                if (n % s.IntervalSteps != 0) continue;
                recorder?.RecordState(s.Index, n * dt, s.HostSamples.AsSpan(sampleAt[m] * s.SampleLength, s.SampleLength));
                sampleAt[m]++;
            }
            foreach (var w in _weightMons) RecordWeights(w, n, recorder);
            foreach (var p in _pops)
            {
                int from = k == 0 ? 0 : _hostStepEnds[p.Index * _device.BlockSteps + k - 1], to = _hostStepEnds[p.Index * _device.BlockSteps + k];
                var spikes = p.HostRecords.AsSpan(from, to - from);
                if (p.HostOffsets is { } offsets) spikes.Sort(offsets.AsSpan(from, to - from));
                else spikes.Sort();
                p.StepFrom = from; p.StepCount = to - from;
                _spikeTotals[p.Index] += spikes.Length;
                foreach (var proj in p.Outgoing)
                {
                    var rowStart = proj.Host.Synapses.RowStart;
                    foreach (var i in spikes) _events += rowStart[i + 1] - rowStart[i];
                }
            }
            _events += _gradedStepEvents;
            if (_blockReadouts) ReplayReadouts(n, k, recorder);
            _monitors.RecordStep(n, new StepSpikes(_pops), recorder);
        }
    }

    /// <summary>A replayed step's spikes of each population (sorted above), as the shared spike and rate monitors read them.</summary>
    private readonly struct StepSpikes(DevicePopulation[] pops) : Runtime.IStepSpikes
    {
        public ReadOnlySpan<int> Spikes(int population) => pops[population].HostRecords.AsSpan(pops[population].StepFrom, pops[population].StepCount);

        public ReadOnlySpan<double> Offsets(int population)
            => pops[population].HostOffsets is { } offsets ? offsets.AsSpan(pops[population].StepFrom, pops[population].StepCount) : [];
    }

    /// <summary>
    /// Weight snapshots: of static weights from the host's table; of plastic weights from the copy taken
    /// off the device at the start of the block that begins at the snapshot's step (the rule's double weights, as the CPU records).
    /// </summary>
    private void RecordWeights(DeviceWeightMonitor m, long n, IRecorder? recorder)
    {
        while (m.Next < m.Steps.Length && m.Steps[m.Next] < n) m.Next++;
        if (m.Next >= m.Steps.Length || m.Steps[m.Next] != n) return;
        m.Next++;
        if (recorder is null) return;
        if (m.Plastic is null)
        {
            var w = m.Projection.Synapses.Weight;
            for (int s = 0; s < w.Length; s++) m.Buffer[s] = w[s];
        }
        recorder.RecordWeights(m.Index, n * _net.Dt, m.Buffer);
    }
}
