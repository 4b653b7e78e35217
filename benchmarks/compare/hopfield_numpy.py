#!/usr/bin/python3
"""Asynchronous Hopfield updates in NumPy, the peer of `examples/HopfieldCapacity speed`.

N units (default 10,000), P = 0.05 N random +-1 patterns, dense float32 W = (1/N) Xi^T Xi with zero
diagonal, start from pattern 0 with 25 % of the units flipped, sweeps of N single-unit updates in a
random order. Two implementations, both written from the equations:
  naive:       h_i = W[i] . s for every update (N^2 work per sweep, what a textbook loop does);
  incremental: keep h = W s and add 2 s_i W[:, i] when unit i flips (N per flip; W symmetric).
Prints single-unit updates per second for each (one run; the machine's other load is not controlled),
and the final overlap. Usage: hopfield_numpy.py [N] [sweeps]
"""
import sys
import time

import numpy as np

n = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
sweeps = int(sys.argv[2]) if len(sys.argv) > 2 else 2
p = int(0.05 * n)
rng = np.random.default_rng(1)
t0 = time.perf_counter()
xi = rng.choice(np.array([-1, 1], dtype=np.float32), size=(p, n))
w = (xi.T @ xi) / np.float32(n)
np.fill_diagonal(w, 0)
build = time.perf_counter() - t0


def cue():
    s = xi[0].copy()
    flip = rng.permutation(n)[: n // 4]
    s[flip] *= -1
    return s


def naive(s, count):
    for _ in range(count):
        for i in rng.permutation(n):
            h = w[i] @ s
            if h > 0:
                s[i] = 1
            elif h < 0:
                s[i] = -1
    return s


def incremental(s, count):
    h = w @ s
    for _ in range(count):
        for i in rng.permutation(n):
            hi = h[i]
            new = 1.0 if hi > 0 else (-1.0 if hi < 0 else s[i])
            if new != s[i]:
                h += (new - s[i]) * w[:, i]  # W symmetric: column i = row i
                s[i] = new
    return s


print(f"N = {n}, P = {p}, build {build:.1f} s, numpy {np.__version__}")
for name, f, count in (("naive", naive, 1), ("incremental", incremental, sweeps)):
    s = cue()
    t0 = time.perf_counter()
    s = f(s, count)
    dt = time.perf_counter() - t0
    print(f"{name}: {count} sweeps in {dt:.2f} s = {count * n / dt:.3e} updates/s, m = {float(xi[0] @ s) / n:.4f}")
