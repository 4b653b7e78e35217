using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Spiking.Models;

/// <summary>State and step of a <see cref="LifCobaModel"/> population.</summary>
internal sealed class LifCobaGroup : NeuronGroup
{
    private readonly double[] _v, _gex, _gin;
    private readonly double _cm, _gl, _el, _vth, _vreset, _eex, _ein, _pex, _pin, _dt;
    private readonly int _refSteps;
    private readonly LifCobaConstants _c;

    /// <summary>The per-dt constants, for other backends.</summary>
    internal LifCobaConstants Constants => _c;

    public LifCobaGroup(LifCobaModel model, int size, ParameterReader p, double dt) : base(model, size)
    {
        _v = Variable("v"); _gex = Variable("g_ex"); _gin = Variable("g_in");
        _cm = p["C_m"]; _gl = p["g_L"]; _el = p["E_L"]; _vth = p["V_th"]; _vreset = p["V_reset"];
        _eex = p["E_ex"]; _ein = p["E_in"]; _dt = dt;
        Array.Fill(_v, _el);
        _pex = ExponentialPropagators.Decay(dt, p["tau_syn_ex"]);
        _pin = ExponentialPropagators.Decay(dt, p["tau_syn_in"]);
        _refSteps = (int)Math.Round(p["t_ref"] / dt);
        _c = new LifCobaConstants(_gl, _el, _eex, _ein, _dt / _cm, _pex, _pin, _vth, _vreset, _refSteps);
    }

    public override double[]? DirectInput(int receptor) => receptor == 0 ? _gex : _gin;

    public override int Update(int start, int end, Span<int> spikes, Span<double> offsets)
    {
        bool ex = ReceptorInput[0] is not null, inh = ReceptorInput[1] is not null, cur = HasExternalCurrent;
        return (ex, inh, cur) switch
        {
            (false, false, false) => Update<No, No, No>(start, end, spikes),
            (true, false, false) => Update<Yes, No, No>(start, end, spikes),
            (false, true, false) => Update<No, Yes, No>(start, end, spikes),
            (true, true, false) => Update<Yes, Yes, No>(start, end, spikes),
            (false, false, true) => Update<No, No, Yes>(start, end, spikes),
            (true, false, true) => Update<Yes, No, Yes>(start, end, spikes),
            (false, true, true) => Update<No, Yes, Yes>(start, end, spikes),
            (true, true, true) => Update<Yes, Yes, Yes>(start, end, spikes),
        };
    }

    private int Update<TEx, TIn, TCur>(int start, int end, Span<int> spikes)
        where TEx : struct, IStaticFlag where TIn : struct, IStaticFlag where TCur : struct, IStaticFlag
    {
        var v = _v.AsSpan(); var gex = _gex.AsSpan(); var gin = _gin.AsSpan();
        var inEx = ReceptorInput[0].AsSpan(); var inIn = ReceptorInput[1].AsSpan();
        var iext = ExternalCurrent.AsSpan(); var refr = RefractoryLeft.AsSpan();
        double dtOverC = _dt / _cm;
        int count = 0;
        int i = start;
        if (VectorPath.Enabled && VectorPath.Wide && Vector512.IsHardwareAccelerated)
            i = UpdateWide<TEx, TIn, TCur>(start, end, spikes, ref count);
        if (VectorPath.Enabled && Vector256.IsHardwareAccelerated)
        {
            // Four neurons per iteration: the arithmetic of the scalar loop below, lane by lane, in
            // the same order; refractoriness and spikes are lane masks.
            ref double v0 = ref MemoryMarshal.GetReference(v);
            ref double gex0 = ref MemoryMarshal.GetReference(gex);
            ref double gin0 = ref MemoryMarshal.GetReference(gin);
            ref double inEx0 = ref MemoryMarshal.GetReference(inEx);
            ref double inIn0 = ref MemoryMarshal.GetReference(inIn);
            ref double iext0 = ref MemoryMarshal.GetReference(iext);
            ref int refr0 = ref MemoryMarshal.GetReference(refr);
            var vgl = Vector256.Create(_gl); var vglel = Vector256.Create(_gl * _el);
            var veex = Vector256.Create(_eex); var vein = Vector256.Create(_ein);
            var vpex = Vector256.Create(_pex); var vpin = Vector256.Create(_pin);
            var vth = Vector256.Create(_vth); var vreset = Vector256.Create(_vreset);
            var vdt = Vector256.Create(-dtOverC); var vpa = Vector256.Create(1000.0);
            var refSteps = Vector128.Create(_refSteps);
            for (; i + 4 <= end; i += 4)
            {
                nuint k = (nuint)i;
                var ge = Vector256.LoadUnsafe(ref gex0, k);
                var gi = Vector256.LoadUnsafe(ref gin0, k);
                if (TEx.On) { ge += Vector256.LoadUnsafe(ref inEx0, k); Vector256<double>.Zero.StoreUnsafe(ref inEx0, k); }
                if (TIn.On) { gi += Vector256.LoadUnsafe(ref inIn0, k); Vector256<double>.Zero.StoreUnsafe(ref inIn0, k); }
                var gtot = vgl + ge + gi;
                var drive = vglel + ge * veex + gi * vein;
                if (TCur.On) drive += vpa * Vector256.LoadUnsafe(ref iext0, k);
                var vinf = drive / gtot;
                var vn = vinf + (Vector256.LoadUnsafe(ref v0, k) - vinf) * PortableMath.Exp(vdt * gtot);
                var refractory = RefractoryLanes.Load(ref refr0, k, out var counters, out var refractory128);
                var fire = Vector256.GreaterThanOrEqual(vn, vth) & ~refractory;
                Vector256.ConditionalSelect(refractory | fire, vreset, vn).StoreUnsafe(ref v0, k);
                (ge * vpex).StoreUnsafe(ref gex0, k);
                (gi * vpin).StoreUnsafe(ref gin0, k);
                count = RefractoryLanes.Commit(fire, refractory128, counters, refSteps, ref refr0, k, i, spikes, count);
            }
        }
        for (; i < end; i++)
        {
            double ge = gex[i], gi = gin[i];
            if (TEx.On) { ge += inEx[i]; inEx[i] = 0; }
            if (TIn.On) { gi += inIn[i]; inIn[i] = 0; }
            if (LifCobaMath.Step(_c, ref v[i], ref ge, ref gi, TCur.On, TCur.On ? iext[i] : 0, ref refr[i]))
                spikes[count++] = i;
            gex[i] = ge;
            gin[i] = gi;
        }
        return count;
    }

    /// <summary>Neurons per block of the eight-lane update: its exponentials stay in L1 (4 KiB on the stack).</summary>
    private const int WideBlock = 512;

    /// <summary>
    /// Eight neurons per iteration with AVX-512: the four-lane loop of <see cref="Update{TEx, TIn, TCur}"/>
    /// on twice the lanes (same operations, same bits; PortableMath's 512-bit exp gives the lanes of its
    /// 256-bit and scalar ones, tested).
    /// Each block of <see cref="WideBlock"/> neurons goes in three passes: add this step's input into
    /// g_ex and g_in and write the exponent −dt·g_tot/C; take the exponentials in a loop of their own; then
    /// the membrane update. The exponential is a call the JIT does not inline (measured with .NET's
    /// Vector512.Exp, used before PortableMath), and inside the update loop it made it spill every
    /// constant and pass the vector through memory; in a loop of its own the call costs little, and the
    /// update loop keeps its registers (RESULTS.md: 2.4x faster update on this machine).
    /// Returns the first neuron left for the narrower loops.
    /// </summary>
    private int UpdateWide<TEx, TIn, TCur>(int start, int end, Span<int> spikes, ref int count)
        where TEx : struct, IStaticFlag where TIn : struct, IStaticFlag where TCur : struct, IStaticFlag
    {
        ref double v0 = ref MemoryMarshal.GetReference(_v.AsSpan());
        ref double gex0 = ref MemoryMarshal.GetReference(_gex.AsSpan());
        ref double gin0 = ref MemoryMarshal.GetReference(_gin.AsSpan());
        ref double inEx0 = ref MemoryMarshal.GetReference(ReceptorInput[0].AsSpan());
        ref double inIn0 = ref MemoryMarshal.GetReference(ReceptorInput[1].AsSpan());
        ref double iext0 = ref MemoryMarshal.GetReference(ExternalCurrent.AsSpan());
        ref int refr0 = ref MemoryMarshal.GetReference(RefractoryLeft.AsSpan());
        Span<double> expBuffer = stackalloc double[WideBlock];
        ref double e0 = ref MemoryMarshal.GetReference(expBuffer);
        var vgl = Vector512.Create(_gl); var vglel = Vector512.Create(_gl * _el);
        var veex = Vector512.Create(_eex); var vein = Vector512.Create(_ein);
        var vpex = Vector512.Create(_pex); var vpin = Vector512.Create(_pin);
        var vth = Vector512.Create(_vth); var vreset = Vector512.Create(_vreset);
        var vdt = Vector512.Create(-(_dt / _cm)); var vpa = Vector512.Create(1000.0);
        var refSteps = Vector256.Create(_refSteps);
        int n = count;
        int i = start, last = start + (end - start) / 8 * 8;
        while (i < last)
        {
            int blockEnd = Math.Min(last, i + WideBlock);
            nuint b = (nuint)i, len = (nuint)(blockEnd - i);
            for (nuint j = 0; j < len; j += 8)
            {
                nuint k = b + j;
                var ge = Vector512.LoadUnsafe(ref gex0, k);
                var gi = Vector512.LoadUnsafe(ref gin0, k);
                if (TEx.On) { ge += Vector512.LoadUnsafe(ref inEx0, k); Vector512<double>.Zero.StoreUnsafe(ref inEx0, k); ge.StoreUnsafe(ref gex0, k); }
                if (TIn.On) { gi += Vector512.LoadUnsafe(ref inIn0, k); Vector512<double>.Zero.StoreUnsafe(ref inIn0, k); gi.StoreUnsafe(ref gin0, k); }
                (vdt * (vgl + ge + gi)).StoreUnsafe(ref e0, j);
            }
            for (nuint j = 0; j < len; j += 8)
                PortableMath.Exp(Vector512.LoadUnsafe(ref e0, j)).StoreUnsafe(ref e0, j);
            for (nuint j = 0; j < len; j += 8)
            {
                nuint k = b + j;
                var ge = Vector512.LoadUnsafe(ref gex0, k);
                var gi = Vector512.LoadUnsafe(ref gin0, k);
                var gtot = vgl + ge + gi;
                var drive = vglel + ge * veex + gi * vein;
                if (TCur.On) drive += vpa * Vector512.LoadUnsafe(ref iext0, k);
                var vinf = drive / gtot;
                var vn = vinf + (Vector512.LoadUnsafe(ref v0, k) - vinf) * Vector512.LoadUnsafe(ref e0, j);
                var refractory = RefractoryLanes.Load8(ref refr0, k, out var counters, out var refractory256);
                var fire = Vector512.GreaterThanOrEqual(vn, vth) & ~refractory;
                Vector512.ConditionalSelect(refractory | fire, vreset, vn).StoreUnsafe(ref v0, k);
                (ge * vpex).StoreUnsafe(ref gex0, k);
                (gi * vpin).StoreUnsafe(ref gin0, k);
                n = RefractoryLanes.Commit8(fire, refractory256, counters, refSteps, ref refr0, k, (int)k, spikes, n);
            }
            i = blockEnd;
        }
        count = n;
        return i;
    }
}
