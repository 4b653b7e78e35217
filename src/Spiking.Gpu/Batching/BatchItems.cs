using Spiking.Plasticity;
namespace Spiking.Gpu;

internal readonly struct TraceItems : IBatchItems<TraceDecayLaunch>
{
    public int Of(in TraceDecayLaunch launch) => launch.Size;
}

/// <summary>A normalisation's items: its post neurons.</summary>
internal readonly struct NormalizeItems : IBatchItems<NormalizeLaunch>
{
    public int Of(in NormalizeLaunch launch) => launch.Size;
}

/// <summary>A refresh's items: its synapses.</summary>
internal readonly struct RefreshItems : IBatchItems<RefreshLaunch>
{
    public int Of(in RefreshLaunch launch) => launch.Size;
}

/// <summary>A rate rule's rows (its presynaptic units).</summary>
internal readonly struct RateRows<TRule> : IBatchItems<RateRuleItem<TRule>> where TRule : struct, IDeviceRateRule
{
    public int Of(in RateRuleItem<TRule> item) => item.Pre;
}

/// <summary>A rate rule's post units (BCM's thresholds).</summary>
internal readonly struct RatePosts<TRule> : IBatchItems<RateRuleItem<TRule>> where TRule : struct, IDeviceRateRule
{
    public int Of(in RateRuleItem<TRule> item) => item.Post;
}

/// <summary>A release's items: its presynaptic population's spikes of this step (read on the device).</summary>
internal readonly struct StpSpikes : IBatchItems<StpLaunch>
{
    public int Of(in StpLaunch p) => p.Counters[2 * p.PrePopulation] - p.Counters[2 * p.PrePopulation + 1];
}

/// <summary>A push's items: its presynaptic population's spikes of this step (read on the device).</summary>
internal readonly struct PushSpikes : IBatchItems<PushLaunch>
{
    public int Of(in PushLaunch p) => p.Counters[2 * p.PrePopulation] - p.Counters[2 * p.PrePopulation + 1];
}

internal readonly struct PreSpikes<TRule> : IBatchItems<StdpItem<TRule>> where TRule : struct, ISpikeRuleKernel
{
    public int Of(in StdpItem<TRule> item) => item.PreCount();
}

internal readonly struct PostSpikes<TRule> : IBatchItems<StdpItem<TRule>> where TRule : struct, ISpikeRuleKernel
{
    public int Of(in StdpItem<TRule> item) => item.PostCount();
}

internal readonly struct PoissonItems : IBatchItems<PoissonLaunch>
{
    public int Of(in PoissonLaunch launch) => launch.Count;
}

internal readonly struct ReduceItems : IBatchItems<ReduceLaunch>
{
    public int Of(in ReduceLaunch launch) => launch.Size;
}

internal readonly struct UpdateItems<TModel> : IBatchItems<UpdateLaunch<TModel>> where TModel : struct, IDeviceNeuronModel
{
    public int Of(in UpdateLaunch<TModel> launch) => launch.Size;
}
