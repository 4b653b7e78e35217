using System.Numerics;

namespace Spiking.Models;

/// <summary>State and step of a <see cref="LifDeltaModel"/> population.</summary>
internal sealed class LifDeltaGroup : NeuronGroup
{
    private readonly double[] _v;
    private readonly double _pm, _el, _vth, _vreset, _rm;
    private readonly int _refSteps;
    // Precise mode: the offset (ms) at which the refractory period ends in the step where RefractoryLeft is 1.
    private readonly bool _precise;
    private readonly double _dt, _tauM, _tref;
    private readonly double[] _refractoryEnd;
    private readonly bool _trefOnGrid;
    private readonly LifDeltaConstants _c;
    private readonly LifDeltaPreciseConstants _precision;

    /// <summary>The constants of the precise update, for other backends.</summary>
    internal LifDeltaPreciseConstants PreciseConstants => _precision;

    /// <summary>Precise mode: per neuron the offset at which the refractory period ends, for other backends to start from and write back.</summary>
    internal double[] RefractoryEnd => _refractoryEnd;

    /// <summary>The per-dt constants of the grid update, for other backends.</summary>
    internal LifDeltaConstants Constants => _c;

    /// <summary>Whether spike times are precise (the grid math does not apply then).</summary>
    internal bool Precise => _precise;

    public LifDeltaGroup(LifDeltaModel model, int size, ParameterReader p, double dt, bool precise) : base(model, size)
    {
        _v = Variable("v");
        _el = p["E_L"]; _vth = p["V_th"]; _vreset = p["V_reset"]; _rm = p["R_m"];
        Array.Fill(_v, _el);
        _pm = ExponentialPropagators.Decay(dt, p["tau_m"]);
        _refSteps = (int)Math.Round(p["t_ref"] / dt);
        _precise = precise;
        _dt = dt; _tauM = p["tau_m"]; _tref = p["t_ref"];
        _refractoryEnd = precise ? new double[size] : [];
        _trefOnGrid = Math.Abs(_tref / dt - _refSteps) <= 1e-9 * Math.Max(1, _refSteps);
        _c = new LifDeltaConstants(_pm, _el, _rm, _vth, _vreset, _refSteps);
        _precision = new LifDeltaPreciseConstants(dt, _tauM, _el, _rm, _vth, _vreset, _pm, _tref, _refSteps, _trefOnGrid ? 1 : 0);
    }

    public override int Update(int start, int end, Span<int> spikes, Span<double> offsets)
    {
        if (_precise) return UpdatePrecise(start, end, spikes, offsets);
        var v = _v.AsSpan(); var inEx = ReceptorInput[0]!.AsSpan(); var inIn = ReceptorInput[1]!.AsSpan();
        var iext = ExternalCurrent.AsSpan(); var refr = RefractoryLeft.AsSpan();
        double pm = _pm, el = _el, rm = _rm, vth = _vth, vreset = _vreset;
        int count = 0;
        int i = start;
        if (VectorPath.Enabled)
        {
            // Same arithmetic as the scalar loop, lane by lane; blocks with a refractory neuron go scalar.
            int w = Vector<double>.Count;
            var vpm = new Vector<double>(pm); var vel = new Vector<double>(el); var vrm = new Vector<double>(rm); var vvth = new Vector<double>(vth);
            for (; i + w <= end; i += w)
            {
                bool refractory = false;
                for (int l = 0; l < w; l++) refractory |= refr[i + l] > 0;
                if (refractory)
                {
                    for (int l = 0; l < w; l++) count += ScalarStep(i + l, v, inEx, inIn, iext, refr, spikes, count);
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
                            refr[i + l] = _refSteps;
                            spikes[count++] = i + l;
                        }
            }
        }
        for (; i < end; i++) count += ScalarStep(i, v, inEx, inIn, iext, refr, spikes, count);
        return count;
    }

    /// <summary>One neuron, one step: the reference arithmetic. Returns 1 if it fired.</summary>
    private int ScalarStep(int i, Span<double> v, Span<double> inEx, Span<double> inIn, Span<double> iext, Span<int> refr, Span<int> spikes, int count)
    {
        double jump = inEx[i] + inIn[i];
        inEx[i] = 0; inIn[i] = 0;
        if (!LifDeltaMath.Step(_c, ref v[i], jump, iext[i], ref refr[i])) return 0;
        spikes[count] = i;
        return 1;
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
