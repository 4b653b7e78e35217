using Spiking.Random;
using Spiking.Units;

namespace Spiking.Models;

/// <summary>
/// Independent Poisson spike sources (NEST <c>poisson_generator</c> with one target each, Brian2
/// <c>PoissonGroup</c>): each unit fires in a step with probability rate·dt, drawn from its own stream
/// (seed, ModelNoise, population, unit), so spike trains do not depend on threads. A population of them
/// is the presynaptic side of a plastic projection (Song, Miller &amp; Abbott 2000: 1000 Poisson inputs).
/// Its receptor "in" accepts projections and ignores them, so that a source can also be the
/// postsynaptic side of a plasticity test with a prescribed post rate.
/// </summary>
internal sealed class PoissonSourceModel : INeuronModel
{
    /// <summary>The instance the registry holds.</summary>
    public static readonly PoissonSourceModel Instance = new();

    /// <inheritdoc/>
    public string Name => "poisson_source";
    /// <inheritdoc/>
    public string Description => "independent Poisson spike trains, spike probability rate*dt per step (Brian2 PoissonGroup)";

    /// <inheritdoc/>
    public IReadOnlyList<ParameterInfo> Parameters { get; } =
    [
        new("rate", Dimension.Frequency, 10, "firing rate of every unit"),
    ];

    /// <inheritdoc/>
    public IReadOnlyList<VariableInfo> Variables { get; } = [];

    /// <inheritdoc/>
    public IReadOnlyList<ReceptorInfo> Receptors { get; } =
    [
        new("in", Dimension.Dimensionless, false, "accepts projections; input has no effect"),
    ];

    /// <inheritdoc/>
    public bool SupportsPreciseSpikeTimes => false;

    /// <inheritdoc/>
    public IEnumerable<string> Validate(IReadOnlyDictionary<string, double> parameters, double dt)
    {
        double rate = new ParameterReader(this, parameters)["rate"];
        if (!(rate >= 0)) yield return $"rate must be >= 0 Hz (got {rate})";
        else if (rate * dt * 1e-3 > 1) yield return $"rate × dt must be at most 1 spike per step (got {rate} Hz × {dt} ms)";
    }

    /// <inheritdoc/>
    public NeuronGroup Create(int size, IReadOnlyDictionary<string, double> parameters, double dt, bool preciseSpikeTimes)
        => new PoissonSourceGroup(this, size, new ParameterReader(this, parameters)["rate"] * dt * 1e-3);
}

internal sealed class PoissonSourceGroup(PoissonSourceModel model, int size, double probability) : NeuronGroup(model, size)
{
    private readonly ulong[] _draws = new ulong[size]; // per unit: steps drawn so far (the block counter of its stream)
    private ulong _seed;
    private int _population;

    public override void SetRandomStreams(ulong seed, int population) { _seed = seed; _population = population; }

    /// <summary>The spike probability per step, rate·dt, for other backends.</summary>
    internal double Probability => probability;

    /// <summary>Per unit, the steps drawn so far (the block of its next draw), for other backends to continue from and write back.</summary>
    internal ulong[] Draws => _draws;

    /// <summary>The key words of the units' streams (seed, ModelNoise, population), for other backends.</summary>
    internal (uint K0, uint K1, uint C3) StreamKey => PhiloxStream.Key(_seed, StreamKind.ModelNoise, _population);

    public override int Update(int start, int end, Span<int> spikes, Span<double> offsets)
    {
        if (ReceptorInput[0] is { } input) input.AsSpan(start, end - start).Clear();
        int count = 0;
        for (int i = start; i < end; i++)
        {
            var rng = new PhiloxStream(_seed, StreamKind.ModelNoise, _population, (uint)i, _draws[i]++);
            if (rng.NextDouble() < probability) spikes[count++] = i;
        }
        return count;
    }
}
