using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Spiking.Models;

/// <summary>State and step of a <see cref="LifCubaModel"/> population.</summary>
internal sealed class LifCubaGroup : NeuronGroup
{
    private readonly double[] _v, _iex, _iin;
    private readonly double[] _refractoryTime; // precise mode: remaining refractory time (ms)
    private readonly double _tauM, _tauEx, _tauIn, _el, _vth, _vreset, _tref, _rm, _dt;
    private readonly double _pm, _pex, _pin, _kex, _kin; // per-dt propagators (GeNN's "derived parameters")
    private readonly int _refSteps;
    private readonly bool _precise;
    private readonly double _cEx, _cIn; // τx/(τx − τm), precise mode (the validator keeps τx away from τm)
    private readonly double _rateM, _rateEx, _rateIn; // 1/τ
    private readonly LifCubaConstants _c;
    private readonly LifCubaPreciseConstants _precision;

    /// <summary>The constants of the precise update, for other backends.</summary>
    internal LifCubaPreciseConstants PreciseConstants => _precision;

    /// <summary>Precise mode: the refractory time left (ms) per neuron, for other backends to start from and write back.</summary>
    internal double[] RefractoryTime => _refractoryTime;

    /// <summary>The per-dt constants of the grid update, for other backends.</summary>
    internal LifCubaConstants Constants => _c;

    /// <summary>Whether spike times are precise (the grid math does not apply then).</summary>
    internal bool Precise => _precise;

    public LifCubaGroup(LifCubaModel model, int size, ParameterReader p, double dt, bool precise) : base(model, size)
    {
        _v = Variable("v"); _iex = Variable("I_ex"); _iin = Variable("I_in");
        _tauM = p["tau_m"]; _tauEx = p["tau_syn_ex"]; _tauIn = p["tau_syn_in"];
        _el = p["E_L"]; _vth = p["V_th"]; _vreset = p["V_reset"]; _tref = p["t_ref"]; _rm = p["R_m"];
        _dt = dt;
        Array.Fill(_v, _el);
        _pm = ExponentialPropagators.Decay(dt, _tauM);
        _pex = ExponentialPropagators.Decay(dt, _tauEx);
        _pin = ExponentialPropagators.Decay(dt, _tauIn);
        _kex = ExponentialPropagators.CurrentToVoltage(dt, _tauM, _tauEx);
        _kin = ExponentialPropagators.CurrentToVoltage(dt, _tauM, _tauIn);
        _refSteps = (int)Math.Round(_tref / dt);
        _precise = precise;
        _refractoryTime = precise ? new double[size] : [];
        _rateM = 1 / _tauM; _rateEx = 1 / _tauEx; _rateIn = 1 / _tauIn;
        _cEx = _tauEx / (_tauEx - _tauM);
        _cIn = _tauIn / (_tauIn - _tauM);
        _c = new LifCubaConstants(_pm, _pex, _pin, _kex, _kin, _el, _rm, _vth, _vreset, _refSteps);
        _precision = new LifCubaPreciseConstants(dt, _tauM, _tauEx, _tauIn, _el, _rm, _vth, _vreset, _tref,
            _pm, _pex, _pin, _kex, _kin, _cEx, _cIn, _rateM, _rateEx, _rateIn);
    }

    public override double[]? DirectInput(int receptor) => receptor == 0 ? _iex : _iin;

    public override int Update(int start, int end, Span<int> spikes, Span<double> offsets)
    {
        if (_precise) return UpdatePrecise(start, end, spikes, offsets);
        bool ex = ReceptorInput[0] is not null, inh = ReceptorInput[1] is not null, cur = HasExternalCurrent;
        return (ex, inh, cur) switch
        {
            (false, false, false) => UpdateGrid<No, No, No>(start, end, spikes),
            (true, false, false) => UpdateGrid<Yes, No, No>(start, end, spikes),
            (false, true, false) => UpdateGrid<No, Yes, No>(start, end, spikes),
            (true, true, false) => UpdateGrid<Yes, Yes, No>(start, end, spikes),
            (false, false, true) => UpdateGrid<No, No, Yes>(start, end, spikes),
            (true, false, true) => UpdateGrid<Yes, No, Yes>(start, end, spikes),
            (false, true, true) => UpdateGrid<No, Yes, Yes>(start, end, spikes),
            (true, true, true) => UpdateGrid<Yes, Yes, Yes>(start, end, spikes),
        };
    }

    /// <summary>
    /// The grid update, compiled per combination of inputs present (ring input per receptor, injected
    /// current), so a network whose synapses all deliver straight into I_ex and I_in reads and
    /// writes only v, I_ex, I_in and the refractory counter: the loop is memory-bound at large N.
    /// </summary>
    private int UpdateGrid<TEx, TIn, TCur>(int start, int end, Span<int> spikes)
        where TEx : struct, IStaticFlag where TIn : struct, IStaticFlag where TCur : struct, IStaticFlag
    {
        var v = _v.AsSpan(); var iex = _iex.AsSpan(); var iin = _iin.AsSpan();
        var inEx = TEx.On ? ReceptorInput[0]!.AsSpan() : default;
        var inIn = TIn.On ? ReceptorInput[1]!.AsSpan() : default;
        var iext = TCur.On ? ExternalCurrent.AsSpan() : default;
        var refr = RefractoryLeft.AsSpan();
        int count = 0;
        int i = start;
        if (VectorPath.Enabled && VectorPath.Wide && Vector512.IsHardwareAccelerated)
            i = UpdateGridWide<TEx, TIn, TCur>(start, end, spikes, ref count);
        if (VectorPath.Enabled && Vector256.IsHardwareAccelerated)
        {
            // Four neurons per iteration with AVX2: the arithmetic of ScalarStep, in the same order
            // and without fused multiply-add, so both paths give the same bits. Refractoriness and
            // spikes are lane masks, not branches.
            ref double v0 = ref MemoryMarshal.GetReference(v);
            ref double iex0 = ref MemoryMarshal.GetReference(iex);
            ref double iin0 = ref MemoryMarshal.GetReference(iin);
            ref double inEx0 = ref MemoryMarshal.GetReference(inEx);
            ref double inIn0 = ref MemoryMarshal.GetReference(inIn);
            ref double iext0 = ref MemoryMarshal.GetReference(iext);
            ref int refr0 = ref MemoryMarshal.GetReference(refr);
            var vpm = Vector256.Create(_pm); var vpex = Vector256.Create(_pex); var vpin = Vector256.Create(_pin);
            var vkex = Vector256.Create(_kex); var vkin = Vector256.Create(_kin);
            var vel = Vector256.Create(_el); var vrm = Vector256.Create(_rm);
            var vvth = Vector256.Create(_vth); var vreset = Vector256.Create(_vreset);
            var refSteps = Vector128.Create(_refSteps);
            for (; i + 4 <= end; i += 4)
            {
                nuint k = (nuint)i;
                var ie = Vector256.LoadUnsafe(ref iex0, k);
                var ii = Vector256.LoadUnsafe(ref iin0, k);
                if (TEx.On) { ie += Vector256.LoadUnsafe(ref inEx0, k); Vector256<double>.Zero.StoreUnsafe(ref inEx0, k); }
                if (TIn.On) { ii += Vector256.LoadUnsafe(ref inIn0, k); Vector256<double>.Zero.StoreUnsafe(ref inIn0, k); }
                var vinf = TCur.On ? vel + vrm * Vector256.LoadUnsafe(ref iext0, k) : vel;
                var vn = vinf + (Vector256.LoadUnsafe(ref v0, k) - vinf) * vpm + ie * vkex + ii * vkin;
                var refractory = RefractoryLanes.Load(ref refr0, k, out var counters, out var refractory128);
                var fire = Vector256.GreaterThanOrEqual(vn, vvth) & ~refractory;
                vn = Vector256.ConditionalSelect(refractory | fire, vreset, vn);
                vn.StoreUnsafe(ref v0, k);
                (ie * vpex).StoreUnsafe(ref iex0, k);
                (ii * vpin).StoreUnsafe(ref iin0, k);
                count = RefractoryLanes.Commit(fire, refractory128, counters, refSteps, ref refr0, k, i, spikes, count);
            }
        }
        for (; i < end; i++) count += ScalarStep<TEx, TIn, TCur>(i, v, iex, iin, inEx, inIn, iext, refr, spikes, count);
        return count;
    }

    /// <summary>One neuron, one step: the reference arithmetic of the grid update. Returns 1 if it fired.</summary>
    private int ScalarStep<TEx, TIn, TCur>(int i, Span<double> v, Span<double> iex, Span<double> iin, Span<double> inEx, Span<double> inIn,
        Span<double> iext, Span<int> refr, Span<int> spikes, int count)
        where TEx : struct, IStaticFlag where TIn : struct, IStaticFlag where TCur : struct, IStaticFlag
    {
        double ie = iex[i];
        double ii = iin[i];
        if (TEx.On) { ie += inEx[i]; inEx[i] = 0; }
        if (TIn.On) { ii += inIn[i]; inIn[i] = 0; }
        double vinf = TCur.On ? LifCubaMath.RestingPotential(_c, iext[i]) : _el;
        int fired = 0;
        if (LifCubaMath.Step(_c, ref v[i], ref ie, ref ii, vinf, ref refr[i]))
        {
            spikes[count] = i;
            fired = 1;
        }
        iex[i] = ie;
        iin[i] = ii;
        return fired;
    }

    /// <summary>
    /// The precise update (NEST iaf_psc_exp_ps; the same semantics as the event kernel's
    /// LifCubaEventPopulation). Step n covers (t_n, t_n + dt]. Grid input (Poisson, the summed ring) is
    /// added to the currents at the step's start, as in the grid update; each timed event is added to
    /// I_ex or I_in at its offset. Between events v − V_th is a constant plus three exponentials (Rotter
    /// &amp; Diesmann 1999), whose first zero is found with guaranteed bounds
    /// (<see cref="ExponentialSum.FirstRootWithin"/>), so a trajectory that grazes threshold
    /// inside an interval is not missed. At the crossing the spike is stamped, v is reset and held until
    /// that time + t_ref; the currents keep decaying and taking inputs meanwhile. At equal times an input
    /// goes before a crossing, as in event mode.
    /// </summary>
    private int UpdatePrecise(int start, int end, Span<int> spikes, Span<double> offsets)
    {
        var input = TimedInput!;
        var evTarget = input.Target;
        var events = new TimedInputEvents(input);
        int next = input.FirstAtOrAfter(start), total = input.Count;
        var inEx = ReceptorInput[0]; var inIn = ReceptorInput[1];
        bool current = HasExternalCurrent; var iext = ExternalCurrent;
        int count = 0;
        for (int i = start; i < end; i++)
        {
            int e = next;
            while (next < total && evTarget[next] == i) next++;
            double ie = _iex[i], ii = _iin[i];
            if (inEx is not null) { ie += inEx[i]; inEx[i] = 0; }
            if (inIn is not null) { ii += inIn[i]; inIn[i] = 0; }
            double vinf = current ? _el + _rm * iext[i] : _el;
            // Most neuron-steps: no events, not refractory, and the bound rules out a crossing.
            bool free = e == next && _refractoryTime[i] <= 0 && LifCubaPreciseMath.FreeStep(_precision, vinf, ref _v[i], ref ie, ref ii);
            if (!free && LifCubaPreciseMath.Step(_precision, events, e, next, vinf, ref _v[i], ref ie, ref ii, ref _refractoryTime[i], out double offset))
            {
                spikes[count] = i;
                offsets[count] = offset;
                count++;
            }
            _iex[i] = ie;
            _iin[i] = ii;
        }
        return count;
    }

    /// <summary>
    /// Eight neurons per iteration with AVX-512: the four-lane loop of <see cref="UpdateGrid{TEx, TIn, TCur}"/>
    /// on twice the lanes, same operations and bits. Returns the first neuron left for the narrower loops.
    /// </summary>
    private int UpdateGridWide<TEx, TIn, TCur>(int start, int end, Span<int> spikes, ref int count)
        where TEx : struct, IStaticFlag where TIn : struct, IStaticFlag where TCur : struct, IStaticFlag
    {
        ref double v0 = ref MemoryMarshal.GetReference(_v.AsSpan());
        ref double iex0 = ref MemoryMarshal.GetReference(_iex.AsSpan());
        ref double iin0 = ref MemoryMarshal.GetReference(_iin.AsSpan());
        ref double inEx0 = ref MemoryMarshal.GetReference(ReceptorInput[0].AsSpan());
        ref double inIn0 = ref MemoryMarshal.GetReference(ReceptorInput[1].AsSpan());
        ref double iext0 = ref MemoryMarshal.GetReference(ExternalCurrent.AsSpan());
        ref int refr0 = ref MemoryMarshal.GetReference(RefractoryLeft.AsSpan());
        var vpm = Vector512.Create(_pm); var vpex = Vector512.Create(_pex); var vpin = Vector512.Create(_pin);
        var vkex = Vector512.Create(_kex); var vkin = Vector512.Create(_kin);
        var vel = Vector512.Create(_el); var vrm = Vector512.Create(_rm);
        var vvth = Vector512.Create(_vth); var vreset = Vector512.Create(_vreset);
        var refSteps = Vector256.Create(_refSteps);
        int i = start;
        for (; i + 8 <= end; i += 8)
        {
            nuint k = (nuint)i;
            var ie = Vector512.LoadUnsafe(ref iex0, k);
            var ii = Vector512.LoadUnsafe(ref iin0, k);
            if (TEx.On) { ie += Vector512.LoadUnsafe(ref inEx0, k); Vector512<double>.Zero.StoreUnsafe(ref inEx0, k); }
            if (TIn.On) { ii += Vector512.LoadUnsafe(ref inIn0, k); Vector512<double>.Zero.StoreUnsafe(ref inIn0, k); }
            var vinf = TCur.On ? vel + vrm * Vector512.LoadUnsafe(ref iext0, k) : vel;
            var vn = vinf + (Vector512.LoadUnsafe(ref v0, k) - vinf) * vpm + ie * vkex + ii * vkin;
            var refractory = RefractoryLanes.Load8(ref refr0, k, out var counters, out var refractory256);
            var fire = Vector512.GreaterThanOrEqual(vn, vvth) & ~refractory;
            Vector512.ConditionalSelect(refractory | fire, vreset, vn).StoreUnsafe(ref v0, k);
            (ie * vpex).StoreUnsafe(ref iex0, k);
            (ii * vpin).StoreUnsafe(ref iin0, k);
            count = RefractoryLanes.Commit8(fire, refractory256, counters, refSteps, ref refr0, k, i, spikes, count);
        }
        return i;
    }
}
