using Spiking.Numerics;
using Spiking.Engine;

namespace Spiking.EventDriven;

/// <summary>
/// Event-mode <c>lif_delta</c> (NEST iaf_psc_delta semantics). Between events
/// v(t) = v∞ + (v(t₀) − v∞)·e^(−(t − t₀)/τm), v∞ = E_L + R_m·I_ext; a delta input makes v jump. A
/// spike can happen only at an input (v ≥ V_th once all jumps at that time are in) or, with v∞ &gt; V_th,
/// at the analytic crossing t₀ + τm·ln((v∞ − v)/(v∞ − V_th)). After a spike at t_s, v is held at
/// V_reset and inputs arriving in (t_s, t_s + t_ref] are dropped.
/// </summary>
internal sealed class LifDeltaEventPopulation : EventPopulation
{
    private readonly double[] _v;
    private readonly bool[] _checkPending;
    private readonly double _tauM, _el, _vth, _vreset, _tref, _rm;

    public LifDeltaEventPopulation(PopulationState p, EventQueue queue, CrossingQueue crossings, int baseId) : base(p, queue, crossings, baseId)
    {
        var r = new Models.ParameterReader(p.Model, p.Spec.Parameters);
        _tauM = r["tau_m"]; _el = r["E_L"]; _vth = r["V_th"]; _vreset = r["V_reset"]; _tref = r["t_ref"]; _rm = r["R_m"];
        _v = (double[])p.Group.Variable("v").Clone();
        _checkPending = new bool[p.Size];
        Array.Fill(Drive, _el);
    }

    public override void Start(double t)
    {
        for (int i = 0; i < Size; i++)
        {
            Last[i] = t;
            if (_v[i] >= _vth) Queue.Push(new Event(t, EventKind.ThresholdCheck, Index, i));
            else Predict(i);
        }
    }

    private double VoltageAt(int i, double t)
    {
        double until = RefractoryUntil[i];
        if (t <= until) return _vreset;
        double from = Last[i], v = _v[i];
        if (until > from) { from = until; v = _vreset; }
        double vinf = Drive[i];
        return vinf + (v - vinf) * PortableMath.Exp(-(t - from) / _tauM);
    }

    /// <summary>Queues the crossing of the free relaxation towards a suprathreshold v∞ (nothing when v∞ ≤ V_th).</summary>
    private void Predict(int i)
    {
        double vinf = Drive[i];
        if (vinf <= _vth)
        {
            Crossings.Remove(BaseId + i);
            return;
        }
        double from = Math.Max(Last[i], RefractoryUntil[i]);
        double v = RefractoryUntil[i] >= Last[i] ? _vreset : _v[i];
        double s = v >= _vth ? 0 : _tauM * PortableMath.Log((vinf - v) / (vinf - _vth));
        Crossings.Set(BaseId + i, from + s);
    }

    public override void Receive(int i, int receptor, double w, double t) => Jump(i, w, t);

    public override void ReceiveRow(double t, int receptor, ReadOnlySpan<int> targets, ReadOnlySpan<float> weights)
    {
        for (int k = 0; k < targets.Length; k++) Jump(targets[k], weights[k], t);
    }

    private void Jump(int i, double w, double t)
    {
        if (t <= RefractoryUntil[i]) return; // dropped, as NEST does
        double v = VoltageAt(i, t) + w;
        _v[i] = v;
        Last[i] = t;
        if (v >= _vth)
        {
            Crossings.Remove(BaseId + i);
            if (!_checkPending[i])
            {
                _checkPending[i] = true;
                Queue.Push(new Event(t, EventKind.ThresholdCheck, Index, i));
            }
        }
        else if (Drive[i] > _vth) Predict(i);
    }

    public override void ChangeCurrent(int i, double deltaNa, double t)
    {
        _v[i] = VoltageAt(i, t);
        Last[i] = Math.Max(Last[i], t);
        Drive[i] += _rm * deltaNa;
        if (!_checkPending[i]) Predict(i);
    }

    public override bool OnThreshold(int i, double t, bool predicted)
    {
        if (!predicted)
        {
            _checkPending[i] = false;
            if (t <= RefractoryUntil[i] || _v[i] < _vth)
            {
                Predict(i);
                return false;
            }
        }
        _v[i] = _vreset;
        Last[i] = t;
        RefractoryUntil[i] = _tref > 0 ? t + _tref : double.NegativeInfinity;
        Predict(i);
        return true;
    }

    public override int VariableIndex(string name) => name == "v" ? 0 : throw new ArgumentException($"lif_delta has no state variable '{name}'");

    public override double StateAt(int variable, int i, double t) => VoltageAt(i, t);

    public override void WriteBack(double t)
    {
        var v = Population.Group.Variable("v");
        for (int i = 0; i < Size; i++) v[i] = VoltageAt(i, t);
    }
}
