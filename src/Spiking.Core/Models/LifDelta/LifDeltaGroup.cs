using System.Numerics;

namespace Spiking.Models;

/// <summary>
/// State and step of a <see cref="LifDeltaModel"/> population: on the grid the generic kernel loop
/// (<see cref="LifDeltaKernel"/>) with a vectorised specialisation of the same arithmetic; with precise
/// spike times its own update.
/// </summary>
internal sealed class LifDeltaGroup : KernelGroup<LifDeltaKernel>
{
    private readonly double[] _v;
    private readonly double _el, _vth, _rm;
    // Precise mode: the offset (ms) at which the refractory period ends in the step where RefractoryLeft is 1.
    private readonly bool _precise;
    private readonly double[] _refractoryEnd;
    private readonly LifDeltaConstants _c;
    private readonly LifDeltaPreciseConstants _precision;

    /// <summary>The constants of the precise update, for other backends.</summary>
    internal LifDeltaPreciseConstants PreciseConstants => _precision;

    /// <summary>Precise mode: per neuron the offset at which the refractory period ends, for other backends to start from and write back.</summary>
    internal double[] RefractoryEnd => _refractoryEnd;

    /// <summary>Whether spike times are precise (the grid kernel does not apply then).</summary>
    internal bool Precise => _precise;

    public LifDeltaGroup(LifDeltaModel model, int size, ParameterReader p, double dt, bool precise) : base(model, size, new LifDeltaKernel(p, dt))
    {
        _v = Variable("v");
        _c = Kernel.Constants;
        _el = _c.El; _vth = _c.Vth; _rm = _c.Rm;
        Array.Fill(_v, _el);
        _precise = precise;
        double tref = p["t_ref"];
        _refractoryEnd = precise ? new double[size] : [];
        bool trefOnGrid = Math.Abs(tref / dt - _c.RefSteps) <= 1e-9 * Math.Max(1, _c.RefSteps);
        _precision = new LifDeltaPreciseConstants(dt, p["tau_m"], _el, _rm, _vth, _c.VReset, _c.Pm, tref, _c.RefSteps, trefOnGrid ? 1 : 0);
    }

    public override int Update(int start, int end, Span<int> spikes, Span<double> offsets)
    {
        if (_precise) return UpdatePrecise(start, end, spikes, offsets);
        if (!VectorPath.Enabled) return base.Update(start, end, spikes, offsets);
        var v = _v.AsSpan(); var inEx = ReceptorInput[0]!.AsSpan(); var inIn = ReceptorInput[1]!.AsSpan();
        var iext = ExternalCurrent.AsSpan(); var refr = RefractoryLeft.AsSpan();
        double pm = _c.Pm, el = _el, rm = _rm, vth = _vth, vreset = _c.VReset;
        int count = 0;
        int i = start;
        // The kernel's arithmetic (LifDeltaMath.Step), lane by lane; blocks with a refractory neuron go through the kernel.
        int w = Vector<double>.Count;
        var vpm = new Vector<double>(pm); var vel = new Vector<double>(el); var vrm = new Vector<double>(rm); var vvth = new Vector<double>(vth);
        for (; i + w <= end; i += w)
        {
            bool refractory = false;
            for (int l = 0; l < w; l++) refractory |= refr[i + l] > 0;
            if (refractory)
            {
                count += base.Update(i, i + w, spikes[count..], offsets);
                continue;
            }
            var jump = new Vector<double>(inEx.Slice(i, w)) + new Vector<double>(inIn.Slice(i, w));
            inEx.Slice(i, w).Clear(); inIn.Slice(i, w).Clear();
            var vinf = vel + vrm * new Vector<double>(iext.Slice(i, w));
            var vn = vinf + (new Vector<double>(v.Slice(i, w)) - vinf) * vpm + jump;
            vn.CopyTo(v.Slice(i, w));
            if (Vector.GreaterThanOrEqualAny(vn, vvth))
                for (int l = 0; l < w; l++)
                    if (v[i + l] >= vth)
                    {
                        v[i + l] = vreset;
                        refr[i + l] = _c.RefSteps;
                        spikes[count++] = i + l;
                    }
        }
        return count + base.Update(i, end, spikes[count..], offsets);
    }

    /// <summary>
    /// The precise update (NEST iaf_psc_delta_ps; the same semantics as the event kernel's
    /// LifDeltaEventPopulation). Step n covers (t_n, t_n + dt]. Each neuron walks its events of the step
    /// in time order: v relaxes exactly to the next event's offset, v(s) = v∞ + (v₀ − v∞)·e^(−(s − s₀)/τm);
    /// with v∞ &gt; V_th the free crossing t* = s₀ + τm·ln((v∞ − v₀)/(v∞ − V_th)) fires first if it comes
    /// before the event (at equal times the input goes first, as in event mode); all jumps at one offset
    /// are summed, then v ≥ V_th fires at that offset. Grid input (Poisson) is a jump at the step's end.
    /// After a spike at offset s the refractory period ends at s + t_ref: RefractoryLeft steps later
    /// (whole steps held at V_reset, inputs dropped), at <c>_refractoryEnd</c> inside that step, where
    /// inputs at or before it are dropped. With t_ref a multiple of dt the end keeps the spike's own
    /// offset bit for bit, so no rounding moves it across an input on the grid.
    /// </summary>
    private int UpdatePrecise(int start, int end, Span<int> spikes, Span<double> offsets)
    {
        var refr = RefractoryLeft;
        var inEx = ReceptorInput[0]; var inIn = ReceptorInput[1];
        var input = TimedInput!;
        var evTarget = input.Target;
        var events = new TimedInputEvents(input);
        int next = input.FirstAtOrAfter(start), total = input.Count;
        bool current = HasExternalCurrent; var iext = ExternalCurrent;
        int count = 0;
        for (int i = start; i < end; i++)
        {
            double grid = 0;
            if (inEx is not null) { grid += inEx[i]; inEx[i] = 0; }
            if (inIn is not null) { grid += inIn[i]; inIn[i] = 0; }
            int e = next;
            while (next < total && evTarget[next] == i) next++;
            double vinf = current ? _el + _rm * iext[i] : _el;
            // Most neuron-steps: no input, not refractory, below threshold before and after.
            if (e == next && grid == 0 && refr[i] == 0 && _v[i] < _vth && LifDeltaPreciseMath.FreeStep(_precision, vinf, ref _v[i])) continue;
            if (LifDeltaPreciseMath.Step(_precision, events, e, next, grid, vinf, ref _v[i], ref refr[i], ref _refractoryEnd[i], out double offset))
            {
                spikes[count] = i;
                offsets[count] = offset;
                count++;
            }
        }
        return count;
    }
}
