namespace Spiking.Models;

/// <summary>State and step of an <see cref="IzhikevichModel"/> population.</summary>
internal sealed class IzhikevichGroup : NeuronGroup
{
    private readonly double[] _v, _u, _isyn;
    private readonly double _a, _b, _c, _d, _vpeak, _tauSyn, _kext, _dt, _psyn;
    private readonly IzhikevichConstants _k;

    /// <summary>The parameters and per-dt constants, for other backends.</summary>
    internal IzhikevichConstants Constants => _k;

    public IzhikevichGroup(IzhikevichModel model, int size, ParameterReader p, double dt) : base(model, size)
    {
        _v = Variable("v"); _u = Variable("u"); _isyn = Variable("I_syn");
        _a = p["a"]; _b = p["b"]; _c = p["c"]; _d = p["d"]; _vpeak = p["v_peak"]; _tauSyn = p["tau_syn"]; _kext = p["k_ext"];
        _dt = dt;
        _psyn = _tauSyn > 0 ? Math.Exp(-dt / _tauSyn) : 0;
        _k = new IzhikevichConstants(_a, _b, _c, _d, _vpeak, _tauSyn, _kext, dt, _psyn);
        for (int i = 0; i < size; i++) _u[i] = _b * _v[i];
    }

    public override void OnInitialised(IReadOnlySet<string> given)
    {
        if (!given.Contains("u"))
            for (int i = 0; i < Size; i++) _u[i] = _b * _v[i];
    }

    public override int Update(int start, int end, Span<int> spikes, Span<double> offsets)
    {
        var v = _v.AsSpan(); var u = _u.AsSpan(); var isyn = _isyn.AsSpan();
        var inEx = ReceptorInput[0]!.AsSpan(); var inIn = ReceptorInput[1]!.AsSpan(); var iext = ExternalCurrent.AsSpan();
        int count = 0;
        for (int i = start; i < end; i++)
        {
            double w = inEx[i] + inIn[i];
            inEx[i] = 0; inIn[i] = 0;
            if (IzhikevichMath.Step(_k, ref v[i], ref u[i], ref isyn[i], w, iext[i])) spikes[count++] = i;
        }
        return count;
    }
}
