using ILGPU;
using ILGPU.Runtime;
using static Spiking.Gpu.DeviceMemory;
using Spiking.Plasticity;

namespace Spiking.Gpu;

/// <summary>A rate rule (hebbian, oja, bcm) of one projection between rate units: a thread per presynaptic row, then BCM's thresholds.</summary>
internal sealed class RateRule<TRule> : DeviceRule where TRule : struct, IDeviceRateRule
{
    private readonly TRule _rule;
    private readonly RateRuleLaunch _launch;
    private readonly double[]? _hostTheta;
    private readonly MemoryBuffer1D<double, Stride1D.Dense>? _theta;
    private readonly RateRuleKernels<TRule> _kernels;

    public RateRule(DeviceSession device, DeviceProjection proj, PlasticityRuntime host, TRule rule, double[]? theta, double gain) : base(device, proj, host, [])
    {
        _rule = rule;
        _hostTheta = theta;
        if (theta is not null) _theta = device.Memory.Upload<double>(theta);
        _kernels = device.Kernel(typeof(RateRuleKernels<TRule>), () =>
        {
            var k = new RateRuleKernels<TRule>(device);
            device.RuleBatches.Add(k);
            return k;
        });
        // From rate units the device propagates by column only: the rule gets the row table.
        var table = proj.Host.Synapses;
        _launch = new RateRuleLaunch
        {
            RowStart = device.Memory.Upload<long>(table.RowStart).View,
            Target = device.Memory.Upload<int>(table.Target).View,
            W = W.View,
            PreOut = proj.Pre.Vars[proj.Pre.OutputVar].View,
            PostOut = proj.Post.Vars[proj.Post.OutputVar].View,
            Theta = _theta?.View ?? device.Memory.Dummy.View,
            Wf = Wf.View,
            WMin = host.WMin,
            WMax = host.WMax,
            Gain = gain,
        };
    }

    protected override void EnqueueRule(DeviceSession device)
        => _kernels.Add(new RateRuleItem<TRule> { Launch = _launch, Rule = _rule, Pre = Projection.Pre.Size, Post = Projection.Post.Size });

    protected override void DownloadState()
    {
        if (_hostTheta is { Length: > 0 } t) Part(_theta!, 0, t.Length).CopyToCPU(t.AsSpan());
    }
}

/// <summary>
/// The rate rule kernels of one rule struct, shared by its projections: each step their rows go in
/// batches of up to eight, and for BCM then their thresholds (a projection's weights before its
/// thresholds; the projections' weights and thresholds are their own).
/// </summary>
internal sealed class RateRuleKernels<TRule> : Batcher where TRule : struct, IDeviceRateRule
{
    private readonly Action<Index1D, Batch<RateRuleItem<TRule>>> _rows;
    private readonly Action<Index1D, Batch<RateRuleItem<TRule>>>? _thresholds;
    private Batch<RateRuleItem<TRule>> _batch;
    private int _pre, _post;

    public RateRuleKernels(DeviceSession device)
    {
        _rows = device.Accelerator.AutoKernel<Batch<RateRuleItem<TRule>>>(DeviceKernels.RateRule);
        if (typeof(TRule) == typeof(BcmDevice))
            _thresholds = (Action<Index1D, Batch<RateRuleItem<TRule>>>)(object)device.Accelerator.AutoKernel<Batch<RateRuleItem<BcmDevice>>>(DeviceKernels.BcmThreshold);
    }

    public void Add(in RateRuleItem<TRule> item)
    {
        _batch.Add(item);
        _pre += item.Pre;
        _post += item.Post;
        if (_batch.Count == Batch<RateRuleItem<TRule>>.Capacity) Flush();
    }

    public override void Flush()
    {
        if (_batch.Count == 0) return;
        if (_pre > 0) _rows(_pre, _batch);
        if (_thresholds is not null && _post > 0) _thresholds(_post, _batch);
        _batch = default;
        _pre = _post = 0;
    }
}
