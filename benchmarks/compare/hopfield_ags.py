#!/usr/bin/python3
"""Retrieval overlap m(alpha) of the Hopfield network with Hebbian storage at T = 0, from the
replica-symmetric theory of Amit, Gutfreund & Sompolinsky (1985, 1987):

    m = erf(y),  y = m / sqrt(2 alpha r),  C = sqrt(2 / (pi alpha r)) exp(-y^2),  r = 1 / (1 - C)^2

solved by damped fixed-point iteration from m = 1. The retrieval solution exists up to alpha_c ~ 0.138
(m_c ~ 0.967); above it only m = 0 remains. Prints alpha, m (0 where no retrieval solution exists).
The simulated curve (examples/HopfieldCapacity) is compared with it in docs/attractors.md.
"""
import math


def retrieval_overlap(alpha, iterations=20000):
    m, r = 1.0, 1.0
    for _ in range(iterations):
        y = m / math.sqrt(2 * alpha * r)
        c = math.sqrt(2 / (math.pi * alpha * r)) * math.exp(-y * y)
        if c >= 1:
            return 0.0
        r_new = 1 / (1 - c) ** 2
        m_new = math.erf(y)
        m, r = 0.5 * m + 0.5 * m_new, 0.5 * r + 0.5 * r_new
        if m < 1e-3:
            return 0.0
    return m


if __name__ == "__main__":
    print("alpha\tm_AGS")
    for k in range(1, 13):
        a = 0.02 * k
        print(f"{a:.2f}\t{retrieval_overlap(a):.4f}")
    lo, hi = 0.10, 0.20
    for _ in range(40):
        mid = (lo + hi) / 2
        lo, hi = (mid, hi) if retrieval_overlap(mid) > 0.5 else (lo, mid)
    print(f"# alpha_c = {lo:.4f}, m(alpha_c) = {retrieval_overlap(lo - 1e-4):.3f}")
