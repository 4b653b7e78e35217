using ILGPU;
using ILGPU.Runtime;
using static Spiking.Gpu.DeviceMemory;
using Spiking.Plasticity;

namespace Spiking.Gpu;

/// <summary>
/// bgrnn onto binary units, before propagation as on the CPU (after the update and any inference
/// hook): the presynaptic outputs of the last D + 1 steps in a ring on the device, slot n mod (D + 1)
/// holding those that drove step n's logits; the rows' kernel changes the weights (online) or adds to
/// the pending sums (batched, applied at a batch's last step); then the column copy is refreshed so
/// that this step's output travels with the new weights, and the step's presynaptic output goes into
/// the slot. The weights change nowhere else, so the refresh after the step is left out (the CPU's
/// is redundant there too).
/// </summary>
internal sealed class GradientRule : DeviceRule
{
    private readonly BgRnnRuntime _r;
    private readonly MemoryBuffer1D<double, Stride1D.Dense> _history, _pending;
    private readonly int _slots, _batch;
    private readonly Action<Index1D, BgRnnLaunch> _rows, _apply;
    private BgRnnLaunch _launch;

    public GradientRule(DeviceSession device, DeviceProjection proj, BgRnnRuntime r) : base(device, proj, r, [])
    {
        _r = r;
        var (eta, decay, l1, batch) = r.Settings;
        _batch = batch;
        int pre = proj.Pre.Size;
        _slots = r.History.Length;
        var all = new double[(long)_slots * pre];
        for (int k = 0; k < _slots; k++) r.History[k].CopyTo(all, (long)k * pre);
        _history = device.Memory.Upload<double>(all);
        _pending = device.Memory.Upload<double>(r.Pending);
        _rows = device.Kernel("bgrnn-rows", () => device.Accelerator.AutoKernel<BgRnnLaunch>(DeviceKernels.BgRnnRows));
        _apply = device.Kernel("bgrnn-apply", () => device.Accelerator.AutoKernel<BgRnnLaunch>(DeviceKernels.BgRnnApply));
        var post = proj.Post;
        var table = proj.Host.Synapses;
        _launch = new BgRnnLaunch
        {
            RowStart = device.Memory.Upload<long>(table.RowStart).View,
            Target = device.Memory.Upload<int>(table.Target).View,
            W = W.View,
            Wf = Wf.View,
            H = post.Vars[Array.IndexOf(post.VarNames, "h")].View,
            P = post.Vars[Array.IndexOf(post.VarNames, "p")].View,
            Pending = _pending.View,
            Eta = eta,
            Decay = decay,
            L1 = l1,
            WMin = r.WMin,
            WMax = r.WMax,
            Penalised = decay > 0 || l1 > 0 ? 1 : 0,
            Batched = batch > 1 ? 1 : 0,
        };
    }

    protected override bool RefreshAfterRule => false;

    public override void EnqueueBefore(DeviceSession device, long n)
    {
        int pre = Projection.Pre.Size;
        if (pre == 0) return;
        var prev = Part(_history, n % _slots * pre, pre);
        int synapses = (int)Projection.Host.Synapses.Count;
        if (synapses > 0)
        {
            _launch.Prev = prev;
            _rows(pre, _launch);
            if (_batch > 1 && (n + 1) % _batch == 0) _apply(synapses, _launch);
            RefreshColumns(device);
        }
        Part(Projection.Pre.Vars[Projection.Pre.OutputVar], 0, pre).CopyTo(prev);
    }

    protected override void EnqueueRule(DeviceSession device)
    {
    }

    protected override void DownloadState()
    {
        int pre = Projection.Pre.Size;
        for (int k = 0; k < _slots && pre > 0; k++) Part(_history, (long)k * pre, pre).CopyToCPU(_r.History[k].AsSpan());
        if (_r.Pending.Length > 0) Part(_pending, 0, _r.Pending.Length).CopyToCPU(_r.Pending.AsSpan());
    }
}
