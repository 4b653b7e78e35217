#!/usr/bin/env python3
"""Reference spike times of one lif_cuba neuron driven by given input spike times (exact).

Used by tests/Spiking.Tests/EventDriven/EventSingleNeuronTests.cs. Independent of the C# code:
the membrane is evaluated in closed form with mpmath at 50 digits, and each threshold crossing is
found by scanning every inter-event interval on a fine grid and bisecting the sign change to 1e-30 ms.

Model (Brette et al. 2007 benchmark 2; Rotter & Diesmann 1999 for the solution):
    tau_m dv/dt = -(v - v_inf) + I_ex + I_in,   v_inf = E_L + R_m I_ext
    tau_x dI_x/dt = -I_x;  an input spike of weight w makes I_x jump by w (mV)
    v >= V_th -> spike, v <- V_reset held for t_ref (currents keep decaying)
Between events, with s the time since the last one:
    v(s) = v_inf + (v0 - v_inf) e^{-s/tau_m} + sum_x I_x tau_x/(tau_x - tau_m) (e^{-s/tau_x} - e^{-s/tau_m})

Run: /usr/bin/python3 benchmarks/compare/lif_cuba_exact_spikes.py
"""
import mpmath as mp

mp.mp.dps = 50

TAU_M, TAU_EX, TAU_IN = mp.mpf(20), mp.mpf(5), mp.mpf(10)
E_L, V_TH, V_RESET, T_REF, R_M = mp.mpf(-70), mp.mpf(-50), mp.mpf(-60), mp.mpf(2), mp.mpf(100)
I_EXT = mp.mpf("0.19")  # nA from t = 0: v_inf = -51 mV, just below threshold
W_EX, W_IN = mp.mpf(16), mp.mpf(-6)
EX_TIMES = ["1.0", "1.5", "2.25", "3.0", "4.1", "9.0", "9.3", "9.35", "10.5", "15.0", "15.2", "22.7", "23.0", "23.1", "23.4", "26.0", "26.5", "40.0", "40.05", "40.1", "50.0", "50.3", "50.6"]
IN_TIMES = ["3.5", "9.5", "23.05", "40.02"]
DURATION = mp.mpf(60)


def state_at(v, ie, ii, s, v_inf):
    em, ee, ei = mp.exp(-s / TAU_M), mp.exp(-s / TAU_EX), mp.exp(-s / TAU_IN)
    vn = v_inf + (v - v_inf) * em + ie * TAU_EX / (TAU_EX - TAU_M) * (ee - em) + ii * TAU_IN / (TAU_IN - TAU_M) * (ei - em)
    return vn, ie * ee, ii * ei


def main():
    v_inf = E_L + R_M * I_EXT
    events = sorted([(mp.mpf(t), W_EX, 0) for t in EX_TIMES] + [(mp.mpf(t), W_IN, 1) for t in IN_TIMES], key=lambda e: e[0])
    events.append((DURATION, 0, 0))
    t, v, ie, ii = mp.mpf(0), E_L, mp.mpf(0), mp.mpf(0)
    ref_until = mp.mpf(-1)
    spikes = []
    for (te, w, rec) in events:
        while t < te:
            if ref_until > t:  # refractory: v held, currents decay
                h = min(te, ref_until) - t
                _, ie, ii = state_at(v, ie, ii, h, v_inf)
                v, t = V_RESET, t + h
                continue
            # free evolution on [t, te]: look for the first crossing on a fine grid, then bisect
            n = 4000
            prev_s = mp.mpf(0)
            found = None
            for k in range(1, n + 1):
                s = (te - t) * k / n
                if state_at(v, ie, ii, s, v_inf)[0] >= V_TH:
                    lo, hi = prev_s, s
                    while hi - lo > mp.mpf("1e-30"):
                        mid = (lo + hi) / 2
                        if state_at(v, ie, ii, mid, v_inf)[0] >= V_TH:
                            hi = mid
                        else:
                            lo = mid
                    found = hi
                    break
                prev_s = s
            if found is None:
                v, ie, ii = state_at(v, ie, ii, te - t, v_inf)
                t = te
            else:
                _, ie, ii = state_at(v, ie, ii, found, v_inf)
                t = t + found
                spikes.append(t)
                v, ref_until = V_RESET, t + T_REF
        if rec == 0:
            ie += w
        else:
            ii += w
    for s in spikes:
        print(mp.nstr(s, 20))


if __name__ == "__main__":
    main()
