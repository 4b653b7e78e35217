#!/usr/bin/python3
"""Reference statistics from Brian2 for Brunel (2000) model A.

Produces ``brian2_brunel.json`` next to this script, to compare with
Spiking's ``models/brunel.toml`` (parameters must match that file exactly).

Model -- N. Brunel (2000), "Dynamics of sparsely connected networks of
excitatory and inhibitory spiking neurons", J Comput Neurosci 8:183-208,
model A:

* N_E = 10000, N_I = 2500 LIF neurons in one NeuronGroup (0..9999
  excitatory, 10000..12499 inhibitory), tau dv/dt = -v, tau = 20 ms,
  threshold v > theta = 20 mV, reset v = Vr = 10 mV, refractory 2 ms
  (exact integration). Initial v uniform in [0, 20) mV.
* Fixed in-degree: every neuron receives exactly C_E = 1000 synapses from
  distinct excitatory neurons (weight J = 0.1 mV) and C_I = 250 from distinct
  inhibitory neurons (weight -g J); autapses allowed, no multapses; one delay
  D = 1.5 ms. The connectivity is drawn with numpy (seeded with the run's
  seed) and handed to ``Synapses.connect(i=..., j=...)``.
* External input: ``PoissonInput`` with C_ext = 1000 sources per neuron at
  nu_ext = eta * nu_thr, nu_thr = theta / (J C_E tau) = 10 Hz, weight J.
* Refractory input is discarded, as in NEST's iaf_psc_delta and Spiking's
  lif_delta: Brian2 applies ``v += w`` whatever the refractory state (only the
  state update is clamped by ``(unless refractory)``), so both the synapses
  (``on_pre='v_post += w*int(not_refractory_post)'``) and the Poisson input
  (``weight='J*int(not_refractory)'``) are multiplied by the group's
  ``not_refractory`` flag.

Variants: AI (g = 5, eta = 2, 1100 ms), SR (g = 3, eta = 2, 300 ms) and
g8_eta3 (g = 8, eta = 3, 1100 ms). dt = 0.1 ms.

Spikes of excitatory neurons 0..999 are recorded. Statistics over the window
[100 ms, end):

* rate_hz: spikes in the window / (1000 * window in s)
* cv: mean over neurons with >= 3 spikes in the window of
  std(ISI, ddof=0) / mean(ISI)
* chi_1ms, chi_0.5ms: Golomb synchrony measure; spike counts per neuron per
  bin over the window, neurons without spikes in the window left out,
  chi^2 = Var_t(mean over neurons of counts) / mean over neurons of
  Var_t(counts) (population variances).

Runs with Brian2's cpp_standalone device (single thread), all runs in one
build directory so that only changed files are recompiled.

Usage (Debian's Brian2 2.5.1 lives under /usr/bin/python3):

    /usr/bin/python3 benchmarks/compare/brian2_brunel.py
    /usr/bin/python3 benchmarks/compare/brian2_brunel.py --seeds 1 --variants AI
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
from brian2 import (NeuronGroup, Synapses, SpikeMonitor, PoissonInput, Network,
                    defaultclock, device, set_device, seed, prefs, ms, mV, Hz)

N_E = 10000
N_I = 2500
N_TOTAL = N_E + N_I
C_E = 1000
C_I = 250
C_EXT = C_E
N_REC = 1000                # excitatory neurons 0..999 are recorded
TAU = 20 * ms
THETA = 20 * mV
V_RESET = 10 * mV
T_REF = 2 * ms
J = 0.1 * mV
DELAY = 1.5 * ms
DT = 0.1 * ms
DT_MS = 0.1
T_START_MS = 100.0          # analysis window [T_START_MS, end)
NU_THR = THETA / (J * C_E * TAU)  # 10 Hz

VARIANTS = {
    "AI": dict(g=5.0, eta=2.0, t_sim_ms=1100.0),
    "SR": dict(g=3.0, eta=2.0, t_sim_ms=300.0),
    "g8_eta3": dict(g=8.0, eta=3.0, t_sim_ms=1100.0),
}
CHI_BINS_MS = (1.0, 0.5)

HERE = os.path.dirname(os.path.abspath(__file__))
OUT_JSON = os.path.join(HERE, "brian2_brunel.json")


def fixed_indegree(rng, n_src, k, n_post, block=250):
    """Sources (0..n_src-1) for every post neuron: k distinct per post.

    Each post draws k sources without replacement: the k smallest of n_src
    i.i.d. uniform keys (argpartition), done for ``block`` posts at a time.
    Returns (sources, targets), int32, sorted by target.
    """
    sources = np.empty(n_post * k, dtype=np.int32)
    for start in range(0, n_post, block):
        stop = min(start + block, n_post)
        keys = rng.random((stop - start, n_src))
        chosen = np.argpartition(keys, k, axis=1)[:, :k]
        sources[start * k:stop * k] = chosen.ravel()
    targets = np.repeat(np.arange(n_post, dtype=np.int32), k)
    return sources, targets


def build_brunel(g, eta, rng):
    nu_ext = eta * NU_THR
    eqs = "dv/dt = -v/tau : volt (unless refractory)"
    P = NeuronGroup(N_TOTAL, eqs, threshold="v > theta", reset="v = Vr",
                    refractory=T_REF, method="exact", name="neurons")
    P.v = "rand() * %g*mV" % float(THETA / mV)  # uniform in [0, theta)

    # Input arriving while the target is refractory is discarded (NEST semantics).
    Se = Synapses(P, P, on_pre="v_post += J*int(not_refractory_post)",
                  delay=DELAY, name="syn_exc")
    Si = Synapses(P, P, on_pre="v_post += -g*J*int(not_refractory_post)",
                  delay=DELAY, name="syn_inh")
    src_e, tgt_e = fixed_indegree(rng, N_E, C_E, N_TOTAL)
    Se.connect(i=src_e, j=tgt_e)
    del src_e, tgt_e
    src_i, tgt_i = fixed_indegree(rng, N_I, C_I, N_TOTAL)
    Si.connect(i=src_i + N_E, j=tgt_i)
    del src_i, tgt_i

    ext = PoissonInput(P, "v", N=C_EXT, rate=nu_ext, weight="J*int(not_refractory)")
    namespace = dict(tau=TAU, theta=THETA, Vr=V_RESET, J=J, g=g)
    return P, [Se, Si], ext, namespace


def statistics(spike_i, spike_t_ms, t_end_ms):
    """Rate (Hz), mean ISI CV and Golomb chi of the recorded neurons."""
    steps = np.rint(spike_t_ms / DT_MS).astype(np.int64)
    step0 = int(round(T_START_MS / DT_MS))
    step1 = int(round(t_end_ms / DT_MS))
    mask = (steps >= step0) & (steps < step1)
    idx = spike_i[mask]
    steps = steps[mask] - step0
    window_s = (t_end_ms - T_START_MS) / 1000.0
    rate_hz = len(idx) / (N_REC * window_s)

    cvs = []
    order = np.lexsort((steps, idx))  # sort by neuron, then time
    idx_s, ts = idx[order], steps[order] * DT_MS
    bounds = np.flatnonzero(np.diff(idx_s)) + 1
    for neuron_ts in np.split(ts, bounds):
        if len(neuron_ts) < 3:
            continue
        isi = np.diff(neuron_ts)
        cvs.append(np.std(isi) / np.mean(isi))  # ddof=0
    cv = float(np.mean(cvs)) if cvs else None

    chis = {}
    active = np.unique(idx)
    row = np.searchsorted(active, idx)
    for bin_ms in CHI_BINS_MS:
        per_bin = int(round(bin_ms / DT_MS))
        n_bins = (step1 - step0) // per_bin
        b = steps // per_bin
        keep = b < n_bins
        counts = np.zeros((len(active), n_bins))
        np.add.at(counts, (row[keep], b[keep]), 1.0)
        if len(active) == 0:
            chis[bin_ms] = None
            continue
        num = np.var(counts.mean(axis=0))
        den = np.mean(np.var(counts, axis=1))
        chis[bin_ms] = float(np.sqrt(num / den)) if den > 0 else None
    return rate_hz, cv, len(cvs), chis, len(active)


def run_one(variant, s, build_dir, first):
    """Build and run one network in cpp_standalone; return its statistics."""
    if first:
        set_device("cpp_standalone", directory=build_dir, build_on_run=True)
    else:
        device.reinit()
        device.activate(directory=build_dir, build_on_run=True)
    defaultclock.dt = DT
    seed(s)
    rng = np.random.default_rng(s)
    par = VARIANTS[variant]

    wall = time.time()
    P, synapses, ext, namespace = build_brunel(par["g"], par["eta"], rng)
    mon = SpikeMonitor(P[:N_REC], name="spikes_exc")
    net = Network(P, *synapses, ext, mon)
    build_py = time.time() - wall  # connectivity drawn with numpy
    net.run(par["t_sim_ms"] * ms, namespace=namespace)
    wall = time.time() - wall  # numpy connectivity + code generation + compile + run

    spike_i = np.asarray(mon.i[:], dtype=np.int64)
    spike_t_ms = np.asarray(mon.t[:] / ms, dtype=np.float64)
    n_syn = int(len(synapses[0])) + int(len(synapses[1]))
    rate_hz, cv, n_cv, chis, n_active = statistics(spike_i, spike_t_ms, par["t_sim_ms"])
    r = dict(seed=s, rate_hz=rate_hz, cv=cv, chi_1ms=chis[1.0], chi_0p5ms=chis[0.5])
    info = dict(n_cv_neurons=n_cv, n_active_neurons=n_active, n_synapses=n_syn,
                numpy_connect_s=build_py,
                make_s=device.timers["compile"]["make"],
                run_binary_s=device.timers["run_binary"],
                sim_s=getattr(device, "_last_run_time", None), wall_s=wall)
    return r, info


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--seeds", type=int, default=3, help="run seeds 1..N (default 3)")
    ap.add_argument("--variants", default="AI,SR,g8_eta3",
                    help="comma list of " + ",".join(VARIANTS))
    ap.add_argument("--output", default=OUT_JSON, help="JSON output path")
    args = ap.parse_args()
    variants = [v.strip() for v in args.variants.split(",") if v.strip()]
    for v in variants:
        if v not in VARIANTS:
            ap.error("unknown variant %r" % v)

    # Single-threaded standalone build; keep make polite on small machines.
    prefs.devices.cpp_standalone.openmp_threads = 0
    prefs.devices.cpp_standalone.extra_make_args_unix = ["-j2"]

    # Keep existing results for variants not run this time.
    result = {}
    if os.path.exists(args.output):
        try:
            with open(args.output) as f:
                result = json.load(f)
        except (OSError, ValueError):
            result = {}

    total = time.time()
    first = True
    tmp_root = tempfile.mkdtemp(prefix="brian2_brunel_")
    build_dir = os.path.join(tmp_root, "brunel")
    try:
        for variant in variants:
            par = VARIANTS[variant]
            runs = []
            for s in range(1, args.seeds + 1):
                r, info = run_one(variant, s, build_dir, first)
                first = False
                r["timing"] = info
                runs.append(r)

                def fmt(x):
                    return "n/a" if x is None else "%.4f" % x

                sim = ("%.2f s" % info["sim_s"]) if info["sim_s"] is not None else "n/a"
                print("%-7s seed=%d rate_hz=%8.4f cv=%s chi1=%s chi0.5=%s  (cv over %d, "
                      "%d active, %d synapses; numpy connect %.1f s, make %.1f s, "
                      "binary %.1f s, brian2 run %s, wall %.1f s)"
                      % (variant, s, r["rate_hz"], fmt(r["cv"]), fmt(r["chi_1ms"]),
                         fmt(r["chi_0p5ms"]), info["n_cv_neurons"], info["n_active_neurons"],
                         info["n_synapses"], info["numpy_connect_s"], info["make_s"] or 0.0,
                         info["run_binary_s"] or 0.0, sim, info["wall_s"]), flush=True)
                if r["rate_hz"] == 0:
                    print("WARNING: %s seed %d: no recorded spikes in window "
                          "(activity died out)" % (variant, s), flush=True)

            def rng_of(key):
                vals = [r[key] for r in runs if r[key] is not None]
                return (min(vals), max(vals)) if vals else (None, None)

            entry = dict(g=par["g"], eta=par["eta"], nu_ext_hz=float(par["eta"] * NU_THR / Hz),
                         t_sim_ms=par["t_sim_ms"], window_ms=[T_START_MS, par["t_sim_ms"]],
                         runs=runs)
            for key in ("rate_hz", "cv", "chi_1ms", "chi_0p5ms"):
                lo, hi = rng_of(key)
                name = key[:-3] if key == "rate_hz" else key
                entry[name + "_min"], entry[name + "_max"] = lo, hi
            result[variant] = entry
            print("%-7s rate [%s, %s] Hz, cv [%s, %s], chi1 [%s, %s]"
                  % (variant, entry["rate_min"], entry["rate_max"], entry["cv_min"],
                     entry["cv_max"], entry["chi_1ms_min"], entry["chi_1ms_max"]), flush=True)
    finally:
        shutil.rmtree(tmp_root, ignore_errors=True)

    result["brian2_version"] = brian2.__version__
    result["dt_ms"] = DT_MS
    result["n_recorded"] = N_REC
    result["refractory_input"] = ("discarded: on_pre 'v_post += w*int(not_refractory_post)', "
                                  "PoissonInput weight 'J*int(not_refractory)'")
    with open(args.output, "w") as f:
        json.dump(result, f, indent=2, sort_keys=False, allow_nan=False)
        f.write("\n")
    print("wrote %s (total %.1f s)" % (args.output, time.time() - total))


if __name__ == "__main__":
    sys.exit(main())
