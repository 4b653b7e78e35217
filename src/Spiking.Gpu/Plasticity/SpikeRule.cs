using ILGPU;
using ILGPU.Runtime;
using static Spiking.Gpu.DeviceMemory;
using Spiking.Plasticity;

namespace Spiking.Gpu;

internal sealed class SpikeRule<TRule> : DeviceRule where TRule : struct, ISpikeRuleKernel
{
    private readonly TRule _rule;
    private readonly SpikeRuleKernels<TRule> _kernels;

    public SpikeRule(DeviceSession device, DeviceProjection proj, PlasticityRuntime host, TRule rule, (double[] Host, double Factor, bool Pre)[] traces)
        : base(device, proj, host, traces)
    {
        _rule = rule;
        _kernels = device.Kernel(typeof(SpikeRuleKernels<TRule>), () =>
        {
            var k = new SpikeRuleKernels<TRule>(device);
            device.RuleBatches.Add(k);
            return k;
        });
    }

    protected override void EnqueueRule(DeviceSession device)
    {
        _kernels.Add(Launch, _rule, Projection.Pre.Size, Projection.Post.Size);
    }
}

/// <summary>The three kernels of one rule struct, compiled once per simulator.</summary>
/// <summary>
/// The spiking rule kernels of one rule struct, shared by the projections with that rule: each step
/// their projections' depressions, potentiations and trace jumps go in batches of up to eight
/// (launched when full and at <see cref="Flush"/>), a projection's depression before its
/// potentiation before its jumps.
/// </summary>
internal sealed class SpikeRuleKernels<TRule>(DeviceSession device) : Batcher where TRule : struct, ISpikeRuleKernel
{
    private readonly Action<KernelConfig, Batch<StdpItem<TRule>>> _depress = device.Accelerator.GroupedKernel<Batch<StdpItem<TRule>>>(DeviceKernels.StdpDepress);
    private readonly Action<KernelConfig, Batch<StdpItem<TRule>>> _potentiate = device.Accelerator.GroupedKernel<Batch<StdpItem<TRule>>>(DeviceKernels.StdpPotentiate);
    private readonly Action<KernelConfig, Batch<StdpItem<TRule>>> _bump = device.Accelerator.GroupedKernel<Batch<StdpItem<TRule>>>(DeviceKernels.StdpBump);
    private Batch<StdpItem<TRule>> _batch;
    private int _pre, _post;

    public void Add(in StdpLaunch launch, in TRule rule, int pre, int post)
    {
        _batch.Add(new StdpItem<TRule> { Launch = launch, Rule = rule });
        _pre += pre;
        _post += post;
        if (_batch.Count == Batch<StdpItem<TRule>>.Capacity) Flush();
    }

    public override void Flush()
    {
        if (_batch.Count == 0) return;
        int groups = device.PushGroups, group = device.PushGroup;
        _depress(new KernelConfig(Math.Max(1, Math.Min(_pre, groups)), group), _batch);
        _potentiate(new KernelConfig(Math.Max(1, Math.Min(_post, groups)), group), _batch);
        _bump(new KernelConfig(Math.Max(1, Math.Min(Math.Max(_pre, _post), groups)), group), _batch);
        _batch = default;
        _pre = _post = 0;
    }
}
