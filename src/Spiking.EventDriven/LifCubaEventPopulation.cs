using Spiking.Numerics;
using Spiking.Engine;
using Spiking.Models;

namespace Spiking.EventDriven;

/// <summary>
/// Event-mode <c>lif_cuba</c>. Between events, with s the time since the last one,
/// <code>
/// I_x(s) = I_x·e^(−s/τx),   v(s) = v∞ + (v₀ − v∞)·e^(−s/τm) + Σx I_x·τx/(τx − τm)·(e^(−s/τx) − e^(−s/τm))
/// </code>
/// (the solution of τm dv/dt = −(v − v∞) + I_ex + I_in, e.g. Rotter &amp; Diesmann 1999), so v − V_th
/// is a constant plus three exponentials and its first zero is found with guaranteed bounds
/// (<see cref="ExponentialSum"/>). After every input the crossing is predicted again and moved in the
/// <see cref="CrossingQueue"/>. Synaptic currents keep
/// integrating during the refractory period; v is held at V_reset.
/// </summary>
internal sealed class LifCubaEventPopulation : EventPopulation
{
    private readonly double[] _v, _iex, _iin;
    private readonly double _tauM, _tauEx, _tauIn, _el, _vth, _vreset, _tref, _rm;
    private readonly double _kEx, _kIn; // τx/(τx − τm)

    public LifCubaEventPopulation(PopulationState p, EventQueue queue, CrossingQueue crossings, int baseId) : base(p, queue, crossings, baseId)
    {
        var r = new ParameterReader(p.Model, p.Spec.Parameters);
        _tauM = r["tau_m"]; _tauEx = r["tau_syn_ex"]; _tauIn = r["tau_syn_in"];
        _el = r["E_L"]; _vth = r["V_th"]; _vreset = r["V_reset"]; _tref = r["t_ref"]; _rm = r["R_m"];
        _kEx = _tauEx / (_tauEx - _tauM);
        _kIn = _tauIn / (_tauIn - _tauM);
        _v = (double[])p.Group.Variable("v").Clone();
        _iex = (double[])p.Group.Variable("I_ex").Clone();
        _iin = (double[])p.Group.Variable("I_in").Clone();
        Array.Fill(Drive, _el);
    }

    public override void Start(double t)
    {
        for (int i = 0; i < Size; i++)
        {
            Last[i] = t;
            Predict(i);
        }
    }

    /// <summary>State of neuron i at t ≥ Last[i]: refractory stretch first (v held, currents decaying), then free evolution.</summary>
    private void StateAt(int i, double t, out double v, out double ie, out double ii)
    {
        double from = Last[i], until = RefractoryUntil[i];
        v = _v[i]; ie = _iex[i]; ii = _iin[i];
        if (until > from)
        {
            double h = Math.Min(t, until) - from;
            if (h > 0) { ie *= PortableMath.Exp(-h / _tauEx); ii *= PortableMath.Exp(-h / _tauIn); }
            v = _vreset;
            if (t <= until) return;
            from = until;
        }
        double s = t - from;
        if (s <= 0) return;
        double em = PortableMath.Exp(-s / _tauM), ee = PortableMath.Exp(-s / _tauEx), ei = PortableMath.Exp(-s / _tauIn);
        double vinf = Drive[i];
        v = vinf + (v - vinf) * em + ie * _kEx * (ee - em) + ii * _kIn * (ei - em);
        ie *= ee;
        ii *= ei;
    }

    private void AdvanceTo(int i, double t)
    {
        if (t <= Last[i]) return;
        StateAt(i, t, out _v[i], out _iex[i], out _iin[i]);
        Last[i] = t;
    }

    /// <summary>Queues the next threshold crossing of neuron i from its current state, if there is one.</summary>
    private void Predict(int i)
    {
        double from = Last[i];
        double v = _v[i], ie = _iex[i], ii = _iin[i];
        if (RefractoryUntil[i] > from)
        {
            StateAt(i, RefractoryUntil[i], out v, out ie, out ii);
            from = RefractoryUntil[i];
        }
        double vinf = Drive[i];
        double pe = ie * _kEx, pi = ii * _kIn;
        var f = new ExponentialSum
        {
            C0 = vinf - _vth, C1 = v - vinf - pe - pi, C2 = pe, C3 = pi,
            R1 = 1 / _tauM, R2 = 1 / _tauEx, R3 = 1 / _tauIn,
        };
        double s = f.FirstRoot();
        if (s < double.PositiveInfinity) Crossings.Set(BaseId + i, from + s);
        else Crossings.Remove(BaseId + i);
    }

    public override void Receive(int i, int receptor, double w, double t)
    {
        AdvanceTo(i, t);
        if (receptor == 0) _iex[i] += w; else _iin[i] += w;
        Predict(i);
    }

    public override void ReceiveRow(double t, int receptor, ReadOnlySpan<int> targets, ReadOnlySpan<float> weights)
    {
        var into = receptor == 0 ? _iex : _iin;
        for (int k = 0; k < targets.Length; k++)
        {
            int i = targets[k];
            AdvanceTo(i, t);
            into[i] += weights[k];
            Predict(i);
        }
    }

    public override void ChangeCurrent(int i, double deltaNa, double t)
    {
        AdvanceTo(i, t);
        Drive[i] += _rm * deltaNa;
        Predict(i);
    }

    public override bool OnThreshold(int i, double t, bool predicted)
    {
        AdvanceTo(i, t);
        _v[i] = _vreset;
        RefractoryUntil[i] = _tref > 0 ? t + _tref : double.NegativeInfinity;
        Predict(i);
        return true;
    }

    public override int VariableIndex(string name) => name switch
    {
        "v" => 0,
        "I_ex" => 1,
        "I_in" => 2,
        _ => throw new ArgumentException($"lif_cuba has no state variable '{name}'"),
    };

    public override double StateAt(int variable, int i, double t)
    {
        StateAt(i, t, out var v, out var ie, out var ii);
        return variable switch { 0 => v, 1 => ie, _ => ii };
    }

    public override void WriteBack(double t)
    {
        var v = Population.Group.Variable("v"); var ie = Population.Group.Variable("I_ex"); var ii = Population.Group.Variable("I_in");
        for (int i = 0; i < Size; i++) StateAt(i, t, out v[i], out ie[i], out ii[i]);
    }
}
