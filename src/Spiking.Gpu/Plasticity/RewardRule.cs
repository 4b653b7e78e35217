using ILGPU;
using ILGPU.Runtime;
using static Spiking.Gpu.DeviceMemory;
using Spiking.Plasticity;

namespace Spiking.Gpu;

/// <summary>
/// reward_stdp: the eligibility per synapse on the device, the dopamine d on the host rule (a scalar
/// that only decays, so the host advances it per step exactly as the CPU does, and a reward added
/// with <see cref="RewardModulatedStdpRuntime.AddReward"/> between runs is in force from the next
/// run's first step, as on the CPU). Per step: weights by c·d·k and eligibility decay, trace decay,
/// eligibility changes at pre then post spikes, trace jumps.
/// </summary>
internal sealed class RewardRule : DeviceRule
{
    private readonly RewardModulatedStdpRuntime _r;
    private readonly RewardStdpDevice _rule;
    private readonly MemoryBuffer1D<double, Stride1D.Dense> _c;
    private readonly double _fc;
    private readonly Action<Index1D, StdpLaunch, ArrayView<double>, double, int, double> _weights;
    private readonly Action<KernelConfig, StdpLaunch, ArrayView<double>, RewardStdpDevice> _depress, _potentiate;
    private readonly Action<KernelConfig, Batch<StdpItem<RewardStdpDevice>>> _bump;
    private bool _rewarded;
    private double _gain;

    public RewardRule(DeviceSession device, DeviceProjection proj, RewardModulatedStdpRuntime r)
        : base(device, proj, r, [(r.PreTraceArray, r.Constants.FPre, true), (r.PostTraceArray, r.Constants.FPost, false)])
    {
        _r = r;
        var k = r.Constants;
        _rule = new RewardStdpDevice(k.APlus, k.AMinus);
        _fc = k.Fc;
        _c = device.Memory.Upload<double>(r.EligibilityArray);
        var acc = device.Accelerator;
        _weights = device.Kernel("reward-weights", () => acc.AutoKernel<StdpLaunch, ArrayView<double>, double, int, double>(DeviceKernels.RewardWeights));
        _depress = device.Kernel("reward-depress", () => acc.GroupedKernel<StdpLaunch, ArrayView<double>, RewardStdpDevice>(DeviceKernels.RewardDepress));
        _potentiate = device.Kernel("reward-potentiate", () => acc.GroupedKernel<StdpLaunch, ArrayView<double>, RewardStdpDevice>(DeviceKernels.RewardPotentiate));
        _bump = device.Kernel("reward-bump", () => acc.GroupedKernel<Batch<StdpItem<RewardStdpDevice>>>(DeviceKernels.StdpBump));
    }

    public override void BeginStep() => _rewarded = _r.AdvanceDopamine(out _gain);

    protected override void EnqueueRule(DeviceSession device)
    {
        int pre = Projection.Pre.Size, post = Projection.Post.Size;
        var launch = Launch;
        _weights(_r.EligibilityArray.Length, launch, _c.View, _gain, _rewarded ? 1 : 0, _fc);
        _depress(new KernelConfig(Math.Max(1, Math.Min(pre, device.PushGroups)), device.PushGroup), launch, _c.View, _rule);
        _potentiate(new KernelConfig(Math.Max(1, Math.Min(post, device.PushGroups)), device.PushGroup), launch, _c.View, _rule);
        var bump = new Batch<StdpItem<RewardStdpDevice>>();
        bump.Add(new StdpItem<RewardStdpDevice> { Launch = launch, Rule = _rule });
        _bump(new KernelConfig(Math.Max(1, Math.Min(Math.Max(pre, post), device.PushGroups)), device.PushGroup), bump);
    }

    protected override void DownloadState()
    {
        var host = _r.EligibilityArray;
        if (host.Length > 0) Part(_c, 0, host.Length).CopyToCPU(host.AsSpan());
    }
}
