using System.Numerics;

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
        double pm = _pm, el = _el, rm = _rm, vth = _vth, vreset = _vreset;
        {
            double jump = inEx[i] + inIn[i];
            inEx[i] = 0; inIn[i] = 0;
            if (refr[i] > 0)
            {
                refr[i]--;
                v[i] = vreset;
                return 0;
            }
            double vinf = el + rm * iext[i];
            double vn = vinf + (v[i] - vinf) * pm + jump;
            if (vn >= vth)
            {
                v[i] = vreset;
                refr[i] = _refSteps;
                spikes[count] = i;
                return 1;
            }
            v[i] = vn;
            return 0;
        }
    }
}
