#!/usr/bin/python3
"""Reference statistics from Brian2 for the CUBA and COBA benchmark networks.

Produces ``brian2_reference.json`` next to this script; the C# tests assert
that Spiking's excitatory firing rate and ISI CV fall within (a tolerance of)
the range Brian2 produces over several seeds.

Models (parameters must match the C# model files exactly):

* CUBA -- Brette et al. (2007), "Simulation of networks of spiking neurons:
  a review of tools and strategies", J Comput Neurosci 23:349-398,
  benchmark 2 (current-based LIF), in the form of Brian2's own
  ``examples/CUBA.py``.
* COBA -- Brette et al. (2007), benchmark 1 (conductance-based LIF):
  Cm = 200 pF, gL = 10 nS (taum = 20 ms), El = Vr = -60 mV, Vt = -50 mV,
  Ee = 0 mV, Ei = -80 mV, taue = 5 ms, taui = 10 ms, we = 6 nS, wi = 67 nS,
  refractory 5 ms; initial ge/gi drawn as in the benchmark's reference
  Brian script.

Both networks: 4000 neurons in one NeuronGroup (0..3199 excitatory,
3200..3999 inhibitory), random connectivity p = 0.02 (autapses allowed),
no synaptic delay, dt = 0.1 ms, 1100 ms simulated. Statistics are computed
over the excitatory population in the window [100 ms, 1100 ms):

* rate_hz: excitatory spikes in the window / (3200 * 1.0 s)
* cv: mean over excitatory neurons with >= 3 spikes in the window of
  std(ISI, ddof=0) / mean(ISI), ISIs taken between consecutive spikes
  inside the window.

Runs with Brian2's cpp_standalone device (single thread). All runs of one
model reuse the same build directory so only the first run compiles
everything; later seeds only recompile the changed ``main.cpp``.

Usage (Debian's Brian2 2.5.1 lives under /usr/bin/python3):

    /usr/bin/python3 benchmarks/compare/brian2_reference.py
    /usr/bin/python3 benchmarks/compare/brian2_reference.py --seeds 3 --models cuba
"""

import argparse
import json
import os
import shutil
import sys
import tempfile
import time
import warnings

warnings.filterwarnings("ignore", category=FutureWarning)  # noisy numpy/pythran warnings

import numpy as np
import brian2
import brette2007  # the model definitions, shared with compare_cpu.py
from brian2 import (NeuronGroup, Synapses, SpikeMonitor, Network, defaultclock,
                    device, set_device, seed, prefs, ms, mV, pF, nS, second)

N_TOTAL = 4000
N_EXC = 3200
T_SIM = 1100 * ms
WINDOW_MS = (100.0, 1100.0)
DT = 0.1 * ms
P_CONNECT = 0.02

HERE = os.path.dirname(os.path.abspath(__file__))
OUT_JSON = os.path.join(HERE, "brian2_reference.json")


MODELS = {"cuba": lambda: brette2007.build("cuba", N_TOTAL, P_CONNECT),
          "coba": lambda: brette2007.build("coba", N_TOTAL, P_CONNECT)}


def statistics(spike_i, spike_t_ms):
    """Excitatory rate (Hz) and mean ISI CV over the analysis window."""
    t0, t1 = WINDOW_MS
    mask = (spike_t_ms >= t0) & (spike_t_ms < t1)
    idx = spike_i[mask]
    ts = spike_t_ms[mask]
    rate_hz = len(ts) / (N_EXC * (t1 - t0) / 1000.0)

    cvs = []
    order = np.lexsort((ts, idx))  # sort by neuron, then time
    idx, ts = idx[order], ts[order]
    bounds = np.flatnonzero(np.diff(idx)) + 1
    for neuron_ts in np.split(ts, bounds):
        if len(neuron_ts) < 3:
            continue
        isi = np.diff(neuron_ts)
        cvs.append(np.std(isi) / np.mean(isi))  # ddof=0
    cv = float(np.mean(cvs)) if cvs else None  # None: no neuron with >= 3 spikes
    return rate_hz, cv, len(cvs)


def run_one(model, s, build_dir, first):
    """Build and run one network in cpp_standalone; return its statistics."""
    if first:
        set_device("cpp_standalone", directory=build_dir, build_on_run=True)
    else:
        device.reinit()
        device.activate(directory=build_dir, build_on_run=True)
    defaultclock.dt = DT
    seed(s)

    P, synapses, namespace = MODELS[model]()
    mon = SpikeMonitor(P[:N_EXC], name="spikes_exc")
    net = Network(P, *synapses, mon)
    wall = time.time()
    net.run(T_SIM, namespace=namespace)
    wall = time.time() - wall  # code generation + compile + run

    spike_i = np.asarray(mon.i[:], dtype=np.int64)
    spike_t_ms = np.asarray(mon.t[:] / ms, dtype=np.float64)
    n_syn = int(len(synapses[0])) + int(len(synapses[1]))
    rate_hz, cv, n_cv = statistics(spike_i, spike_t_ms)
    sim_time = getattr(device, "_last_run_time", None)
    return dict(seed=s, rate_hz=rate_hz, cv=cv), dict(
        n_cv_neurons=n_cv, n_synapses=n_syn, sim_s=sim_time, wall_s=wall)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--seeds", type=int, default=10, help="run seeds 1..N (default 10)")
    ap.add_argument("--models", default="cuba,coba", help="comma list of cuba,coba")
    ap.add_argument("--output", default=OUT_JSON, help="JSON output path")
    args = ap.parse_args()
    models = [m.strip() for m in args.models.split(",") if m.strip()]
    for m in models:
        if m not in MODELS:
            ap.error("unknown model %r" % m)

    # Single-threaded standalone build; keep make polite on small machines.
    prefs.devices.cpp_standalone.openmp_threads = 0
    prefs.devices.cpp_standalone.extra_make_args_unix = ["-j2"]

    # Keep existing results for models not run this time.
    result = {}
    if os.path.exists(args.output):
        try:
            with open(args.output) as f:
                result = json.load(f)
        except (OSError, ValueError):
            result = {}

    total = time.time()
    first = True
    tmp_root = tempfile.mkdtemp(prefix="brian2_ref_")
    try:
        for model in models:
            build_dir = os.path.join(tmp_root, model)
            runs = []
            for s in range(1, args.seeds + 1):
                r, info = run_one(model, s, build_dir, first)
                first = False
                runs.append(r)
                sim = ("%.2f s" % info["sim_s"]) if info["sim_s"] is not None else "n/a"
                print("%-4s seed=%2d rate_hz=%8.4f cv=%s  (cv over %d neurons, "
                      "%d synapses, brian2 run %s, wall %.1f s)"
                      % (model, s, r["rate_hz"],
                         "n/a" if r["cv"] is None else "%.4f" % r["cv"], info["n_cv_neurons"],
                         info["n_synapses"], sim, info["wall_s"]), flush=True)
                if r["rate_hz"] == 0:
                    print("WARNING: %s seed %d: no excitatory spikes in window "
                          "(activity died out)" % (model, s), flush=True)
            rates = [r["rate_hz"] for r in runs]
            cvs = [r["cv"] for r in runs if r["cv"] is not None]
            result[model] = dict(
                runs=runs,
                rate_min=min(rates), rate_max=max(rates),
                cv_min=min(cvs) if cvs else None, cv_max=max(cvs) if cvs else None)
            print("%-4s rate [%.4f, %.4f] Hz, cv [%s, %s]"
                  % (model, result[model]["rate_min"], result[model]["rate_max"],
                     result[model]["cv_min"], result[model]["cv_max"]), flush=True)
    finally:
        shutil.rmtree(tmp_root, ignore_errors=True)

    result["brian2_version"] = brian2.__version__
    result["dt_ms"] = float(DT / ms)
    result["window_ms"] = list(WINDOW_MS)
    with open(args.output, "w") as f:
        json.dump(result, f, indent=2, sort_keys=False, allow_nan=False)
        f.write("\n")
    print("wrote %s (total %.1f s)" % (args.output, time.time() - total))


if __name__ == "__main__":
    sys.exit(main())
