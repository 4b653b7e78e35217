namespace Spiking.Models;

/// <summary>
/// Inference for a population of stochastic binary units (<see cref="BinaryUnitGroup"/>): instead of
/// sampling h ~ Bernoulli(σ(a)) (and x ~ N(0, τ_x²)), the network runs <em>inferred</em>: each step the
/// hook sets the gates h and amplitudes x of the whole population from the prior logits a that the
/// network computed from the previous step's activity. This is where the greedy filtering of
/// Pachitariu &amp; Sahani (bgG-RNN; matching pursuit on each frame) plugs in, through an adapter.
/// </summary>
/// <remarks>
/// Called once per step, on one thread, after every unit of the population computed
/// a_j = I_j + b_j (divided by the temperature for <c>binary_sigmoid</c>) and p_j = σ(a_j), and before
/// the population's output (h·x for <c>binary_gated</c>, h for <c>binary_sigmoid</c>) is propagated
/// and before learning rules read h and p. The spans stay valid only during the call.
/// </remarks>
public interface IGatedInference
{
    /// <summary>
    /// Sets the units' state of step <paramref name="step"/>.
    /// </summary>
    /// <param name="step">The kernel's step number (0 for the first step of the run).</param>
    /// <param name="priorLogits">a_j per unit: the logit of P(h_j = 1) under the network's prior.</param>
    /// <param name="h">Gates to write, each 0 or 1 (the kernel checks). Arrives holding the previous step's gates.</param>
    /// <param name="x">Amplitudes to write (<c>binary_gated</c>; ignored by <c>binary_sigmoid</c>, whose output is h). Arrives holding the previous step's amplitudes.</param>
    void Infer(long step, ReadOnlySpan<double> priorLogits, Span<double> h, Span<double> x);
}
