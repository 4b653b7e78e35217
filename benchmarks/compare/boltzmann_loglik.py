#!/usr/bin/python3
"""Exact log-likelihood of bars and stripes 3x3 under the Boltzmann machines of a run of
models/boltzmann-learning.toml, from its weight snapshots, by enumerating all 2^12 states in NumPy
(independent of the C# test's enumeration in tests/Spiking.Tests/Attractor/BoltzmannLearningTests.cs).

    spiking run models/boltzmann-learning.toml --out bm-learning.h5
    /usr/bin/python3 benchmarks/compare/boltzmann_loglik.py bm-learning.h5

Units: 9 visible (row-major pixels), 3 hidden, the last a bias unit held at 1. E = -1/2 s'Ws.
"""
import itertools
import sys

import h5py
import numpy as np

VISIBLE, HIDDEN = 9, 3
UNITS = VISIBLE + HIDDEN + 1


def bars_and_stripes(n=3):
    images = []
    for orientation in range(2):
        for code in range(1 << n):
            image = np.array([[(code >> (r if orientation == 0 else c)) & 1 for c in range(n)] for r in range(n)]).ravel()
            if not any((image == x).all() for x in images):
                images.append(image)
    return images


def main(path):
    g = h5py.File(path, "r")["weights/weights"]
    pre, post, w, times = g["pre"][...].astype(int), g["post"][...].astype(int), g["w"][...], g["time"][...]
    states = np.array(list(itertools.product([0, 1], repeat=VISIBLE + HIDDEN)))[:, ::-1]  # column i = unit i
    s = np.hstack([states, np.ones((len(states), 1))])
    images = bars_and_stripes()
    print(f"{len(images)} images; optimum log(1/{len(images)}) = {np.log(1 / len(images)):.3f} nats per image")
    for k in range(w.shape[0]):
        m = np.zeros((UNITS, UNITS))
        m[post, pre] = w[k]
        assert np.allclose(m, m.T), "weights not symmetric"
        neg_e = 0.5 * np.einsum("si,ij,sj->s", s, m, s)
        log_z = np.logaddexp.reduce(neg_e)
        ll = [np.logaddexp.reduce(neg_e[(s[:, :VISIBLE] == image).all(axis=1)]) - log_z for image in images]
        print(f"t = {times[k]:8.0f} ms: log-likelihood {np.mean(ll):.3f} nats per image")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "bm-learning.h5")
