namespace Spiking.Models;

/// <summary>State and step of a <see cref="LifDeltaModel"/> population.</summary>
internal sealed class LifDeltaGroup : NeuronGroup
{
    private readonly double[] _v;
    private readonly double _pm, _el, _vth, _vreset, _rm;
    private readonly int _refSteps;

    public LifDeltaGroup(LifDeltaModel model, int size, ParameterReader p, double dt) : base(model, size)
    {
        _v = Variable("v");
        _el = p["E_L"]; _vth = p["V_th"]; _vreset = p["V_reset"]; _rm = p["R_m"];
        Array.Fill(_v, _el);
        _pm = ExponentialPropagators.Decay(dt, p["tau_m"]);
        _refSteps = (int)Math.Round(p["t_ref"] / dt);
    }

    public override int Update(int start, int end, Span<int> spikes, Span<double> offsets)
    {
        var v = _v.AsSpan(); var inEx = ReceptorInput[0].AsSpan(); var inIn = ReceptorInput[1].AsSpan();
        var iext = ExternalCurrent.AsSpan(); var refr = RefractoryLeft.AsSpan();
        double pm = _pm, el = _el, rm = _rm, vth = _vth, vreset = _vreset;
        int count = 0;
        for (int i = start; i < end; i++)
        {
            double jump = inEx[i] + inIn[i];
            inEx[i] = 0; inIn[i] = 0;
            if (refr[i] > 0)
            {
                refr[i]--;
                v[i] = vreset;
                continue;
            }
            double vinf = el + rm * iext[i];
            double vn = vinf + (v[i] - vinf) * pm + jump;
            if (vn >= vth)
            {
                vn = vreset;
                refr[i] = _refSteps;
                spikes[count++] = i;
            }
            v[i] = vn;
        }
        return count;
    }
}
