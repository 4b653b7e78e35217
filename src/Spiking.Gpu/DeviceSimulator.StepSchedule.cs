using ILGPU;
using ILGPU.Runtime;
using Spiking.Engine;
using static Spiking.Gpu.DeviceMemory;

namespace Spiking.Gpu;

// Part of DeviceSimulator: the step schedule, the launches of a block queued step by step in the CPU kernel's order.
public sealed partial class DeviceSimulator
{
    /// <summary>
    /// Queues the next block from step <paramref name="queued"/> (at most <see cref="BlockSteps"/>, ending
    /// where a snapshot of a plastic projection is due, whose weights it first copies off the device);
    /// returns its length, 0 at <paramref name="end"/>.
    /// </summary>
    private int Queue(ref long queued, long end)
    {
        if (queued >= end) return 0;
        int block = (int)Math.Min(_device.BlockSteps, end - queued);
        foreach (var w in _weightMons)
        {
            if (w.Plastic is null) continue;
            long due = w.NextDue(queued + 1);
            if (due >= 0 && due - queued < block) block = (int)(due - queued);
            if (w.NextDue(queued) == queued) w.Plastic.DownloadWeights(w.Buffer);
        }
        for (int k = 0; k < block; k++) EnqueueStep(queued + k, k);
        queued += block;
        return block;
    }

    /// <summary>Queues the launches of step n, the k-th of its block (the order of the CPU kernel's StepOnce).</summary>
    private void EnqueueStep(long n, int k)
    {
        foreach (var s in _stateMons)
            if (n % s.IntervalSteps == 0) s.Sample(_device);
        foreach (var st in _times) st.Enqueue(_device, n);
        foreach (var st in _timedTimes) st.Enqueue(_device, n);
        // Poisson inputs onto different targets commute: batched, flushed before an input onto a target already in the batch.
        foreach (var pi in _poisson)
        {
            if (pi.Target.FusedPoisson == pi || !pi.Launch(_device, n, out var launch)) continue;
            for (int b = 0; b < _device.PoissonBatch.Count; b++)
                if (_poissonInBatch[b].SameTarget(pi)) { _device.PoissonBatch.Flush(); break; }
            _poissonInBatch[_device.PoissonBatch.Count] = pi;
            _device.PoissonBatch.Add(launch, launch.Count);
        }
        _device.PoissonBatch.Flush();
        if (_currents.Length > 0) ApplyCurrents(n);
        if (_noise.Length > 0) ApplyNoise(n);
        foreach (var p in _pops)
        {
            if (p.Size == 0) continue;
            var output = new SpikeOutput { Counters = _device.Counters.View, Records = p.Records.View, Population = p.Index };
            if (p.Precise is { } precise) precise.Queue(p, n, output);
            else
            {
                PoissonLaunch poisson = default;
                bool fused = p.FusedPoisson is { } f && f.Launch(_device, n, out poisson);
                p.Updater!.Queue(p.Size, p.State(n), output, fused ? 1 : 0, poisson);
            }
        }
        foreach (var b in _device.UpdateBatches) b.Flush();
        _device.MarkStep(_pops.Length, _device.Counters.View, _device.StepEnds.View, _device.BlockSteps, k);
        // Inference hooks run on the host, as on the CPU (one thread, after the update, before anything reads the outputs): a wait per step.
        if (_inferred.Length > 0)
        {
            _acc.Synchronize();
            foreach (var p in _inferred) p.Infer(n);
        }
        if (_blockReadouts)
            foreach (var o in _readoutOutputs) o.Keep(k);
        else if (_readouts.Length > 0) RunReadouts(n);
        if (_afterUpdate.Length > 0) RunHooks(n);
        foreach (var x in _rules) x.EnqueueBefore(_device, n);
        foreach (var b in _device.BeforeBatches) b.Flush();
        // Spiking projections go in batches of up to eight per launch, in projection order.
        foreach (var proj in _projs)
        {
            if (proj.Timed)
            {
                proj.EnqueueTimed(_device, n);
                continue;
            }
            if (!proj.Graded)
            {
                if (proj.Launch(_device, n, out var launch)) _device.PushBatch.Add(launch, proj.Pre.Size);
                continue;
            }
            _device.PushBatch.Flush();
            // Deterministic sums: the staged spikes of the projections before this one onto its post
            // population are added first, so each target sums projection by projection, as on the CPU.
            if (_sums == DeviceSums.Deterministic) proj.Post.Reduce(_device);
            proj.EnqueueGraded(_device, n);
        }
        _device.PushBatch.Flush();
        if (_sums == DeviceSums.Deterministic)
        {
            foreach (var p in _pops)
                if (p.ReduceLaunch(_device, out var launch)) _device.ReduceBatch.Add(launch, launch.Size);
            _device.ReduceBatch.Flush();
        }
        // Every plastic projection's traces decay first, in batches (the projections' traces and weights
        // are their own, so this reorders nothing that interacts), then each projection's rule in order.
        foreach (var x in _rules)
        {
            x.BeginStep();
            x.QueueDecays(_device.Decays);
        }
        _device.Decays.Flush();
        foreach (var x in _rules) x.Enqueue(_device);
        foreach (var b in _device.RuleBatches) b.Flush();
        foreach (var x in _rules) x.Finish(_device, n);
        _device.RefreshBatch.Flush();
        _device.NormalizeBatch.Flush();
    }

    /// <summary>Piecewise-constant currents: the host sums the amplitudes in force (as the CPU does) and uploads a population's current only when it changed.</summary>
    private void ApplyCurrents(long n)
    {
        foreach (var p in _pops)
        {
            bool changed = false;
            foreach (var c in _currents)
                if (c.Target == p) changed |= c.Advance(n);
            if (!changed) continue;
            var current = p.HostCurrent;
            // With noise, the current inputs' sum is the base the noise kernels start from each step.
            var into = p.NoiseBase ?? p.Iext;
            Array.Clear(current);
            foreach (var c in _currents)
            {
                if (c.Target != p) continue;
                double a = c.Current;
                if (c.Neurons is null) for (int i = 0; i < current.Length; i++) current[i] += a;
                else foreach (var i in c.Neurons) current[i] += a;
            }
            into.View.CopyFromCPU(current);
        }
    }

    /// <summary>
    /// Noise currents of step n, as the CPU's ApplyNoise: each population with noise starts from the
    /// current of its current inputs, then each noise input, in input order, adds its draw per neuron.
    /// </summary>
    private void ApplyNoise(long n)
    {
        foreach (var p in _pops)
            if (p.NoiseBase is { } b) b.View.CopyTo(p.Iext.View);
        foreach (var z in _noise) z.Enqueue(_device, n);
    }
}
