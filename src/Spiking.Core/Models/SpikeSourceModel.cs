using Spiking.Units;

namespace Spiking.Models;

/// <summary>
/// Units that emit given spike times (NEST <c>spike_generator</c> as a population, Brian2
/// <c>SpikeGeneratorGroup</c>): the times come from <see cref="Description.PopulationSpec.SpikeTimes"/>
/// (model files: <c>spike_times = [[t, ...], ...]</c>, one list per unit). Because they are a
/// population, ordinary projections carry their spikes, with any connector, weight, delay and
/// plasticity: the input channels of a liquid state machine projected onto 30% of its neurons are a
/// <c>spike_source</c> population and a fixed-probability projection. A spike at time t is stamped
/// t on the step grid: it is emitted in step round(t/dt) − 1 (at least step 0, stamp dt), several
/// spikes of one unit in one step count once. Its receptor "in" accepts projections and ignores them.
/// </summary>
internal sealed class SpikeSourceModel : INeuronModel
{
    /// <summary>The instance the registry holds.</summary>
    public static readonly SpikeSourceModel Instance = new();

    /// <inheritdoc/>
    public string Name => "spike_source";
    /// <inheritdoc/>
    public string Description => "units emitting given spike times (NEST spike_generator, Brian2 SpikeGeneratorGroup)";

    /// <inheritdoc/>
    public IReadOnlyList<ParameterInfo> Parameters { get; } = [];

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
    public bool TakesSpikeTimes => true;

    /// <inheritdoc/>
    public IEnumerable<string> Validate(IReadOnlyDictionary<string, double> parameters, double dt) => [];

    /// <inheritdoc/>
    public NeuronGroup Create(int size, IReadOnlyDictionary<string, double> parameters, double dt, bool preciseSpikeTimes)
        => new SpikeSourceGroup(this, size);
}

/// <summary>State of a <see cref="SpikeSourceModel"/> population: per unit its spike steps and a cursor.</summary>
internal sealed class SpikeSourceGroup(SpikeSourceModel model, int size) : NeuronGroup(model, size)
{
    private long[][] _steps = Enumerable.Range(0, size).Select(_ => Array.Empty<long>()).ToArray();
    private readonly int[] _next = new int[size];
    private readonly long[] _step = new long[size]; // per unit: steps done (chunks of one step may run on different threads)

    /// <summary>Sets the spike times (ms) of every unit; units beyond the list are silent.</summary>
    public void Load(IReadOnlyList<IReadOnlyList<double>> times, double dt)
    {
        _steps = new long[Size][];
        for (int i = 0; i < Size; i++)
            _steps[i] = i < times.Count
                ? times[i].Select(t => Math.Max(0, (long)Math.Round(t / dt) - 1)).Order().ToArray()
                : [];
        Array.Clear(_next);
    }

    /// <summary>Per unit, its sorted spike steps (the device backend uploads them as one table).</summary>
    internal long[][] Steps => _steps;

    /// <summary>Per unit, the index of its next spike step not yet passed (the device backend's cursor, copied in and out).</summary>
    internal int[] Next => _next;

    /// <summary>Per unit, the steps it has done.</summary>
    internal long[] StepsDone => _step;

    public override int Update(int start, int end, Span<int> spikes, Span<double> offsets)
    {
        if (ReceptorInput[0] is { } input) input.AsSpan(start, end - start).Clear();
        int count = 0;
        for (int i = start; i < end; i++)
        {
            long n = _step[i]++;
            var steps = _steps[i];
            int k = _next[i];
            bool fires = false;
            while (k < steps.Length && steps[k] <= n)
            {
                fires |= steps[k] == n;
                k++;
            }
            _next[i] = k;
            if (fires) spikes[count++] = i;
        }
        return count;
    }
}
