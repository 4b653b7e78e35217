namespace Spiking.Models;

/// <summary>State and step of a <see cref="LifCobaModel"/> population.</summary>
internal sealed class LifCobaGroup : NeuronGroup
{
    private readonly double[] _v, _gex, _gin;
    private readonly double _cm, _gl, _el, _vth, _vreset, _eex, _ein, _pex, _pin, _dt;
    private readonly int _refSteps;

    public LifCobaGroup(LifCobaModel model, int size, ParameterReader p, double dt) : base(model, size)
    {
        _v = Variable("v"); _gex = Variable("g_ex"); _gin = Variable("g_in");
        _cm = p["C_m"]; _gl = p["g_L"]; _el = p["E_L"]; _vth = p["V_th"]; _vreset = p["V_reset"];
        _eex = p["E_ex"]; _ein = p["E_in"]; _dt = dt;
        Array.Fill(_v, _el);
        _pex = ExponentialPropagators.Decay(dt, p["tau_syn_ex"]);
        _pin = ExponentialPropagators.Decay(dt, p["tau_syn_in"]);
        _refSteps = (int)Math.Round(p["t_ref"] / dt);
    }

    public override int Update(int start, int end, Span<int> spikes, Span<double> offsets)
    {
        var v = _v.AsSpan(); var gex = _gex.AsSpan(); var gin = _gin.AsSpan();
        var inEx = ReceptorInput[0]!.AsSpan(); var inIn = ReceptorInput[1]!.AsSpan();
        var iext = ExternalCurrent.AsSpan(); var refr = RefractoryLeft.AsSpan();
        double gl = _gl, el = _el, eex = _eex, ein = _ein, vth = _vth, vreset = _vreset, pex = _pex, pin = _pin;
        double dtOverC = _dt / _cm;
        int count = 0;
        for (int i = start; i < end; i++)
        {
            double ge = gex[i] + inEx[i];
            double gi = gin[i] + inIn[i];
            inEx[i] = 0; inIn[i] = 0;
            if (refr[i] > 0)
            {
                refr[i]--;
                v[i] = vreset;
            }
            else
            {
                // Exponential Euler: with conductances held at their start-of-step values the
                // membrane equation is linear in v, relaxing to vinf with rate gtot/C.
                double gtot = gl + ge + gi;
                double vinf = (gl * el + ge * eex + gi * ein + 1000.0 * iext[i]) / gtot; // nA -> pA
                double vn = vinf + (v[i] - vinf) * Math.Exp(-dtOverC * gtot);
                if (vn >= vth)
                {
                    vn = vreset;
                    refr[i] = _refSteps;
                    spikes[count++] = i;
                }
                v[i] = vn;
            }
            gex[i] = ge * pex;
            gin[i] = gi * pin;
        }
        return count;
    }
}
