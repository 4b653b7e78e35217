#!/usr/bin/env python3
"""Reference spike times of the adaptive exponential integrate-and-fire model (AdEx).

What it computes
----------------
Model (Brette & Gerstner 2005, J Neurophysiol 94:3637; Naud, Marcille, Clopath &
Gerstner 2008, Biol Cybern 99:335), units ms, mV, pF, nS, pA:

    C dV/dt   = -g_L (V - E_L) + g_L Delta_T exp((V - V_T)/Delta_T) - w + I
    tau_w dw/dt = a (V - E_L) - w
    when V reaches V_peak:  V <- V_r,  w <- w + b      (no refractory period)

V_peak = 0 mV.  Initial state V = E_L, w = 0; the step current I is on from t = 0
and stays on; 500 ms are simulated.  For four firing patterns (tonic, adapting,
initial burst, regular bursting) the script writes, into adex_reference.json beside
itself:

1. The reference solution: scipy.integrate.solve_ivp, method DOP853,
   rtol = 1e-10, atol = 1e-12, max_step = 0.5 ms, with a terminal event
   V - V_peak (direction +1); after each event the integration restarts from
   (V_r, w_event + b).  Spike times in ms, 6 decimals.  The exponential is
   evaluated as exp(min((V - V_T)/Delta_T, 50)); the clamp only acts above
   V_T + 100 mV = +50 mV, i.e. beyond V_peak, so it never changes the trajectory
   before an event; it only keeps rejected trial steps from overflowing.
   Checks, all recorded in the JSON under "ode_checks":
     * the same integration with rtol and atol halved (5e-11 / 5e-13);
     * an independent formulation that integrates in time only up to
       V = -30 mV (= V_T + 10 Delta_T) and from there to V_peak uses V as the
       independent variable (dt/dV = 1/(dV/dt), dw/dV = (dw/dt)/(dV/dt)), so the
       blow-up of V just below V_peak is never stepped through in time; run with
       DOP853 and with Radau at rtol 1e-10 / atol 1e-12 (the plain time-domain
       Radau fails with "Required step size is less than spacing between
       numbers" just below V_peak, which is why the check uses this form);
     * LSODA at rtol 1e-10 / atol 1e-12 (time domain, for information only: it
       is visibly less accurate than DOP853 at the same nominal tolerances).
   The script asserts that halving the tolerances and the V-domain DOP853 form
   each move no spike time by more than 1e-6 ms.
2. A discretised reference: forward Euler (both variables updated from the old
   state) at dt = 0.01 ms and dt = 0.001 ms, t_n = n dt computed from the step
   count; a spike is emitted at the first step whose new V >= V_peak, the spike
   time is that step's end time t_{n+1}, and V <- V_r, w <- w_{n+1} + b.  Per
   pattern: the Euler spike times, whether the spike count agrees with the ODE
   solution, and the largest |t_Euler,k - t_ODE,k| over the spikes both have.
3. If Brian2 imports (Debian python3-brian 2.5.1 was used), Brian2's runtime
   'numpy' target with method='euler', dt = 0.01 ms, threshold 'vm >= V_peak',
   reset 'vm = V_r; w += b'.  Brian2's SpikeMonitor records the time at the
   *start* of the step in which the threshold is crossed (t_n), so its raw times
   are one dt earlier than the convention above; the JSON gives both the raw
   times and raw + dt, and compares raw + dt with the ODE and with our Euler.

Source of the parameters
------------------------
Naud et al. 2008, Table 1 / Fig. 4, as transcribed in Brian2's example
examples/frompapers/Naud_et_al_2008_adex_firing_patterns.py (brian-team/brian2;
that file says "Parameters adapted by P. Mueller to match figures", and uses a
threshold of 0 mV).  All four sets below agree with that file value for value.
The paper's Table 1 itself could not be read here, so that the paper's table
and the Brian2 file agree is not independently confirmed.  (The "Neuronal
Dynamics" book, ch. 6, Table 6.1, uses a different parameterisation: R, tau_m and
65 pA steps, not these sets.)

How to run
----------
    /usr/bin/python3 benchmarks/compare/adex_reference.py
writes benchmarks/compare/adex_reference.json beside this script (about a minute;
add --no-brian2 to skip Brian2).  Needs numpy and scipy; Brian2 optional.

What the Euler comparison showed (max |dt_spike| vs the ODE solution, ms; spike
counts ODE / Euler dt=0.01 / Euler dt=0.001)
--------------------------------------------------------------------------------
  pattern            ODE  Euler 0.01   max|dt|   Euler 0.001  max|dt|   first-spike lag (0.01 / 0.001)
  tonic               51      51       2.3806 ms     51       0.30363 ms  0.0471 / 0.0051 ms
  adapting            10      10       0.3236 ms     10       0.04056 ms  0.0460 / 0.0050 ms
  initial_burst       10      10       0.3639 ms     10       0.04289 ms  0.0465 / 0.0055 ms
  regular_bursting     9       9       0.3889 ms      9       0.04489 ms  0.0520 / 0.0060 ms
Spike counts agree everywhere.  Euler spikes are late: the first spike by about
5 dt, and every ISI is lengthened by a similar amount, so the error grows with the
spike index (tonic: 51 spikes, 2.4 ms at the last one for dt = 0.01).  The error
shrinks with dt at about first order (ratio 7.8-8.7 for a tenfold smaller dt).
Brian2 2.5.1 (numpy target, euler, dt = 0.01 ms): raw times + dt equal our Euler
dt = 0.01 ms times to 6e-14 ms in all four patterns (same counts).
ODE checks: halving rtol/atol moved no spike by more than 3.7e-9 ms; the V-domain
forms (DOP853, Radau) agree with the reference to 1.6e-9 ms; LSODA at the same
tolerances is off by up to 6.1e-6 ms.
Patterns (ODE ISIs, ms): tonic 8.93, 9.09, 9.22 ... 9.585 (settles to a constant
ISI); adapting 11.27, 14.38, 19.61 ... 75.90 (ISIs lengthen); initial burst 3.42,
7.32, then 54.75 ... 63.95 (burst then regular); regular bursting 2.92, 5.12,
131.76, then doublets: 5.35 / 133.2 alternating (last ISI 5.35).
"""

import json
import math
import os
import sys
import time

import numpy as np
from scipy.integrate import solve_ivp

V_PEAK_MV = 0.0
DURATION_MS = 500.0
V_SWITCH_MV = -30.0  # V-domain check: switch from t to V as independent variable here

# name -> (C_pF, g_L_nS, E_L_mV, V_T_mV, Delta_T_mV, a_nS, tau_w_ms, b_pA, V_r_mV, I_pA)
PATTERNS = {
    "tonic": (200.0, 10.0, -70.0, -50.0, 2.0, 2.0, 30.0, 0.0, -58.0, 500.0),
    "adapting": (200.0, 12.0, -70.0, -50.0, 2.0, 2.0, 300.0, 60.0, -58.0, 500.0),
    "initial_burst": (130.0, 18.0, -58.0, -50.0, 2.0, 4.0, 150.0, 120.0, -50.0, 400.0),
    "regular_bursting": (200.0, 10.0, -58.0, -50.0, 2.0, 2.0, 120.0, 100.0, -46.0, 210.0),
}
KEYS = ("C", "gL", "EL", "VT", "DT", "a", "tw", "b", "Vr", "I")


def params(name):
    return dict(zip(KEYS, PATTERNS[name]))


def rhs_factory(p):
    C, gL, EL, VT, DT, a, tw, I = (p[k] for k in ("C", "gL", "EL", "VT", "DT", "a", "tw", "I"))

    def dV(V, w):
        return (-gL * (V - EL) + gL * DT * math.exp(min((V - VT) / DT, 50.0)) - w + I) / C

    def dw(V, w):
        return (a * (V - EL) - w) / tw

    return dV, dw


def ode_spikes(p, method="DOP853", rtol=1e-10, atol=1e-12, max_step=0.5):
    """Time-domain solve_ivp with terminal event V - V_peak, restarted after each reset."""
    dV, dw = rhs_factory(p)

    def f(t, y):
        return [dV(y[0], y[1]), dw(y[0], y[1])]

    def ev(t, y):
        return y[0] - V_PEAK_MV

    ev.terminal = True
    ev.direction = 1
    t0, y0, spikes, nfev = 0.0, [p["EL"], 0.0], [], 0
    while t0 < DURATION_MS:
        s = solve_ivp(f, (t0, DURATION_MS), y0, method=method, rtol=rtol, atol=atol,
                      events=ev, max_step=max_step)
        nfev += s.nfev
        if s.status == 1:
            te, ye = s.t_events[0][0], s.y_events[0][0]
            spikes.append(te)
            t0, y0 = te, [p["Vr"], ye[1] + p["b"]]
        elif s.status == 0:
            break
        else:
            raise RuntimeError(f"{method}: {s.message} at t={s.t[-1]}, y={s.y[:, -1]}")
    return np.array(spikes), nfev


def ode_spikes_vdomain(p, method="DOP853", rtol=1e-10, atol=1e-12, max_step=0.5):
    """Independent form: time domain up to V_SWITCH, then V as independent variable to V_peak."""
    dV, dw = rhs_factory(p)

    def f(t, y):
        return [dV(y[0], y[1]), dw(y[0], y[1])]

    def g(V, z):  # z = (t, w)
        v = dV(V, z[1])
        if v <= 0.0:
            raise RuntimeError("dV/dt <= 0 above V_SWITCH; V-domain form invalid")
        return [1.0 / v, dw(V, z[1]) / v]

    def ev(t, y):
        return y[0] - V_SWITCH_MV

    ev.terminal = True
    ev.direction = 1
    t0, y0, spikes = 0.0, [p["EL"], 0.0], []
    while t0 < DURATION_MS:
        if y0[0] >= V_SWITCH_MV:  # (not reached with these sets: V_r < V_SWITCH)
            ts, ws, Vs = t0, y0[1], y0[0]
        else:
            s = solve_ivp(f, (t0, DURATION_MS), y0, method=method, rtol=rtol, atol=atol,
                          events=ev, max_step=max_step)
            if s.status == 0:
                break
            if s.status != 1:
                raise RuntimeError(s.message)
            ts, ws, Vs = s.t_events[0][0], s.y_events[0][0][1], V_SWITCH_MV
        u = solve_ivp(g, (Vs, V_PEAK_MV), [ts, ws], method=method, rtol=rtol, atol=atol)
        if u.status != 0:
            raise RuntimeError(u.message)
        te, we = u.y[0, -1], u.y[1, -1]
        if te > DURATION_MS:
            break
        spikes.append(te)
        t0, y0 = te, [p["Vr"], we + p["b"]]
    return np.array(spikes)


def euler_spikes(p, dt):
    """Forward Euler; spike at the first step whose new V >= V_peak, time = step end."""
    C, gL, EL, VT, DT, a, tw, b, Vr, I = (p[k] for k in KEYS)
    n_steps = int(round(DURATION_MS / dt))
    V, w = EL, 0.0
    exp = math.exp
    spikes = []
    for n in range(n_steps):
        dVdt = (-gL * (V - EL) + gL * DT * exp((V - VT) / DT) - w + I) / C
        dwdt = (a * (V - EL) - w) / tw
        V = V + dt * dVdt
        w = w + dt * dwdt
        if V >= V_PEAK_MV:
            spikes.append((n + 1) * dt)
            V = Vr
            w = w + b
    return np.array(spikes)


def brian2_spikes(p, dt_ms):
    import brian2 as b2
    b2.prefs.codegen.target = "numpy"
    b2.start_scope()
    ns = dict(C=p["C"] * b2.pF, gL=p["gL"] * b2.nS, EL=p["EL"] * b2.mV, VT=p["VT"] * b2.mV,
              DT=p["DT"] * b2.mV, a=p["a"] * b2.nS, tw=p["tw"] * b2.ms, b=p["b"] * b2.pA,
              Vr=p["Vr"] * b2.mV, I=p["I"] * b2.pA, Vpeak=V_PEAK_MV * b2.mV)
    eqs = """
    dvm/dt = (-gL*(vm - EL) + gL*DT*exp((vm - VT)/DT) - w + I)/C : volt
    dw/dt = (a*(vm - EL) - w)/tw : amp
    """
    grp = b2.NeuronGroup(1, eqs, threshold="vm >= Vpeak", reset="vm = Vr; w += b",
                         method="euler", namespace=ns, dt=dt_ms * b2.ms)
    grp.vm = ns["EL"]
    grp.w = 0 * b2.pA
    mon = b2.SpikeMonitor(grp)
    net = b2.Network(grp, mon)
    net.run(DURATION_MS * b2.ms, namespace=ns)
    return np.asarray(mon.t / b2.ms, dtype=float), b2.__version__


def compare(ref, other):
    n = min(len(ref), len(other))
    d = np.abs(np.asarray(other[:n]) - np.asarray(ref[:n])) if n else np.array([0.0])
    return {
        "spike_count": int(len(other)),
        "counts_agree": bool(len(other) == len(ref)),
        "max_abs_dt_ms": float(d.max()),
        "mean_abs_dt_ms": float(d.mean()),
        "compared_spikes": int(n),
    }


def r6(x):
    return [round(float(v), 6) for v in x]


def main():
    use_brian2 = "--no-brian2" not in sys.argv
    here = os.path.dirname(os.path.abspath(__file__))
    out = {
        "description": "AdEx (Brette & Gerstner 2005) firing patterns, parameter sets of Naud et al. 2008 "
                       "(Biol Cybern 99:335, Table 1 / Fig. 4) as in Brian2's example "
                       "examples/frompapers/Naud_et_al_2008_adex_firing_patterns.py. Written by "
                       "benchmarks/compare/adex_reference.py; see its docstring.",
        "model": {
            "equations": ["C dV/dt = -g_L (V - E_L) + g_L Delta_T exp((V - V_T)/Delta_T) - w + I",
                          "tau_w dw/dt = a (V - E_L) - w",
                          "when V reaches V_peak: V <- V_r, w <- w + b (no refractory period)"],
            "units": "ms, mV, pF, nS, pA (nA, nF, uS duplicates given for nA-based code)",
            "initial_state": "V = E_L, w = 0 pA; step current I on from t = 0 to the end",
            "V_peak_mV": V_PEAK_MV,
            "duration_ms": DURATION_MS,
        },
        "methods": {
            "ode": "scipy.integrate.solve_ivp DOP853, rtol 1e-10, atol 1e-12, max_step 0.5 ms, terminal "
                   "event V - V_peak (direction +1), restart from (V_r, w + b) after each event",
            "euler": "forward Euler, t_n = n*dt; spike at first step with V_{n+1} >= V_peak, spike time "
                     "t_{n+1} (step end); then V <- V_r, w <- w_{n+1} + b",
            "brian2": "Brian2 runtime numpy target, method='euler', threshold 'vm >= V_peak', reset "
                      "'vm = V_r; w += b'; SpikeMonitor times are step starts t_n, so "
                      "spike_times_plus_dt_ms = raw + dt is the step-end convention",
            "comparison": "max_abs_dt_ms = max_k |t_k(other) - t_k(ODE)| over the first "
                          "min(count_other, count_ODE) spikes; counts_agree says whether counts match",
        },
        "software": {"numpy": np.__version__, "scipy": __import__("scipy").__version__,
                     "python": sys.version.split()[0]},
        "patterns": {},
    }
    summary = []
    for name in PATTERNS:
        p = params(name)
        t_start = time.time()
        ref, nfev = ode_spikes(p)
        half, _ = ode_spikes(p, rtol=5e-11, atol=5e-13)
        vdom = ode_spikes_vdomain(p, "DOP853")
        vdom_radau = ode_spikes_vdomain(p, "Radau")
        lsoda, _ = ode_spikes(p, method="LSODA")
        checks = {
            "halved_tolerances_DOP853": compare(ref, half),
            "V_domain_DOP853": compare(ref, vdom),
            "V_domain_Radau": compare(ref, vdom_radau),
            "LSODA_time_domain": compare(ref, lsoda),
        }
        for k in ("halved_tolerances_DOP853", "V_domain_DOP853"):
            c = checks[k]
            assert c["counts_agree"] and c["max_abs_dt_ms"] <= 1e-6, (name, k, c)
        isi = np.diff(ref)
        pat = {
            "C_pF": p["C"], "C_nF": p["C"] / 1000.0,
            "g_L_nS": p["gL"], "g_L_uS": p["gL"] / 1000.0,
            "E_L_mV": p["EL"], "V_T_mV": p["VT"], "Delta_T_mV": p["DT"],
            "a_nS": p["a"], "a_uS": p["a"] / 1000.0,
            "tau_w_ms": p["tw"],
            "b_pA": p["b"], "b_nA": p["b"] / 1000.0,
            "V_r_mV": p["Vr"],
            "I_pA": p["I"], "I_nA": p["I"] / 1000.0,
            "V_peak_mV": V_PEAK_MV,
            "refractory_ms": 0.0,
            "V0_mV": p["EL"], "w0_pA": 0.0, "w0_nA": 0.0,
            "duration_ms": DURATION_MS,
            "ode_spike_count": int(len(ref)),
            "ode_spike_times_ms": r6(ref),
            "isi_first3_ms": r6(isi[:3]),
            "isi_last_ms": round(float(isi[-1]), 6),
            "isi_min_ms": round(float(isi.min()), 6),
            "isi_max_ms": round(float(isi.max()), 6),
            "ode_checks": checks,
            "ode_rhs_evaluations": int(nfev),
            "euler": {},
        }
        for dt in (0.01, 0.001):
            e = euler_spikes(p, dt)
            c = compare(ref, e)
            c["dt_ms"] = dt
            c["spike_times_ms"] = r6(e)
            pat["euler"][f"dt_{dt:g}ms"] = c
        line = (f"  {name:17s} ODE {len(ref):3d}; Euler dt=0.01: n={pat['euler']['dt_0.01ms']['spike_count']}, "
                f"max|dt|={pat['euler']['dt_0.01ms']['max_abs_dt_ms']:.4f}; "
                f"dt=0.001: n={pat['euler']['dt_0.001ms']['spike_count']}, "
                f"max|dt|={pat['euler']['dt_0.001ms']['max_abs_dt_ms']:.5f}")
        if use_brian2:
            try:
                braw, bver = brian2_spikes(p, 0.01)
                shifted = braw + 0.01
                cb = compare(ref, shifted)
                cb.update({
                    "brian2_version": bver, "dt_ms": 0.01, "target": "numpy", "method": "euler",
                    "spike_times_raw_ms": r6(braw),
                    "spike_times_plus_dt_ms": r6(shifted),
                    "vs_our_euler_dt_0.01": compare(pat["euler"]["dt_0.01ms"]["spike_times_ms"], shifted),
                })
                pat["brian2_euler_dt_0.01ms"] = cb
                line += f"; Brian2 (t+dt) n={cb['spike_count']}, max|dt|={cb['max_abs_dt_ms']:.4f}"
            except ImportError:
                pat["brian2_euler_dt_0.01ms"] = None
                use_brian2 = False
        out["patterns"][name] = pat
        summary.append(line)
        print(line, f"({time.time() - t_start:.1f} s)", flush=True)
        print(f"    ISIs first3 {pat['isi_first3_ms']} last {pat['isi_last_ms']}; checks: "
              + ", ".join(f"{k} {v['max_abs_dt_ms']:.2e}" for k, v in checks.items()), flush=True)
    path = os.path.join(here, "adex_reference.json")
    with open(path, "w") as fh:
        json.dump(out, fh, indent=1)
        fh.write("\n")
    print("wrote", path)


if __name__ == "__main__":
    main()
