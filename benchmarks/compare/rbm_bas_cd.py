#!/usr/bin/python3
"""Restricted Boltzmann machine on bars and stripes 3x3, trained with CD-1 and PCD-1 in NumPy, written
from the equations (Hinton 2002; Tieleman 2008), as the peer of the boltzmann_learning rule
(method = "cd" / "pcd") in tests/Spiking.Tests/Attractor/RbmTests.cs.

Same setup as the test: 9 visible, 8 hidden 0/1 units, biases a (visible) and b (hidden), all weights 0
at the start; full batch of the 14 images per epoch; the positive phase samples h ~ p(h|v = data), the
negative phase runs k = 1 alternating Gibbs step v ~ p(v|h), h ~ p(h|v) from that h (CD) or from each
image's persistent chain (PCD); statistics from samples (not probabilities), as the kernel's units give
samples; dW = eta (<v h>_data - <v h>_model) averaged over the images, likewise for a and b.
The exact log-likelihood per image uses the free energy F(v) = -a.v - sum_j log(1 + exp(b_j + W_j.v))
over all 2^9 visible states. Prints, per method, the mean and spread over seeds after each 500 epochs,
and writes rbm_bas_cd.json beside this script.
"""
import json
import os

import numpy as np

V, H, EPOCHS, SEEDS = 9, 8, 2000, 8
ETA = {"cd": 0.5, "pcd": 0.1}  # PCD with k = 1 diverges at 0.5 (its chains lag the weights)


def bars_and_stripes(n=3):
    images = []
    for orientation in range(2):
        for code in range(1 << n):
            image = np.array([[(code >> (r if orientation == 0 else c)) & 1 for c in range(n)] for r in range(n)]).ravel()
            if not any((image == x).all() for x in images):
                images.append(image)
    return np.array(images, dtype=float)


ALL_V = np.array([[(k >> i) & 1 for i in range(V)] for k in range(1 << V)], dtype=float)


def log_likelihood(w, a, b, data):
    def minus_f(v):
        return v @ a + np.logaddexp(0, v @ w + b).sum(axis=1)
    log_z = np.logaddexp.reduce(minus_f(ALL_V))
    return float(np.mean(minus_f(data) - log_z))


def train(method, seed, data):
    rng = np.random.default_rng(seed)
    sigmoid = lambda x: 1 / (1 + np.exp(-x))
    w, a, b = np.zeros((V, H)), np.zeros(V), np.zeros(H)
    chains = np.zeros((len(data), H))
    curve = []
    for epoch in range(1, EPOCHS + 1):
        h0 = (rng.random((len(data), H)) < sigmoid(data @ w + b)).astype(float)
        start = chains if method == "pcd" else h0
        v1 = (rng.random((len(data), V)) < sigmoid(start @ w.T + a)).astype(float)
        h1 = (rng.random((len(data), H)) < sigmoid(v1 @ w + b)).astype(float)
        if method == "pcd":
            chains = h1
        n = len(data)
        eta = ETA[method]
        w += eta * (data.T @ h0 - v1.T @ h1) / n
        a += eta * (data - v1).mean(axis=0)
        b += eta * (h0 - h1).mean(axis=0)
        if epoch % 500 == 0:
            curve.append(log_likelihood(w, a, b, data))
    return curve


if __name__ == "__main__":
    data = bars_and_stripes()
    result = {"visible": V, "hidden": H, "eta": ETA, "epochs": EPOCHS, "seeds": SEEDS, "optimum": float(np.log(1 / len(data)))}
    for method in ("cd", "pcd"):
        curves = np.array([train(method, seed, data) for seed in range(SEEDS)])
        result[method] = {"epochs": list(range(500, EPOCHS + 1, 500)), "mean": curves.mean(axis=0).tolist(),
                          "min": curves.min(axis=0).tolist(), "max": curves.max(axis=0).tolist()}
        print(method, "mean log-likelihood per image after 500, 1000, 1500, 2000 epochs:",
              np.round(curves.mean(axis=0), 3), "range at the end", np.round(curves[:, -1].min(), 3), np.round(curves[:, -1].max(), 3))
    print("optimum log(1/14) =", round(result["optimum"], 3))
    with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "rbm_bas_cd.json"), "w") as f:
        json.dump(result, f, indent=1)
