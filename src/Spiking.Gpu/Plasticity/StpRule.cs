using ILGPU;
using ILGPU.Runtime;
using static Spiking.Gpu.DeviceMemory;
using Spiking.Plasticity;

namespace Spiking.Gpu;

/// <summary>tsodyks_markram: the release at each presynaptic spike sets the row's effective weights before propagation; nothing after.</summary>
internal sealed class StpRule : DeviceRule
{
    private readonly ShortTermPlasticityRuntime _stp;
    private readonly MemoryBuffer1D<double, Stride1D.Dense> _u, _x, _last, _release;
    private readonly Batcher<StpLaunch> _batch;
    private StpLaunch _launch;

    public StpRule(DeviceSession device, DeviceProjection proj, ShortTermPlasticityRuntime rule) : base(device, proj, rule, [])
    {
        _stp = rule;
        _u = device.Memory.Upload<double>(rule.UArray);
        _x = device.Memory.Upload<double>(rule.XArray);
        _last = device.Memory.Upload<double>(rule.LastArray);
        _release = device.Memory.Upload<double>(rule.ReleaseArray);
        // One batcher for every tsodyks_markram projection, flushed before propagation (a group per spiking row).
        _batch = device.Kernel("stp", () =>
        {
            var kernel = device.Accelerator.GroupedKernel<Batch<StpLaunch>>(DeviceKernels.StpRelease);
            var b = new Batcher<StpLaunch>((rows, batch) => kernel(new KernelConfig(Math.Max(1, Math.Min(rows, device.PushGroups)), device.PushGroup), batch));
            device.BeforeBatches.Add(b);
            return b;
        });
        var c = rule.Constants;
        _launch = new StpLaunch
        {
            RowStart = proj.RowStart.View,
            W = W.View,
            U = _u.View,
            X = _x.View,
            Last = _last.View,
            Release = _release.View,
            Wf = Wf.View,
            Counters = device.Counters.View,
            PreRecords = proj.Pre.Records.View,
            PrePopulation = proj.Pre.Index,
            PerSynapse = c.PerSynapse ? 1 : 0,
            BigU = c.BigU,
            TauRec = c.TauRec,
            TauFac = c.TauFac,
        };
    }

    public override void EnqueueBefore(DeviceSession device, long n)
    {
        if (Projection.Host.Synapses.Count == 0 || Projection.Pre.Size == 0) return;
        _launch.T = (n + 1) * device.Dt;
        _batch.Add(_launch, Projection.Pre.Size);
    }

    protected override void EnqueueRule(DeviceSession device)
    {
    }

    protected override void DownloadState()
    {
        foreach (var (buffer, host) in new[] { (_u, _stp.UArray), (_x, _stp.XArray), (_last, _stp.LastArray), (_release, _stp.ReleaseArray) })
            if (host.Length > 0) Part(buffer, 0, host.Length).CopyToCPU(host.AsSpan());
    }
}
