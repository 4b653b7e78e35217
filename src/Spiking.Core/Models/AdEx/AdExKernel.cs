using Spiking.Numerics;
namespace Spiking.Models;

/// <summary>
/// One step of one adex neuron (<see cref="AdExModel"/>), the same code on every engine. State: X0 = v
/// (mV), X1 = w (nA), X2 = I_ex, X3 = I_in (nA). Within a step the ODE is integrated by classic
/// fourth-order Runge–Kutta with step-doubling error control (a step is taken when one step and two half
/// steps agree in v to <see cref="Tolerance"/>; else it is halved), the synaptic currents decaying
/// exactly. The exponential term makes v run away just below V_peak, so the steps shrink there by
/// themselves; a step that would carry v past V_peak is halved down to <see cref="MinStep"/>, the crossing
/// is located inside it by bisection, v is reset and w bumped there, and the rest of the step is
/// integrated from the reset. A spike inside a step therefore does not delay the next one (forward Euler
/// at dt = 0.01 ms drifts by 2.4 ms over 500 ms of tonic firing: benchmarks/compare/adex_reference.json).
/// Spikes are stamped at the end of their step, as every grid model's.
/// </summary>
internal readonly struct AdExKernel : INeuronKernel
{
    /// <summary>Largest disagreement in v (mV) between one RK4 step and two half steps for the step to be taken.</summary>
    public const double Tolerance = 1e-7;

    /// <summary>Smallest step (ms): a crossing of V_peak is bracketed to this before the bisection.</summary>
    public const double MinStep = 1e-6;

    /// <summary>Halvings of the last step to locate a crossing of V_peak inside it.</summary>
    private const int Bisections = 30;

    /// <summary>Most trial steps in one grid step; reached only by a state that no step size can follow (then the step ends where it is).</summary>
    private const int MaxTrials = 100_000;

    /// <summary>exp((v − V_T)/Δ_T) is evaluated at most at this argument: v far above V_peak only has to count as crossed, not overflow.</summary>
    private const double MaxExponent = 60;

    private readonly double _cInv, _gL, _el, _vt, _deltaT, _a, _tauWInv, _b, _vReset, _vPeak;
    private readonly double _dt, _tauExInv, _tauInInv, _pExStep, _pInStep, _wRefr;
    private readonly int _refSteps;

    /// <summary>Derives the per-dt constants from the parameters (units of <see cref="AdExModel.Parameters"/>).</summary>
    public AdExKernel(IReadOnlyDictionary<string, double> p, double dt)
    {
        _cInv = 1 / p["C_m"]; _gL = p["g_L"]; _el = p["E_L"]; _vt = p["V_T"]; _deltaT = p["Delta_T"];
        _a = p["a"]; _tauWInv = 1 / p["tau_w"]; _b = p["b"]; _vReset = p["V_reset"]; _vPeak = p["V_peak"];
        _tauExInv = 1 / p["tau_syn_ex"]; _tauInInv = 1 / p["tau_syn_in"];
        _dt = dt;
        _pExStep = PortableMath.Exp(-dt * _tauExInv); _pInStep = PortableMath.Exp(-dt * _tauInInv);
        _wRefr = PortableMath.Exp(-dt * _tauWInv);
        _refSteps = (int)Math.Round(p["t_ref"] / dt);
    }

    /// <inheritdoc/>
    public bool Step(ref NeuronState s, NeuronInput input)
    {
        double v = s.X0, w = s.X1, ie = s.X2 + input.Receptor0, ii = s.X3 + input.Receptor1, iext = input.Current;
        bool fired = false;
        if (s.Refractory > 0)
        {
            // Clamped at V_reset: w relaxes exactly towards a·(V_reset − E_L) (nA: nS·mV = pA, hence 1e-3).
            s.Refractory--;
            double wInf = 1e-3 * _a * (_vReset - _el);
            v = _vReset;
            w = wInf + (w - wInf) * _wRefr;
        }
        else
        {
            double t = 0, h = _dt, ieT = ie, iiT = ii;
            for (int trial = 0; trial < MaxTrials && t < _dt; trial++)
            {
                h = Math.Min(h, _dt - t);
                double v1 = v, w1 = w, v2 = v, w2 = w;
                Rk4(ref v1, ref w1, ieT, iiT, iext, h);
                Rk4(ref v2, ref w2, ieT, iiT, iext, 0.5 * h);
                Rk4(ref v2, ref w2, ieT * PortableMath.Exp(-0.5 * h * _tauExInv), iiT * PortableMath.Exp(-0.5 * h * _tauInInv), iext, 0.5 * h);
                bool crossed = !(v2 < _vPeak);
                double error = Math.Abs(v2 - v1);
                if ((crossed || !(error <= Tolerance)) && h > MinStep)
                {
                    h *= 0.5;
                    continue;
                }
                if (crossed && !fired)
                {
                    // Bracketed to at most MinStep: bisect for the first time v reaches V_peak, reset there.
                    double lo = 0, hi = h;
                    for (int j = 0; j < Bisections; j++)
                    {
                        double mid = 0.5 * (lo + hi), vm = v, wm = w;
                        Rk4(ref vm, ref wm, ieT, iiT, iext, mid);
                        if (vm < _vPeak) lo = mid; else hi = mid;
                    }
                    double vc = v, wc = w;
                    Rk4(ref vc, ref wc, ieT, iiT, iext, hi);
                    fired = true;
                    v = _vReset;
                    w = wc + _b;
                    t += hi;
                    ieT *= PortableMath.Exp(-hi * _tauExInv); iiT *= PortableMath.Exp(-hi * _tauInInv);
                    if (_refSteps > 0) break; // held at V_reset from here on
                    h = _dt;
                    continue;
                }
                v = v2; w = w2; t += h;
                ieT *= PortableMath.Exp(-h * _tauExInv); iiT *= PortableMath.Exp(-h * _tauInInv);
                if (error < Tolerance / 32) h *= 2;
            }
            if (fired)
            {
                s.Refractory = _refSteps;
                if (_refSteps > 0) v = _vReset;
            }
        }
        // The currents' decay over the whole step is exact and does not depend on the substeps taken.
        s.X0 = v; s.X1 = w; s.X2 = ie * _pExStep; s.X3 = ii * _pInStep;
        return fired;
    }

    /// <summary>One RK4 step of length h of (v, w) with synaptic currents ie, ii at its start decaying exactly.</summary>
    private void Rk4(ref double v, ref double w, double ie, double ii, double iext, double h)
    {
        double eMid = PortableMath.Exp(-0.5 * h * _tauExInv), iMid = PortableMath.Exp(-0.5 * h * _tauInInv);
        double i0 = ie + ii + iext, i1 = ie * eMid + ii * iMid + iext, i2 = ie * eMid * eMid + ii * iMid * iMid + iext;
        Derivatives(v, w, i0, out double dv1, out double dw1);
        Derivatives(v + 0.5 * h * dv1, w + 0.5 * h * dw1, i1, out double dv2, out double dw2);
        Derivatives(v + 0.5 * h * dv2, w + 0.5 * h * dw2, i1, out double dv3, out double dw3);
        Derivatives(v + h * dv3, w + h * dw3, i2, out double dv4, out double dw4);
        v += h / 6 * (dv1 + 2 * dv2 + 2 * dv3 + dv4);
        w += h / 6 * (dw1 + 2 * dw2 + 2 * dw3 + dw4);
    }

    /// <summary>
    /// dv/dt (mV/ms) and dw/dt (nA/ms) at (v, w) with total input current <paramref name="current"/> (nA):
    /// C dv/dt = −g_L(v − E_L) + g_L Δ_T exp((v − V_T)/Δ_T) − w + I, τ_w dw/dt = a(v − E_L) − w.
    /// Conductance × voltage is in pA (nS·mV), currents in nA: hence the factors 1000 and 1e-3.
    /// </summary>
    private void Derivatives(double v, double w, double current, out double dv, out double dw)
    {
        double x = (v - _vt) / _deltaT;
        double spike = _gL * _deltaT * PortableMath.Exp(x < MaxExponent ? x : MaxExponent);
        dv = (-_gL * (v - _el) + spike + 1000 * (current - w)) * _cInv;
        dw = (1e-3 * _a * (v - _el) - w) * _tauWInv;
    }
}
