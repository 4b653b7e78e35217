namespace SequenceLearning;

/// <summary>
/// The network and the protocol of the sequence-learning example (after Rao &amp; Sejnowski 2000, "Predictive
/// sequence learning in recurrent neocortical circuits", NIPS 12): sizes, neuron and synapse parameters, the
/// training schedule and the cue test. Times in ms, potentials and weights in mV (lif_cuba weights add to
/// R_m·I, so a weight w gives a PSP of peak ≈ 0.16·w with τm = 20 ms, τs = 5 ms), currents in nA, rates in Hz.
/// </summary>
public sealed record SequenceProtocol
{
    /// <summary>Number of excitatory groups K, the elements of the sequence.</summary>
    public int Groups { get; init; } = 8;

    /// <summary>Neurons per excitatory group.</summary>
    public int GroupSize { get; init; } = 15;

    /// <summary>Neurons of the inhibitory population.</summary>
    public int Inhibitory { get; init; } = 30;

    /// <summary>Time step (ms).</summary>
    public double Dt { get; init; } = 0.1;

    /// <summary>Onset-to-onset interval of consecutive groups in a presentation (ms).</summary>
    public double Spacing { get; init; } = 10;

    /// <summary>Time from one presentation's start to the next (ms); the pause is Period − Groups·Spacing.</summary>
    public double Period { get; init; } = 200;

    /// <summary>Number of presentations of the sequence during training.</summary>
    public int Repetitions { get; init; } = 100;

    /// <summary>Amplitude (nA) and length (ms) of the current pulse that makes every neuron of a group fire once.</summary>
    public double PulseAmplitude { get; init; } = 4;

    /// <inheritdoc cref="PulseAmplitude"/>
    public double PulseLength { get; init; } = 2;

    /// <summary>E→E weight before training (mV, all synapses).</summary>
    public double InitialWeight { get; init; } = 1.25;

    /// <summary>E→E synaptic delay (ms); E→I and I→E have 1 ms. STDP reads the spike times, not the arrival times (docs/plasticity.md).</summary>
    public double LateralDelay { get; init; } = 1;

    /// <summary>Upper hard bound of the E→E weights (mV).</summary>
    public double MaxWeight { get; init; } = 10;

    /// <summary>A+ of the pair STDP rule as a fraction of <see cref="MaxWeight"/>; A− = 1.05·A+ (Song et al. 2000).</summary>
    public double APlusFraction { get; init; } = 0.02;

    /// <summary>τ+ = τ− of the STDP window (ms).</summary>
    public double StdpTau { get; init; } = 20;

    /// <summary>
    /// Period (ms) of the homeostatic normalisation of the E→E weights: each neuron's summed incoming weight is
    /// scaled back to its initial sum (119 × InitialWeight = 149 mV); 0 switches it off.
    /// </summary>
    public double NormalizeEvery { get; init; } = 200;

    /// <summary>E→I and I→E weights (mV; I→E negative).</summary>
    public double ExcitatoryToInhibitory { get; init; } = 2;

    /// <inheritdoc cref="ExcitatoryToInhibitory"/>
    public double InhibitoryToExcitatory { get; init; } = -3;

    /// <summary>Background: one lumped Poisson source of this rate (Hz) and weight (mV) per neuron.</summary>
    public double BackgroundRate { get; init; } = 350;

    /// <inheritdoc cref="BackgroundRate"/>
    public double BackgroundWeight { get; init; } = 8;

    /// <summary>Groups cued at test (0 … CuedGroups − 1, at the trained spacing).</summary>
    public int CuedGroups { get; init; } = 2;

    /// <summary>Window after the cue's start in which group onsets are looked for (ms).</summary>
    public double Window { get; init; } = 100;

    /// <summary>A group's onset is the time of its OnsetSpikes-th spike after the cue's start (spikes of any of its neurons).</summary>
    public int OnsetSpikes { get; init; } = 2;

    /// <summary>Number of excitatory neurons.</summary>
    public int Excitatory => Groups * GroupSize;
}
