using ILGPU;
using Spiking.Models;
using Spiking.Random;

namespace Spiking.Gpu;

// The models the device runs that are not kernel structs (those run through KernelDevice). Each reads its
// inputs exactly as the CPU group's loop does (ring input added to the state, then cleared; the current only
// when present) and calls the same math.

/// <summary>What both binary unit models do first each step, as <see cref="BinaryUnitGroup.Update"/> does.</summary>
internal static class BinaryPrior
{
    /// <summary>a = (I + b)·(1/T), I this step's input on "in" (cleared), or b·(1/T) without input.</summary>
    public static double Logit(int i, DeviceNeuronState s, double bias, double inverseTemperature)
    {
        if (s.HasEx == 0) return bias * inverseTemperature;
        double a = (s.InEx[i] + bias) * inverseTemperature;
        s.InEx[i] = 0;
        return a;
    }

    /// <summary>Unit i's step (the block of its draws), counted up for the next one.</summary>
    public static long NextStep(int i, ArrayView<long> steps)
    {
        long n = steps[i];
        steps[i] = n + 1;
        return n;
    }
}

/// <summary>
/// binary_sigmoid: a = (I + b)/T, p = σ(a), and free running h = 1 when the unit's uniform of this step
/// (stream (seed, ModelNoise, population, unit) at block = step, as on the CPU) is below p.
/// <paramref name="steps"/> holds each unit's step count, the block of its next draw. With an inference
/// hook (<paramref name="inferred"/> = 1) h is left for the hook, which the host runs after the update.
/// </summary>
internal readonly struct BinarySigmoidDevice(double bias, double inverseTemperature, uint k0, uint k1, uint c3, ArrayView<long> steps, int inferred) : IDeviceNeuronModel
{
    private readonly double _bias = bias, _inverseTemperature = inverseTemperature;
    private readonly uint _k0 = k0, _k1 = k1, _c3 = c3;
    private readonly ArrayView<long> _steps = steps;
    private readonly int _inferred = inferred;

    public bool Step(int i, DeviceNeuronState s)
    {
        double a = BinaryPrior.Logit(i, s, _bias, _inverseTemperature), p = Logistic.Sigmoid(a);
        long step = BinaryPrior.NextStep(i, _steps);
        s.X1[i] = p;
        s.X2[i] = a;
        if (_inferred != 0) return false;
        var rng = PhiloxStream.FromKey(_k0, _k1, _c3, (uint)i, (ulong)step);
        s.X0[i] = BinarySigmoidModel.Gate(rng.NextDouble(), p);
        return false;
    }
}

/// <summary>
/// binary_gated: a = I + b, p = σ(a), then, free running, from the unit's stream at block 2n (as on the
/// CPU) the gate h (u &lt; p) and the amplitude x = τ_x·z (Box–Muller); the output is h·x. With an
/// inference hook (<paramref name="inferred"/> = 1) h, x and the output are left for the hook. State:
/// h, x, hx, p, a in X0–X4.
/// </summary>
internal readonly struct BinaryGatedDevice(double bias, double inverseTemperature, double tauX, uint k0, uint k1, uint c3, ArrayView<long> steps, int inferred) : IDeviceNeuronModel
{
    private readonly double _bias = bias, _inverseTemperature = inverseTemperature, _tauX = tauX;
    private readonly uint _k0 = k0, _k1 = k1, _c3 = c3;
    private readonly ArrayView<long> _steps = steps;
    private readonly int _inferred = inferred;

    public bool Step(int i, DeviceNeuronState s)
    {
        double a = BinaryPrior.Logit(i, s, _bias, _inverseTemperature), p = Logistic.Sigmoid(a); // T = 1 for binary_gated, as on the CPU
        long step = BinaryPrior.NextStep(i, _steps);
        s.X3[i] = p;
        s.X4[i] = a;
        if (_inferred != 0) return false;
        var rng = PhiloxStream.FromKey(_k0, _k1, _c3, (uint)i, (ulong)step << 1);
        double h = BinarySigmoidModel.Gate(rng.NextDouble(), p);
        double x = _tauX * rng.NextNormal();
        s.X0[i] = h;
        s.X1[i] = x;
        s.X2[i] = h * x;
        return false;
    }
}

/// <summary>
/// spike_source: unit i's sorted spike steps are Steps[Start[i] .. Start[i + 1]) (the host group's
/// round(t/dt) − 1, uploaded as one table), Next[i] its cursor and Done[i] the steps it has done, as in
/// the CPU group's loop: input on "in" is cleared, the cursor passes every spike step up to this one,
/// and the unit fires once if any equals it.
/// </summary>
internal readonly struct SpikeSourceDevice(ArrayView<int> start, ArrayView<long> steps, ArrayView<int> next, ArrayView<long> done) : IDeviceNeuronModel
{
    private readonly ArrayView<int> _start = start, _next = next;
    private readonly ArrayView<long> _steps = steps, _done = done;

    public bool Step(int i, DeviceNeuronState s)
    {
        if (s.HasEx != 0) s.InEx[i] = 0;
        long n = _done[i];
        _done[i] = n + 1;
        int k = _next[i], end = _start[i + 1];
        bool fires = false;
        while (k < end && _steps[k] <= n)
        {
            fires |= _steps[k] == n;
            k++;
        }
        _next[i] = k;
        return fires;
    }
}

/// <summary>
/// poisson_source: input on "in" is cleared; unit i fires when the first uniform of its stream (seed,
/// ModelNoise, population, unit) at block Draws[i] is below rate·dt, and Draws[i] counts up, as the CPU
/// group's loop.
/// </summary>
internal readonly struct PoissonSourceDevice(double probability, uint k0, uint k1, uint c3, ArrayView<ulong> draws) : IDeviceNeuronModel
{
    private readonly double _probability = probability;
    private readonly uint _k0 = k0, _k1 = k1, _c3 = c3;
    private readonly ArrayView<ulong> _draws = draws;

    public bool Step(int i, DeviceNeuronState s)
    {
        if (s.HasEx != 0) s.InEx[i] = 0;
        ulong n = _draws[i];
        _draws[i] = n + 1;
        return PhiloxStream.FromKey(_k0, _k1, _c3, (uint)i, n).NextDouble() < _probability;
    }
}

/// <summary>
/// One neuron's timed events of a step on the device: entries of the population's event lists (offsets,
/// weights, receptors), sorted for the neuron by <see cref="DeviceKernels.UpdatePrecise{TModel}"/>.
/// </summary>
internal readonly struct DeviceTimedEvents(ArrayView<double> offset, ArrayView<double> weight, ArrayView<int> receptor) : ITimedEvents
{
    private readonly ArrayView<double> _offset = offset, _weight = weight;
    private readonly ArrayView<int> _receptor = receptor;

    public double Offset(int e) => _offset[e];
    public double Weight(int e) => _weight[e];
    public int Receptor(int e) => _receptor[e];
}

/// <summary>A model with precise spike times as the precise update kernel sees it (the shared math of <see cref="LifCubaPreciseMath"/> and the like).</summary>
internal interface IDevicePreciseModel
{
    /// <summary>Advances neuron <paramref name="i"/> over the step with its events [e, eEnd); true if it fired, at <paramref name="offset"/>.</summary>
    bool Step(int i, DeviceNeuronState s, DeviceTimedEvents events, int e, int eEnd, out double offset);
}

/// <summary>Precise lif_cuba: grid input added to the currents, then <see cref="LifCubaPreciseMath.Step{TEvents}"/>; the refractory time left per neuron in its own array.</summary>
internal readonly struct LifCubaPreciseDevice(LifCubaPreciseConstants c, ArrayView<double> refractoryTime) : IDevicePreciseModel
{
    private readonly LifCubaPreciseConstants _c = c;
    private readonly ArrayView<double> _refractory = refractoryTime;

    public bool Step(int i, DeviceNeuronState s, DeviceTimedEvents events, int e, int eEnd, out double offset)
    {
        double ie = s.X1[i], ii = s.X2[i];
        if (s.HasEx != 0) { ie += s.InEx[i]; s.InEx[i] = 0; }
        if (s.HasIn != 0) { ii += s.InIn[i]; s.InIn[i] = 0; }
        double vinf = s.HasCur != 0 ? _c.El + _c.Rm * s.Iext[i] : _c.El;
        double v = s.X0[i], refractory = _refractory[i];
        bool fired = LifCubaPreciseMath.Step(_c, events, e, eEnd, vinf, ref v, ref ie, ref ii, ref refractory, out offset);
        s.X0[i] = v;
        s.X1[i] = ie;
        s.X2[i] = ii;
        _refractory[i] = refractory;
        return fired;
    }
}

/// <summary>Precise lif_delta: grid input summed as the step-end jump, then <see cref="LifDeltaPreciseMath.Step{TEvents}"/>; the refractory end offset per neuron in its own array.</summary>
internal readonly struct LifDeltaPreciseDevice(LifDeltaPreciseConstants c, ArrayView<double> refractoryEnd) : IDevicePreciseModel
{
    private readonly LifDeltaPreciseConstants _c = c;
    private readonly ArrayView<double> _refractoryEnd = refractoryEnd;

    public bool Step(int i, DeviceNeuronState s, DeviceTimedEvents events, int e, int eEnd, out double offset)
    {
        double grid = 0;
        if (s.HasEx != 0) { grid += s.InEx[i]; s.InEx[i] = 0; }
        if (s.HasIn != 0) { grid += s.InIn[i]; s.InIn[i] = 0; }
        double vinf = s.HasCur != 0 ? _c.El + _c.Rm * s.Iext[i] : _c.El;
        double v = s.X0[i], end = _refractoryEnd[i];
        int left = s.Refr[i];
        bool fired = LifDeltaPreciseMath.Step(_c, events, e, eEnd, grid, vinf, ref v, ref left, ref end, out offset);
        s.X0[i] = v;
        s.Refr[i] = left;
        _refractoryEnd[i] = end;
        return fired;
    }
}
