using Spiking.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Spiking.Models;

/// <summary>
/// State and step of a <see cref="LifCobaModel"/> population: the generic kernel loop
/// (<see cref="LifCobaKernel"/>; both receptors feed g_ex and g_in directly), with hand-vectorised
/// specialisations of the same arithmetic, lane by lane, that give its bits (tests/VectorPathTests).
/// </summary>
internal sealed class LifCobaGroup : KernelGroup<LifCobaKernel>
{
    private readonly double[] _v, _gex, _gin;
    private readonly double _gl, _el, _vth, _vreset, _eex, _ein, _pex, _pin, _dtOverC;
    private readonly int _refSteps;

    public LifCobaGroup(LifCobaModel model, int size, ParameterReader p, double dt) : base(model, size, new LifCobaKernel(p, dt), direct: ["g_ex", "g_in"])
    {
        _v = Variable("v"); _gex = Variable("g_ex"); _gin = Variable("g_in");
        var c = Kernel.Constants;
        _gl = c.Gl; _el = c.El; _vth = c.Vth; _vreset = c.VReset; _eex = c.Eex; _ein = c.Ein;
        _pex = c.Pex; _pin = c.Pin; _dtOverC = c.DtOverC; _refSteps = c.RefSteps;
        Array.Fill(_v, _el);
    }

    public override int Update(int start, int end, Span<int> spikes, Span<double> offsets)
    {
        if (!VectorPath.Enabled) return base.Update(start, end, spikes, offsets);
        bool ex = ReceptorInput[0] is not null, inh = ReceptorInput[1] is not null, cur = HasExternalCurrent;
        int count = 0;
        int i = (ex, inh, cur) switch
        {
            (false, false, false) => UpdateVector<No, No, No>(start, end, spikes, ref count),
            (true, false, false) => UpdateVector<Yes, No, No>(start, end, spikes, ref count),
            (false, true, false) => UpdateVector<No, Yes, No>(start, end, spikes, ref count),
            (true, true, false) => UpdateVector<Yes, Yes, No>(start, end, spikes, ref count),
            (false, false, true) => UpdateVector<No, No, Yes>(start, end, spikes, ref count),
            (true, false, true) => UpdateVector<Yes, No, Yes>(start, end, spikes, ref count),
            (false, true, true) => UpdateVector<No, Yes, Yes>(start, end, spikes, ref count),
            (true, true, true) => UpdateVector<Yes, Yes, Yes>(start, end, spikes, ref count),
        };
        // The neurons the vector loops leave (fewer than a vector's lanes, or all without AVX2): the kernel.
        return count + base.Update(i, end, spikes[count..], offsets);
    }

    /// <summary>The vectorised loops over as many neurons from <paramref name="start"/> as fill whole vectors; returns the first neuron left.</summary>
    private int UpdateVector<TEx, TIn, TCur>(int start, int end, Span<int> spikes, ref int count)
        where TEx : struct, IStaticFlag where TIn : struct, IStaticFlag where TCur : struct, IStaticFlag
    {
        int i = start;
        if (VectorPath.Wide && Vector512.IsHardwareAccelerated)
            i = UpdateWide<TEx, TIn, TCur>(start, end, spikes, ref count);
        if (Vector256.IsHardwareAccelerated)
        {
            // Four neurons per iteration: the arithmetic of LifCobaKernel, lane by lane, in
            // the same order; refractoriness and spikes are lane masks.
            ref double v0 = ref MemoryMarshal.GetReference(_v.AsSpan());
            ref double gex0 = ref MemoryMarshal.GetReference(_gex.AsSpan());
            ref double gin0 = ref MemoryMarshal.GetReference(_gin.AsSpan());
            ref double inEx0 = ref MemoryMarshal.GetReference(ReceptorInput[0].AsSpan());
            ref double inIn0 = ref MemoryMarshal.GetReference(ReceptorInput[1].AsSpan());
            ref double iext0 = ref MemoryMarshal.GetReference(ExternalCurrent.AsSpan());
            ref int refr0 = ref MemoryMarshal.GetReference(RefractoryLeft.AsSpan());
            var vgl = Vector256.Create(_gl); var vglel = Vector256.Create(_gl * _el);
            var veex = Vector256.Create(_eex); var vein = Vector256.Create(_ein);
            var vpex = Vector256.Create(_pex); var vpin = Vector256.Create(_pin);
            var vth = Vector256.Create(_vth); var vreset = Vector256.Create(_vreset);
            var vdt = Vector256.Create(-_dtOverC); var vpa = Vector256.Create(1000.0);
            var refSteps = Vector128.Create(_refSteps);
            int n = count;
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
                n = RefractoryLanes.Commit(fire, refractory128, counters, refSteps, ref refr0, k, i, spikes, n);
            }
            count = n;
        }
        return i;
    }

    /// <summary>Neurons per block of the eight-lane update: its exponentials stay in L1 (4 KiB on the stack).</summary>
    private const int WideBlock = 512;

    /// <summary>
    /// Eight neurons per iteration with AVX-512: the four-lane loop of <see cref="UpdateVector{TEx, TIn, TCur}"/>
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
        var vdt = Vector512.Create(-_dtOverC); var vpa = Vector512.Create(1000.0);
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
