using Spiking.Connectors;
using Spiking.Random;

namespace Spiking.Models;

/// <summary>
/// The state and sweep of a <see cref="HopfieldModel"/> population. The engine's update only takes in
/// this step's input (receptor <c>in</c>: W·s as propagated at the end of the previous step, plus any
/// other projection onto <c>in</c>; receptor <c>ext</c> and currents: the external field); the sweep runs
/// afterwards, once for the whole population, on one thread (<see cref="IPopulationStep.AfterUpdate"/>).
/// </summary>
/// <remarks>
/// The propagated field reflects the state the engine last propagated (s_prop; zero before step 0). The
/// group keeps c = W(s − s_prop) from its own recurrent rows: at the start of the sweep for the units
/// changed since (initial values, a cue), then after every flip (row j of the table is column j of W,
/// O(N) per flip). Unit i thus sees h_i = in_i + c_i + ext_i + b, the field of the current state, which
/// is what asynchronous update needs. The cost per sweep is N decisions plus N per flip; the engine's
/// propagation of W·s (N² for dense W) comes on top.
/// </remarks>
internal sealed class HopfieldGroup : NeuronGroup, IPopulationStep, IRecurrentWeightsReader
{
    private readonly double[] _s, _h, _e;
    private readonly double[] _in, _ext, _c, _propagated, _next;
    private readonly int[] _order;
    private readonly double _bias, _temperature, _low, _annealTo;
    private readonly long _annealSteps;
    private readonly bool _byIndex;
    private double _stepTemperature, _gain; // of the step being swept (annealing changes them)
    private readonly bool _asynchronous;
    private SynapseTable[] _recurrent = [];
    private double[]? _clamp; // per unit the value it is held at, NaN where free; null: none held
    private ulong _seed;
    private int _population;

    public HopfieldGroup(HopfieldModel model, int size, double bias, double temperature, bool spin, bool asynchronous, double annealTo, long annealSteps, bool byIndex) : base(model, size)
    {
        _s = Variable("s"); _h = Variable("h"); _e = Variable("e");
        _in = new double[size]; _ext = new double[size]; _c = new double[size]; _propagated = new double[size];
        _next = asynchronous ? [] : new double[size];
        _order = new int[size];
        _bias = bias;
        _temperature = temperature;
        _low = spin ? -1 : 0;
        _annealTo = annealTo;
        _annealSteps = annealSteps;
        _byIndex = byIndex;
        _asynchronous = asynchronous;
    }

    public override double[] Output => _s;

    /// <summary>The state of a unit that is off: −1 for spins, 0 for 0/1 units.</summary>
    public double Low => _low;

    public override void SetRandomStreams(ulong seed, int population) { _seed = seed; _population = population; }

    public void AttachRecurrent(string projection, int receptor, SynapseTable table)
    {
        if (receptor != 0) return; // onto "ext": an external field like any other input
        if (table.Delay.Length != 0 || table.ConstantDelay != 0)
            throw new ArgumentException($"projection '{projection}' onto the '{Model.Name}' units' receptor 'in' must have no delay (0 ms): the units correct its field between propagations");
        _recurrent = [.. _recurrent, table];
    }

    public void BeforeUpdate(long step)
    {
    }

    public override int Update(int start, int end, Span<int> spikes, Span<double> offsets)
    {
        var syn = ReceptorInput[0];
        var ext = ReceptorInput.Length > 1 ? ReceptorInput[1] : null;
        for (int i = start; i < end; i++)
        {
            double x = 0, u = 0;
            if (syn is not null) { x = syn[i]; syn[i] = 0; }
            if (ext is not null) { u = ext[i]; ext[i] = 0; }
            if (HasExternalCurrent) u += ExternalCurrent[i];
            _in[i] = x;
            _ext[i] = u;
        }
        return 0;
    }

    /// <summary>
    /// The temperature of step <paramref name="step"/>: T, or with annealing the geometric schedule
    /// T·(T_end/T)^(step/steps) (Kirkpatrick, Gelatt &amp; Vecchi 1983: T_(k+1) = c·T_k), T_end from then on.
    /// </summary>
    public double TemperatureAt(long step)
        => _annealSteps == 0 ? _temperature
            : step >= _annealSteps ? _annealTo
            : _temperature * Math.Pow(_annealTo / _temperature, step / (double)_annealSteps);

    /// <summary>
    /// Holds units at given states from the next sweep on (the clamped phase of Boltzmann learning):
    /// <paramref name="values"/>[i] is the state of unit i, or NaN where the unit runs free; null frees all.
    /// </summary>
    internal void Clamp(double[]? values)
    {
        if (values is not null && values.Length != Size) throw new ArgumentException($"{values.Length} clamp values for {Size} units", nameof(values));
        _clamp = values;
    }

    public void AfterUpdate(long step)
    {
        int n = Size;
        if (_clamp is { } held)
            for (int i = 0; i < n; i++)
                if (!double.IsNaN(held[i])) _s[i] = held[i];
        _stepTemperature = TemperatureAt(step);
        _gain = (1 - _low) / Math.Max(_stepTemperature, double.Epsilon); // P(high) = σ((high − low)·h/T)
        for (int j = 0; j < n; j++)
            if (_s[j] != _propagated[j]) AddColumn(j, _s[j] - _propagated[j]);
        if (_asynchronous)
        {
            if (_byIndex) { for (int i = 0; i < n; i++) _order[i] = i; }
            else Permute(step);
            for (int k = 0; k < n; k++)
            {
                int i = _order[k];
                if (_clamp is not null && !double.IsNaN(_clamp[i])) continue;
                double s = Decide(i, step);
                if (s != _s[i]) { AddColumn(i, s - _s[i]); _s[i] = s; }
            }
        }
        else
        {
            for (int i = 0; i < n; i++) _next[i] = _clamp is not null && !double.IsNaN(_clamp[i]) ? _s[i] : Decide(i, step);
            for (int i = 0; i < n; i++)
                if (_next[i] != _s[i]) { AddColumn(i, _next[i] - _s[i]); _s[i] = _next[i]; }
        }
        for (int i = 0; i < n; i++)
        {
            double recurrent = _in[i] + _c[i];
            _e[i] = -_s[i] * (0.5 * recurrent + _bias + _ext[i]);
        }
        // The engine propagates s now: next step's "in" holds W·s, so the correction starts again at 0.
        Array.Copy(_s, _propagated, n);
        Array.Clear(_c);
    }

    /// <summary>Unit i's new state from its field (which it records in h).</summary>
    private double Decide(int i, long step)
    {
        double h = _in[i] + _c[i] + _ext[i] + _bias;
        _h[i] = h;
        if (_stepTemperature == 0) return h > 0 ? 1 : h < 0 ? _low : _s[i];
        var rng = new PhiloxStream(_seed, StreamKind.ModelNoise, _population, (uint)i, (ulong)step);
        return rng.NextDouble() < Logistic.Sigmoid(_gain * h) ? 1 : _low;
    }

    /// <summary>c += W[:, j]·d: row j of each recurrent table holds the weights from unit j.</summary>
    private void AddColumn(int j, double d)
    {
        foreach (var table in _recurrent)
        {
            var target = table.Target; var weight = table.Weight;
            for (long s = table.RowStart[j], end = table.RowStart[j + 1]; s < end; s++) _c[target[s]] += weight[s] * d;
        }
    }

    /// <summary>
    /// The update order of step <paramref name="step"/>: a Fisher–Yates shuffle from stream (seed,
    /// ModelNoise, population, entity 2³²−1) from block step·2³² (a shuffle takes about N/2 blocks, so
    /// steps never share blocks); entities below N are the units' own draws.
    /// </summary>
    private void Permute(long step)
    {
        for (int i = 0; i < _order.Length; i++) _order[i] = i;
        var rng = new PhiloxStream(_seed, StreamKind.ModelNoise, _population, uint.MaxValue, (ulong)step << 32);
        for (int i = _order.Length - 1; i > 0; i--)
        {
            int j = rng.NextInt(i + 1);
            (_order[i], _order[j]) = (_order[j], _order[i]);
        }
    }
}
