namespace Spiking.Description;

/// <summary>An external drive to a population. <see cref="Neurons"/> null means every neuron.</summary>
public abstract record InputSpec(string Name, string Target)
{
    /// <summary>Indices of the driven neurons, or null for all.</summary>
    public IReadOnlyList<int>? Neurons { get; init; }
}

/// <summary>
/// Independent Poisson spike trains into a receptor: each driven neuron receives <paramref name="Count"/>
/// independent sources of rate <paramref name="Rate"/> (Hz), each spike adding <paramref name="Weight"/>
/// (Brian2 PoissonInput, NEST poisson_generator). Draws are made per neuron per step.
/// </summary>
public sealed record PoissonInputSpec(string Name, string Target, string Receptor, double Rate, double Weight, int Count = 1)
    : InputSpec(Name, Target);

/// <summary>Spikes at given times (ms) into a receptor of given neurons (NEST spike_generator).</summary>
public sealed record SpikeTimesInputSpec(string Name, string Target, string Receptor, double Weight,
    IReadOnlyList<int> SpikeNeurons, IReadOnlyList<double> SpikeTimes) : InputSpec(Name, Target);

/// <summary>
/// A current injected into the membrane: piecewise constant, taking <c>Amplitudes[k]</c> (nA) from
/// <c>Times[k]</c> (ms) on; before <c>Times[0]</c> it is zero. A constant current is one step at 0 ms.
/// </summary>
public sealed record CurrentInputSpec(string Name, string Target, IReadOnlyList<double> Times, IReadOnlyList<double> Amplitudes)
    : InputSpec(Name, Target);

/// <summary>
/// A noise current injected into the membrane: in every step each driven neuron receives a current
/// drawn from N(<paramref name="Mean"/>, <paramref name="StandardDeviation"/>²) (nA), held for the step
/// (NEST noise_generator with its dt equal to the simulation step). Neuron i of input k draws from
/// stream (seed, NoiseInput, k, i) at block = step, so the noise does not depend on threads. The
/// variance of the membrane potential it causes scales with dt; give sd for the dt you run.
/// </summary>
public sealed record NoiseInputSpec(string Name, string Target, double Mean, double StandardDeviation)
    : InputSpec(Name, Target);
