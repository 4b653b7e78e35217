using ILGPU;
using ILGPU.Runtime;
using Spiking.Engine;
using static Spiking.Gpu.DeviceMemory;

namespace Spiking.Gpu;

// Part of DeviceSimulator: host and device in step: readouts and hooks inside a step, the state back after a run.
public sealed partial class DeviceSimulator
{
    /// <summary>
    /// The readouts of step n, between the update and propagation as on the CPU: the host waits for the
    /// device, copies each readout population's outputs (rate units) or this step's spikes into the host
    /// population, lets the readouts learn and predict, and uploads a fed-back output (FORCE, generative
    /// mode) into its rate_input unit before propagation reads it. A wait per step: readouts cost the
    /// device backend its queue ahead.
    /// </summary>
    private void RunReadouts(long n)
    {
        _acc.Synchronize();
        // The fed-back units too: a readout that does not write its output this step leaves the update's value there.
        CopyStepToHost(_readoutSync);
        foreach (var r in _readouts) r.AfterUpdate(n, _recorder);
        foreach (var f in _feedbackPops)
            Part(f.Vars[f.OutputVar], 0, 1).CopyFromCPU(f.Host.Group.Output.AsSpan(0, 1));
    }

    /// <summary>
    /// The hooks of <see cref="AfterUpdate"/> in step n, after the readouts as on the CPU: the host waits,
    /// copies every population's outputs (rate units) or this step's sorted spikes into the host
    /// populations, calls the hooks, and uploads the rate units' outputs, which propagation then reads.
    /// </summary>
    private void RunHooks(long n)
    {
        _acc.Synchronize();
        CopyStepToHost(_pops);
        foreach (var hook in _afterUpdate) hook(n);
        foreach (var p in _pops)
            if (p.OutputVar >= 0 && p.Size > 0) Part(p.Vars[p.OutputVar], 0, p.Size).CopyFromCPU(p.Host.Group.Output.AsSpan(0, p.Size));
    }

    /// <summary>After a synchronisation: the outputs (rate units) or this step's sorted spikes of <paramref name="pops"/> into their host populations.</summary>
    private void CopyStepToHost(DevicePopulation[] pops)
    {
        foreach (var p in pops)
        {
            var host = p.Host;
            if (p.OutputVar >= 0)
            {
                Part(p.Vars[p.OutputVar], 0, p.Size).CopyToCPU(host.Group.Output.AsSpan(0, p.Size));
                continue;
            }
            Part(_device.Counters, 2 * p.Index, 2).CopyToCPU(_hostStep);
            int end = _hostStep[0], start = _hostStep[1];
            var spikes = host.SpikeBuffer.AsSpan(0, end - start);
            if (end > start) Part(p.Records, start, end - start).CopyToCPU(spikes);
            spikes.Sort();
            host.SpikeCount = end - start;
        }
    }

    /// <summary>
    /// The readouts of step n (the k-th of the copied block) during replay, as <see cref="RunReadouts"/>
    /// inside the step: the rate units' outputs kept for that step, or the step's sorted spikes, go into
    /// the host populations, then the readouts learn and predict.
    /// </summary>
    private void ReplayReadouts(long n, int k, IRecorder? recorder)
    {
        foreach (var o in _readoutOutputs) o.Restore(k);
        foreach (var p in _readoutSources)
        {
            if (p.OutputVar >= 0) continue;
            p.HostRecords.AsSpan(p.StepFrom, p.StepCount).CopyTo(p.Host.SpikeBuffer);
            p.Host.SpikeCount = p.StepCount;
        }
        foreach (var r in _readouts) r.AfterUpdate(n, recorder);
    }

    /// <summary>Copies the device state back into the network's host arrays (variables, refractory counters, rings).</summary>
    private void DownloadState()
    {
        foreach (var x in _rules) x.Download();
        foreach (var p in _pops)
        {
            if (p.Size == 0) continue;
            for (int v = 0; v < p.Vars.Length; v++) Part(p.Vars[v], 0, p.Size).CopyToCPU(p.Host.Group.Variable(p.VarNames[v]).AsSpan());
            Part(p.Refr, 0, p.Size).CopyToCPU(p.Host.Group.RefractoryLeft.AsSpan());
            p.DownloadSource();
            p.DownloadPrecise();
            p.DownloadCurrent();
            int dense = p.Host.DenseSlots;
            for (int r = 0; r < p.Ring.Length; r++)
                if (p.Ring[r] is { } ring)
                    for (long m = _step; m < _step + dense; m++)
                        Part(ring, m % p.RingLength * p.Size, p.Size).CopyToCPU(p.Host.Ring[r][(int)(m % dense)].AsSpan());
        }
    }
}
