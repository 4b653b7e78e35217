using System.Numerics;

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
    }

    public override int Update(int start, int end, Span<int> spikes, Span<double> offsets)
        => _precise ? UpdatePrecise(start, end, spikes, offsets) : UpdateGrid(start, end, spikes);

    private int UpdateGrid(int start, int end, Span<int> spikes)
    {
        var v = _v.AsSpan(); var iex = _iex.AsSpan(); var iin = _iin.AsSpan();
        var inEx = ReceptorInput[0].AsSpan(); var inIn = ReceptorInput[1].AsSpan();
        var iext = ExternalCurrent.AsSpan(); var refr = RefractoryLeft.AsSpan();
        double pm = _pm, pex = _pex, pin = _pin, kex = _kex, kin = _kin, el = _el, rm = _rm, vth = _vth, vreset = _vreset;
        int count = 0;
        int i = start;
        if (VectorPath.Enabled)
        {
            // Vector<double> lanes carry out exactly the scalar arithmetic below, in the same order
            // (no fused multiply-add), so both paths give the same bits; blocks with a refractory
            // neuron or a spike fall back to the scalar code for those lanes.
            int w = Vector<double>.Count;
            var vpm = new Vector<double>(pm); var vpex = new Vector<double>(pex); var vpin = new Vector<double>(pin);
            var vkex = new Vector<double>(kex); var vkin = new Vector<double>(kin);
            var vel = new Vector<double>(el); var vrm = new Vector<double>(rm); var vvth = new Vector<double>(vth);
            for (; i + w <= end; i += w)
            {
                bool refractory = false;
                for (int l = 0; l < w; l++) refractory |= refr[i + l] > 0;
                if (refractory)
                {
                    for (int l = 0; l < w; l++) count += ScalarStep(i + l, v, iex, iin, inEx, inIn, iext, refr, spikes, count);
                    continue;
                }
                var ie = new Vector<double>(iex.Slice(i, w)) + new Vector<double>(inEx.Slice(i, w));
                var ii = new Vector<double>(iin.Slice(i, w)) + new Vector<double>(inIn.Slice(i, w));
                inEx.Slice(i, w).Clear(); inIn.Slice(i, w).Clear();
                var vinf = vel + vrm * new Vector<double>(iext.Slice(i, w));
                var vn = vinf + (new Vector<double>(v.Slice(i, w)) - vinf) * vpm + ie * vkex + ii * vkin;
                vn.CopyTo(v.Slice(i, w));
                (ie * vpex).CopyTo(iex.Slice(i, w));
                (ii * vpin).CopyTo(iin.Slice(i, w));
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
        for (; i < end; i++) count += ScalarStep(i, v, iex, iin, inEx, inIn, iext, refr, spikes, count);
        return count;
    }

    /// <summary>One neuron, one step: the reference arithmetic of the grid update. Returns 1 if it fired.</summary>
    private int ScalarStep(int i, Span<double> v, Span<double> iex, Span<double> iin, Span<double> inEx, Span<double> inIn,
        Span<double> iext, Span<int> refr, Span<int> spikes, int count)
    {
        double pm = _pm, pex = _pex, pin = _pin, kex = _kex, kin = _kin, el = _el, rm = _rm, vth = _vth, vreset = _vreset;
        {
            double ie = iex[i] + inEx[i];
            double ii = iin[i] + inIn[i];
            inEx[i] = 0; inIn[i] = 0;
            if (refr[i] > 0)
            {
                refr[i]--;
                v[i] = vreset;
            }
            else
            {
                double vinf = el + rm * iext[i];
                double vn = vinf + (v[i] - vinf) * pm + ie * kex + ii * kin;
                if (vn >= vth)
                {
                    v[i] = vreset;
                    refr[i] = _refSteps;
                    spikes[count] = i;
                    iex[i] = ie * pex;
                    iin[i] = ii * pin;
                    return 1;
                }
                v[i] = vn;
            }
            iex[i] = ie * pex;
            iin[i] = ii * pin;
        }
        return 0;
    }

    private int UpdatePrecise(int start, int end, Span<int> spikes, Span<double> offsets)
    {
        int count = 0;
        for (int i = start; i < end; i++)
        {
            double ie = _iex[i] + ReceptorInput[0][i];
            double ii = _iin[i] + ReceptorInput[1][i];
            ReceptorInput[0][i] = 0; ReceptorInput[1][i] = 0;
            double vinf = _el + _rm * ExternalCurrent[i];
            double r = _refractoryTime[i];
            if (r >= _dt)
            {
                _refractoryTime[i] = r - _dt;
                _v[i] = _vreset;
            }
            else
            {
                // Free integration from h0 (end of refractoriness inside this step) to dt.
                double h0 = r;
                _refractoryTime[i] = 0;
                double v0 = r > 0 ? _vreset : _v[i];
                double ie0 = r > 0 ? ie * Math.Exp(-h0 / _tauEx) : ie;
                double ii0 = r > 0 ? ii * Math.Exp(-h0 / _tauIn) : ii;
                double len = _dt - h0;
                double vn = r > 0 ? new CubaTrajectory(v0, vinf, ie0, ii0, _tauM, _tauEx, _tauIn).Voltage(len) : vinf + (v0 - vinf) * _pm + ie0 * _kex + ii0 * _kin;
                if (vn >= _vth)
                {
                    var trajectory = new CubaTrajectory(v0, vinf, ie0, ii0, _tauM, _tauEx, _tauIn);
                    double s = LifThreshold.Crossing(trajectory, len, _vth);
                    double offset = h0 + s;
                    spikes[count] = i;
                    offsets[count] = offset;
                    count++;
                    _refractoryTime[i] = Math.Max(0, _tref - (_dt - offset));
                    vn = _vreset;
                }
                _v[i] = vn;
            }
            _iex[i] = ie * _pex;
            _iin[i] = ii * _pin;
        }
        return count;
    }
}

/// <summary>The CUBA membrane trajectory from (v0, I_ex, I_in) with constant drive v∞.</summary>
internal readonly record struct CubaTrajectory(double V0, double VInf, double Iex, double Iin, double TauM, double TauEx, double TauIn)
    : IMembraneTrajectory
{
    public double Voltage(double s)
        => VInf + (V0 - VInf) * Math.Exp(-s / TauM)
           + Iex * ExponentialPropagators.CurrentToVoltage(s, TauM, TauEx)
           + Iin * ExponentialPropagators.CurrentToVoltage(s, TauM, TauIn);

    public double Slope(double s)
        => (-(Voltage(s) - VInf) + Iex * Math.Exp(-s / TauEx) + Iin * Math.Exp(-s / TauIn)) / TauM;
}
