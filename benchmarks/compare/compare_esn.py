#!/usr/bin/env python3
"""Echo state network, one step: Spiking's rate mode vs NumPy (and SciPy sparse) side by side.

The network of models/esn-mackey-glass.toml scaled to N units (default 1000) with 10 % recurrent
connectivity: x <- (1 - a) x + a tanh(W_in u + W x), leak a = 0.3, spectral radius 1.25, driven by
the Mackey-Glass series. Spiking runs the model file (no readout, no monitors) and reports the
loop's wall time from its HDF5 output; the Python side runs the same update with
  - NumPy, dense W (the plain NumPy implementation), and
  - SciPy's CSR sparse W (what ReservoirPy uses), when python3-scipy is installed.
Prints ns per step (median of --repeats runs) and NumPy time / Spiking time.

Usage:  /usr/bin/python3 benchmarks/compare/compare_esn.py [--units 1000] [--steps 20000] [--repeats 3]
"""
import argparse
import os
import re
import subprocess
import sys
import tempfile
import time

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import compare_cpu  # noqa: E402  (publishing Spiking, the repository root)


def model_text(units, steps, connectivity):
    with open(os.path.join(compare_cpu.REPO, "models", "esn-mackey-glass.toml")) as f:
        text = f.read()
    text = text[:text.index("[[readouts]]")]
    text, k1 = re.subn(r"^size = 100$", "size = %d" % units, text, flags=re.M)
    text, k2 = re.subn(r'^duration = "2000 ms"', 'duration = "%d ms"' % steps, text, flags=re.M)
    text, k3 = re.subn(r"p = 0\.1 \}", "p = %r }" % connectivity, text)
    if (k1, k2, k3) != (1, 1, 1):
        sys.exit("models/esn-mackey-glass.toml changed: cannot scale it (%d %d %d)" % (k1, k2, k3))
    return text


def run_spiking(exe, model, out):
    r = subprocess.run([exe, "run", model, "--out", out, "--quiet"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    if r.returncode != 0:
        sys.exit("spiking failed:\n" + r.stdout)
    import h5py
    with h5py.File(out, "r") as f:
        wall = float(f.attrs["wall_time_s"])
        steps = int(f.attrs["steps"])
    os.remove(out)
    return wall / steps


def mackey_glass(steps):
    # The series only drives the network; its exact values do not change the cost.
    x = np.full(steps + 18, 1.2)
    for k in range(17, steps + 17):
        x[k + 1] = x[k] + 0.2 * x[k - 17] / (1 + x[k - 17] ** 10) - 0.1 * x[k]
    x = x[18:]
    return 2 * (x - x.min()) / (x.max() - x.min()) - 1


def numpy_esn(units, steps, connectivity, sparse):
    rng = np.random.default_rng(42)
    w = rng.normal(size=(units, units)) * (rng.random((units, units)) < connectivity)
    w *= 1.25 / np.max(np.abs(np.linalg.eigvals(w)))
    w_in = rng.uniform(-1, 1, size=units)
    if sparse:
        import scipy.sparse
        w = scipy.sparse.csr_matrix(w)
    u = mackey_glass(steps)
    x = np.zeros(units)
    a = 0.3
    t0 = time.perf_counter()
    for k in range(steps):
        x = (1 - a) * x + a * np.tanh(w_in * u[k] + w @ x)
    return (time.perf_counter() - t0) / steps


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--units", type=int, default=1000)
    ap.add_argument("--steps", type=int, default=20000)
    ap.add_argument("--connectivity", type=float, default=0.1)
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--spiking", help="use this spiking executable instead of publishing one")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="esn-compare-") as tmp:
        exe = args.spiking or compare_cpu.build_spiking(tmp)
        model = os.path.join(tmp, "esn.toml")
        with open(model, "w") as f:
            f.write(model_text(args.units, args.steps, args.connectivity))
        rows = []
        spiking = sorted(run_spiking(exe, model, os.path.join(tmp, "esn.h5")) for _ in range(args.repeats))
        rows.append(("Spiking (rate mode, 1 thread)", spiking))
        py_steps = max(200, args.steps // 10)
        rows.append(("NumPy, dense W", sorted(numpy_esn(args.units, py_steps, args.connectivity, False) for _ in range(args.repeats))))
        try:
            import scipy.sparse  # noqa: F401
            rows.append(("SciPy CSR W (as ReservoirPy)", sorted(numpy_esn(args.units, py_steps, args.connectivity, True) for _ in range(args.repeats))))
        except ImportError:
            print("(python3-scipy not installed: no sparse row)")
    base = spiking[len(spiking) // 2]
    print("ESN, %d units, %g connectivity, one step (median of %d; Python: %d steps per run)"
          % (args.units, args.connectivity, args.repeats, py_steps))
    print("%-32s %14s %14s %12s" % ("implementation", "ns/step (min)", "ns/step (med)", "vs Spiking"))
    for name, t in rows:
        med = t[len(t) // 2]
        print("%-32s %14.0f %14.0f %12s" % (name, t[0] * 1e9, med * 1e9, "" if t is spiking else "%.2fx" % (med / base)))


if __name__ == "__main__":
    main()
