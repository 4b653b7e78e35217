using Spiking.Plasticity;
using ILGPU;

namespace Spiking.Gpu;

/// <summary>One synaptic trace's decay over a step: x ← x·f for its <see cref="Size"/> neurons.</summary>
internal struct TraceDecayLaunch
{
    public ArrayView<double> Trace;
    public double Factor;
    public int Size;
}

/// <summary>
/// Parameters of one spiking plastic projection's kernels for one step: its row table and column view,
/// the weights (double, the rule's copy, and float, the table propagation reads), up to two traces per
/// presynaptic neuron (Pre0, Pre1) and per postsynaptic neuron (Post0, Post1), the hard bounds, and the
/// step's spike lists of the pre and post populations. The rule's own arithmetic is a struct
/// (<see cref="ISpikeRuleKernel"/>), which reads and writes the traces through <see cref="ISpikeTraces"/>.
/// </summary>
internal struct StdpLaunch : ISpikeTraces
{
    public ArrayView<long> RowStart;
    public ArrayView<int> Target, ColumnStart, ColumnPre, ColumnSynapse;
    public ArrayView<double> W, Pre0, Pre1, Post0, Post1;
    public ArrayView<float> Wf;
    public ArrayView<int> Counters, PreRecords, PostRecords;
    public int PrePopulation, PostPopulation;
    public double WMin, WMax;

    public readonly double Pre(int j) => Pre0[j];
    public readonly double Pre2(int j) => Pre1[j];
    public readonly double Post(int i) => Post0[i];
    public readonly double Post2(int i) => Post1[i];
    public readonly void SetPre(int j, double x) => Pre0[j] = x;
    public readonly void SetPre2(int j, double x) => Pre1[j] = x;
    public readonly void SetPost(int i, double x) => Post0[i] = x;
    public readonly void SetPost2(int i, double x) => Post1[i] = x;
}

/// <summary>One spiking plastic projection's rule step: its launch parameters and its rule's constants.</summary>
internal struct StdpItem<TRule> where TRule : struct, ISpikeRuleKernel
{
    public StdpLaunch Launch;
    public TRule Rule;

    /// <summary>This step's presynaptic spikes (on the device, after MarkStep).</summary>
    public readonly int PreCount() => Launch.Counters[2 * Launch.PrePopulation] - Launch.Counters[2 * Launch.PrePopulation + 1];

    /// <summary>This step's postsynaptic spikes.</summary>
    public readonly int PostCount() => Launch.Counters[2 * Launch.PostPopulation] - Launch.Counters[2 * Launch.PostPopulation + 1];
}

/// <summary>
/// Parameters of one rate rule's step (RateRuleRuntime: hebbian, oja, bcm): the row table, the weights
/// (double and the row-ordered float copy), both populations' outputs, BCM's threshold and its averaging weight.
/// </summary>
internal struct RateRuleLaunch
{
    public ArrayView<long> RowStart;
    public ArrayView<int> Target;
    public ArrayView<double> W, PreOut, PostOut, Theta;
    public ArrayView<float> Wf;
    public double WMin, WMax, Gain;
}

/// <summary>One rate rule projection's step in a batch: its launch, the rule's constants, and its rows and post units (the threads of its two kernels).</summary>
internal struct RateRuleItem<TRule> where TRule : struct, IDeviceRateRule
{
    public RateRuleLaunch Launch;
    public TRule Rule;
    public int Pre, Post;
}

/// <summary>
/// Parameters of one bgrnn projection's step (BgRnnRuntime.BeforePropagation): the row table, both
/// weight copies, the presynaptic outputs that drove this step's logits (Prev), the post units' gates H
/// and prior probabilities P, the batch's summed changes (Pending, when Batched), η, λ₂, λ₁, the bounds,
/// and whether a penalty is set.
/// </summary>
internal struct BgRnnLaunch
{
    public ArrayView<long> RowStart;
    public ArrayView<int> Target;
    public ArrayView<double> W, Prev, H, P, Pending;
    public ArrayView<float> Wf;
    public double Eta, Decay, L1, WMin, WMax;
    public int Penalised, Batched;
}

/// <summary>
/// Parameters of one tsodyks_markram projection's release at this step's presynaptic spikes: the row
/// table, the baseline weights W and the float table Wf the effective weights go to, the state u, x,
/// last spike time and last release (per presynaptic neuron, or per synapse when PerSynapse), the step's
/// stamp T and the constants.
/// </summary>
internal struct StpLaunch
{
    public ArrayView<long> RowStart;
    public ArrayView<double> W, U, X, Last, Release;
    public ArrayView<float> Wf;
    public ArrayView<int> Counters, PreRecords;
    public int PrePopulation, PerSynapse;
    public double T, BigU, TauRec, TauFac;
}

/// <summary>Parameters of homeostatic normalisation of one plastic projection (every post neuron's column scaled to its target sum).</summary>
internal struct NormalizeLaunch
{
    public ArrayView<int> ColumnStart, ColumnSynapse;
    public ArrayView<double> W, Target;
    public ArrayView<float> Wf;
    public double WMin, WMax;
    /// <summary>Post neurons (the launch's threads).</summary>
    public int Size;
}

/// <summary>A plastic projection from rate units: its column copy, refreshed from the row-ordered weights (a thread per synapse).</summary>
internal struct RefreshLaunch
{
    public ArrayView<float> Column, Row;
    public ArrayView<int> Synapse;
    public int Size;
}
