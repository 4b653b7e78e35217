using Spiking.Description;
using Spiking.Engine;
using Spiking.Inputs;
using Spiking.Runtime;

namespace Spiking.Inputs;

/// <summary>
/// The inputs of a spec resolved once for every engine: target population and receptor by index, the
/// driven neurons, spike times ordered as engines consume them, series turned into per-step currents.
/// Each kind resolves itself (<see cref="IInputKind.Resolve"/>, in input order); the time-stepped,
/// event-driven and device engines each turn these lists into their own runtime objects, so the
/// resolution (and its order, on which bit-identical results depend) is written once.
/// </summary>
public sealed class InputPlan
{
    /// <summary>Poisson inputs, in input order.</summary>
    public IReadOnlyList<PoissonDrive> Poisson { get; }

    /// <summary>Spike-time inputs, in input order.</summary>
    public IReadOnlyList<SpikeTrainInput> SpikeTrains { get; }

    /// <summary>Piecewise-constant currents (current inputs, and series inputs as one amplitude per step), in input order.</summary>
    public IReadOnlyList<CurrentSteps> Currents { get; }

    /// <summary>Gaussian noise currents, in input order.</summary>
    public IReadOnlyList<NoiseDrive> Noise { get; }

    private InputPlan(PoissonDrive[] poisson, SpikeTrainInput[] trains, CurrentSteps[] currents, NoiseDrive[] noise)
        => (Poisson, SpikeTrains, Currents, Noise) = (poisson, trains, currents, noise);

    /// <summary>
    /// Resolves the inputs of <paramref name="network"/>'s spec; a series input takes its values from
    /// <paramref name="series"/> (series name → channel → one value per step), which engines without
    /// series (event mode) may leave null.
    /// </summary>
    public static InputPlan Create(Network network, IReadOnlyDictionary<string, IReadOnlyDictionary<string, double[]>>? series = null)
    {
        var spec = network.Spec;
        double dt = network.Dt;
        var poisson = new List<PoissonDrive>(); var trains = new List<SpikeTrainInput>(); var currents = new List<CurrentSteps>(); var noise = new List<NoiseDrive>();
        for (int k = 0; k < spec.Inputs.Count; k++)
        {
            var input = spec.Inputs[k];
            if (!InputRegistry.TryGet(input, out var kind))
                throw new NotSupportedException($"input '{input.Name}': no engine runs inputs of kind {input.GetType().Name}");
            kind.Resolve(input, new InputResolution(k, network.Population(input.Target), dt, spec.Simulation.Duration, series, poisson, trains, currents, noise));
        }
        return new InputPlan(poisson.ToArray(), trains.ToArray(), currents.ToArray(), noise.ToArray());
    }

    /// <summary>
    /// Which of the <paramref name="populations"/> populations receive a membrane current (current steps
    /// or noise), and which noise: for an engine that allocates current buffers per population (the
    /// device), so that it need not know the input kinds.
    /// </summary>
    public (bool[] Current, bool[] Noise) MembraneTargets(int populations)
    {
        var noise = Enumerable.Range(0, populations).Select(p => Noise.Any(z => z.Population == p)).ToArray();
        var current = Enumerable.Range(0, populations).Select(p => noise[p] || Currents.Any(c => c.Population == p)).ToArray();
        return (current, noise);
    }
}

/// <summary>
/// Independent Poisson trains onto one receptor: each driven neuron receives <paramref name="Count"/>
/// sources of <paramref name="Rate"/> Hz. <paramref name="Neurons"/> null: every neuron of the population.
/// </summary>
public sealed record PoissonDrive(int Index, int Population, int Receptor, double Rate, int Count, double Weight, int[]? Neurons)
{
    /// <summary>Expected spikes per neuron per step of <paramref name="dt"/> ms (rate × count × dt, in that order of operations).</summary>
    public double LambdaPerStep(double dt) => Rate * Count * dt * 1e-3;

    /// <summary>Rate per driven neuron in spikes per ms (event mode's exponential intervals).</summary>
    public double RatePerMs => Rate * Count * 1e-3;
}

/// <summary>A piecewise-constant current (nA): amplitude k from step <c>Steps[k]</c> (time <c>Times[k]</c> ms; null for a series, one value per step).</summary>
public sealed record CurrentSteps(int Index, int Population, double[]? Times, long[] Steps, double[] Amplitudes, int[]? Neurons);

/// <summary>A Gaussian noise current: mean and standard deviation (nA) per neuron per step.</summary>
public sealed record NoiseDrive(int Index, int Population, double Mean, double StandardDeviation, int[]? Neurons);
