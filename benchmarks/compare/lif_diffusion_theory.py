#!/usr/bin/python3
"""Analytic reference values for LIF neurons driven by noisy input (diffusion approximation).

Rate (Siegert / Ricciardi; Brunel & Hakim 1999, Neural Comput 11:1621, eq. 21; Brunel 2000,
J Comput Neurosci 8:183, eq. 21):
    1/nu = t_ref + tau * sqrt(pi) * integral_{(V_r-mu)/sigma}^{(theta-mu)/sigma} e^{u^2} (1 + erf u) du
CV of the inter-spike intervals (Brunel 2000, eq. A.?; Tuckwell 1988):
    CV^2 = 2 pi (nu tau)^2 integral_{y_r}^{y_theta} e^{x^2} integral_{-inf}^{x} e^{y^2} (1 + erf y)^2 dy dx
Brunel 2000 model A mean field: mu = J C_E tau (nu_ext + nu (1 - g gamma)),
sigma^2 = J^2 C_E tau (nu_ext + nu (1 + g^2 gamma)), solved for nu by fixed-point iteration.

Run with Debian's Python: /usr/bin/python3 benchmarks/compare/lif_diffusion_theory.py
The numbers it prints are the references in tests/Spiking.Tests/Core/DiffusionTheoryTests.cs.
"""
from math import pi, sqrt

import numpy as np
from scipy.special import erfcx  # erfcx(-u) = e^{u^2} (1 + erf u), without overflow

TAU, T_REF, THETA, V_R = 20e-3, 2e-3, 20.0, 10.0      # s, s, mV, mV (Brunel 2000)
J, C_E, GAMMA = 0.1, 1000, 0.25                      # mV, inputs, C_I / C_E


def rate(mu, sigma):
    y = np.linspace((V_R - mu) / sigma, (THETA - mu) / sigma, 20001)
    return 1.0 / (T_REF + TAU * sqrt(pi) * np.trapz(erfcx(-y), y))


def cv(mu, sigma):
    nu = rate(mu, sigma)
    xs = np.linspace((V_R - mu) / sigma, (THETA - mu) / sigma, 1201)
    inner = []
    for x in xs:
        ys = np.linspace(-20.0, x, 6001)
        inner.append(np.trapz(np.exp(x * x - ys * ys) * erfcx(-ys) ** 2, ys))
    return sqrt(2 * pi * (nu * TAU) ** 2 * np.trapz(inner, xs))


def brunel(g, eta):
    nu_ext = eta * THETA / (J * C_E * TAU)
    nu = 10.0
    for _ in range(5000):
        mu = J * C_E * TAU * (nu_ext + nu * (1 - g * GAMMA))
        sigma = sqrt(J * J * C_E * TAU * (nu_ext + nu * (1 + g * g * GAMMA)))
        nu = 0.95 * nu + 0.05 * rate(mu, sigma)
    return nu, mu, sigma


if __name__ == "__main__":
    # Feed-forward check: excitatory Poisson input 27917 Hz x 0.1 mV and inhibitory 3883 Hz x -0.5 mV
    # give mu = tau (0.1*27917 - 0.5*3883) = 17.0 mV and sigma^2 = tau (0.01*27917 + 0.25*3883) = 25 mV^2.
    re, ri = 27917.0, 3883.0
    mu = TAU * (0.1 * re - 0.5 * ri)
    sigma = sqrt(TAU * (0.01 * re + 0.25 * ri))
    print(f"feedforward: mu {mu:.3f} mV sigma {sigma:.3f} mV rate {rate(mu, sigma):.3f} Hz CV {cv(mu, sigma):.4f}")
    for g, eta in [(5, 2), (3, 2)]:
        nu, mu, sigma = brunel(g, eta)
        print(f"brunel g {g} eta {eta}: rate {nu:.3f} Hz mu {mu:.3f} mV sigma {sigma:.3f} mV CV {cv(mu, sigma):.4f}")
