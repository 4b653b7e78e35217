#!/usr/bin/env python3
"""Reference weight changes of the triplet STDP rule (Pfister & Gerstner 2006, eq. 3-4) under the
Sjostrom et al. 2001 pairing protocol: 60 pairs at frequency rho, post spike dt_pair after (or before)
the pre spike. Event-driven, exact exponentials, plain Python (no numpy), independent of the C# code.

Conventions (as in docs/plasticity.md): at a pre spike, w -= o1*(A2m + A3m*r2) with r2 read before
its own jump; at a post spike, w += r1*(A2p + A3p*o2) with o2 read before its jump; then the traces
jump by 1 (all-to-all) or to 1 (nearest-spike).

Prints the values pasted into TripletStdpTests.cs.
"""
import math

# Visual cortex parameter sets (Pfister & Gerstner 2006, Table 4), as used in the tests.
ALL = dict(tau_plus=16.8, tau_minus=33.7, tau_x=101.0, tau_y=125.0, A2p=5e-10, A3p=6.2e-3, A2m=7e-3, A3m=2.3e-4)
ALL_MINIMAL = dict(tau_plus=16.8, tau_minus=33.7, tau_x=101.0, tau_y=125.0, A2p=0.0, A3p=6.5e-3, A2m=7.1e-3, A3m=0.0)
NEAREST = dict(tau_plus=16.8, tau_minus=33.7, tau_x=714.0, tau_y=40.0, A2p=8.8e-11, A3p=5.3e-2, A2m=6.6e-3, A3m=3.1e-3)


def dw(p, rho, dt_pair, nearest, pairs=60, t0=100.0):
    period = 1000.0 / rho
    events = []
    for k in range(pairs):
        t_pre = t0 + k * period
        events.append((t_pre, 'pre'))
        events.append((t_pre + dt_pair, 'post'))
    events.sort()
    r1 = r2 = o1 = o2 = 0.0
    last = 0.0
    w = 0.0
    for t, kind in events:
        h = t - last
        last = t
        r1 *= math.exp(-h / p['tau_plus']); r2 *= math.exp(-h / p['tau_x'])
        o1 *= math.exp(-h / p['tau_minus']); o2 *= math.exp(-h / p['tau_y'])
        if kind == 'pre':
            w -= o1 * (p['A2m'] + p['A3m'] * r2)
            r1 = 1.0 if nearest else r1 + 1.0
            r2 = 1.0 if nearest else r2 + 1.0
        else:
            w += r1 * (p['A2p'] + p['A3p'] * o2)
            o1 = 1.0 if nearest else o1 + 1.0
            o2 = 1.0 if nearest else o2 + 1.0
    return w


if __name__ == '__main__':
    for name, p, nearest in (("all", ALL, False), ("all_minimal", ALL_MINIMAL, False), ("nearest", NEAREST, True)):
        for rho in (0.1, 10.0, 20.0, 40.0, 50.0):
            print(f'[InlineData("{name}", {rho}, {dw(p, rho, 10.0, nearest)!r}, {dw(p, rho, -10.0, nearest)!r})]')
