using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Spiking.Models;

/// <summary>
/// State and step of a <see cref="LifCubaModel"/> population: on the grid the generic kernel loop
/// (<see cref="LifCubaKernel"/>; both receptors feed I_ex and I_in directly), with hand-vectorised
/// specialisations of the same arithmetic, lane by lane, that give its bits (tests/VectorPathTests);
/// with precise spike times its own update.
/// </summary>
internal sealed class LifCubaGroup : KernelGroup<LifCubaKernel>
{
    private readonly double[] _v, _iex, _iin;
    private readonly double[] _refractoryTime; // precise mode: remaining refractory time (ms)
    private readonly double _el, _vth, _vreset, _rm;
    private readonly double _pm, _pex, _pin, _kex, _kin; // per-dt propagators (GeNN's "derived parameters")
    private readonly int _refSteps;
    private readonly bool _precise;
    private readonly LifCubaPreciseConstants _precision;

    /// <summary>The constants of the precise update, for other backends.</summary>
    internal LifCubaPreciseConstants PreciseConstants => _precision;

    /// <summary>Precise mode: the refractory time left (ms) per neuron, for other backends to start from and write back.</summary>
    internal double[] RefractoryTime => _refractoryTime;

    /// <summary>Whether spike times are precise (the grid kernel does not apply then).</summary>
    internal bool Precise => _precise;

    public LifCubaGroup(LifCubaModel model, int size, ParameterReader p, double dt, bool precise) : base(model, size, new LifCubaKernel(p, dt), direct: ["I_ex", "I_in"])
    {
        _v = Variable("v"); _iex = Variable("I_ex"); _iin = Variable("I_in");
        var c = Kernel.Constants;
        _el = c.El; _vth = c.Vth; _vreset = c.VReset; _rm = c.Rm;
        _pm = c.Pm; _pex = c.Pex; _pin = c.Pin; _kex = c.Kex; _kin = c.Kin; _refSteps = c.RefSteps;
        Array.Fill(_v, _el);
        _precise = precise;
        _refractoryTime = precise ? new double[size] : [];
        double tauM = p["tau_m"], tauEx = p["tau_syn_ex"], tauIn = p["tau_syn_in"];
        // τx/(τx − τm), precise mode (the validator keeps τx away from τm); 1/τ
        double cEx = tauEx / (tauEx - tauM), cIn = tauIn / (tauIn - tauM);
        _precision = new LifCubaPreciseConstants(dt, tauM, tauEx, tauIn, _el, _rm, _vth, _vreset, p["t_ref"],
            _pm, _pex, _pin, _kex, _kin, cEx, cIn, 1 / tauM, 1 / tauEx, 1 / tauIn);
    }

    public override int Update(int start, int end, Span<int> spikes, Span<double> offsets)
    {
        if (_precise) return UpdatePrecise(start, end, spikes, offsets);
        if (!VectorPath.Enabled) return base.Update(start, end, spikes, offsets);
        bool ex = ReceptorInput[0] is not null, inh = ReceptorInput[1] is not null, cur = HasExternalCurrent;
        int count = 0;
        int i = (ex, inh, cur) switch
        {
            (false, false, false) => UpdateGrid<No, No, No>(start, end, spikes, ref count),
            (true, false, false) => UpdateGrid<Yes, No, No>(start, end, spikes, ref count),
            (false, true, false) => UpdateGrid<No, Yes, No>(start, end, spikes, ref count),
            (true, true, false) => UpdateGrid<Yes, Yes, No>(start, end, spikes, ref count),
            (false, false, true) => UpdateGrid<No, No, Yes>(start, end, spikes, ref count),
            (true, false, true) => UpdateGrid<Yes, No, Yes>(start, end, spikes, ref count),
            (false, true, true) => UpdateGrid<No, Yes, Yes>(start, end, spikes, ref count),
            (true, true, true) => UpdateGrid<Yes, Yes, Yes>(start, end, spikes, ref count),
        };
        // The neurons the vector loops leave (fewer than a vector's lanes, or all without AVX2): the kernel.
        return count + base.Update(i, end, spikes[count..], offsets);
    }

    /// <summary>
    /// The vectorised grid loops, compiled per combination of inputs present (ring input per receptor,
    /// injected current), so a network whose synapses all deliver straight into I_ex and I_in reads and
    /// writes only v, I_ex, I_in and the refractory counter: the loop is memory-bound at large N. They
    /// take as many neurons from <paramref name="start"/> as fill whole vectors and return the first one left.
    /// </summary>
    private int UpdateGrid<TEx, TIn, TCur>(int start, int end, Span<int> spikes, ref int count)
        where TEx : struct, IStaticFlag where TIn : struct, IStaticFlag where TCur : struct, IStaticFlag
    {
        int i = start;
        if (VectorPath.Wide && Vector512.IsHardwareAccelerated)
            i = UpdateGridWide<TEx, TIn, TCur>(start, end, spikes, ref count);
        if (Vector256.IsHardwareAccelerated)
        {
            // Four neurons per iteration with AVX2: the arithmetic of LifCubaKernel, in the same order
            // and without fused multiply-add, so both paths give the same bits. Refractoriness and
            // spikes are lane masks, not branches.
            ref double v0 = ref MemoryMarshal.GetReference(_v.AsSpan());
            ref double iex0 = ref MemoryMarshal.GetReference(_iex.AsSpan());
            ref double iin0 = ref MemoryMarshal.GetReference(_iin.AsSpan());
            ref double inEx0 = ref MemoryMarshal.GetReference(ReceptorInput[0].AsSpan());
            ref double inIn0 = ref MemoryMarshal.GetReference(ReceptorInput[1].AsSpan());
            ref double iext0 = ref MemoryMarshal.GetReference(ExternalCurrent.AsSpan());
            ref int refr0 = ref MemoryMarshal.GetReference(RefractoryLeft.AsSpan());
            var vpm = Vector256.Create(_pm); var vpex = Vector256.Create(_pex); var vpin = Vector256.Create(_pin);
            var vkex = Vector256.Create(_kex); var vkin = Vector256.Create(_kin);
            var vel = Vector256.Create(_el); var vrm = Vector256.Create(_rm);
            var vvth = Vector256.Create(_vth); var vreset = Vector256.Create(_vreset);
            var refSteps = Vector128.Create(_refSteps);
            int n = count;
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
                n = RefractoryLanes.Commit(fire, refractory128, counters, refSteps, ref refr0, k, i, spikes, n);
            }
            count = n;
        }
        return i;
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
