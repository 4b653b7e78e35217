#!/usr/bin/python3
"""CPU speed and scale: Spiking against Brian2 2.5.1 on the CUBA and COBA benchmarks.

One command runs, for every model and network size N, the same network in

* Spiking (``spiking run``, ``--threads T``),
* Brian2 ``cpp_standalone`` with T OpenMP threads,
* Brian2's default runtime device (Cython code generation; single-threaded),

and prints, for each N and tool: simulated seconds, network build time, wall seconds of the
simulation loop alone, real-time factor, synaptic events per second, peak resident memory of the
simulating process, mean excitatory rate, and the ratio Brian2 loop time / Spiking loop time.

Models (Brette et al. 2007, J Comput Neurosci 23:349-398; parameters exactly as in
``models/cuba.toml``, ``models/coba.toml`` and ``brian2_reference.py``), scaled to N neurons:
0.8 N excitatory, 0.2 N inhibitory, every (pre, post) pair connected with probability p = 80 / N
(80 synapses per neuron on average, autapses allowed), no delay, dt = 0.1 ms. For Spiking the model
file is made from ``models/<model>.toml`` by text substitution (sizes, p, duration, seed; the rate and
state monitors are dropped, the spike monitors of both populations kept). For Brian2 the network is
built as in ``brian2_reference.py`` (one NeuronGroup, ``Synapses.connect('i<NE', p=80/N)`` and
``connect('i>=NE', p=80/N)``), with a SpikeMonitor on all neurons.

What is measured, per tool (every figure from the tool's own process):

* build: Spiking, ``build_time_s`` (network construction); Brian2 cpp_standalone, the time in
  ``main`` from after seeding to just before ``run`` (initial values and synapse creation), timed by
  code inserted into ``main.cpp``; Brian2 runtime, Python wall time of creating the groups and
  synapses (includes any Cython compilation of the connect and initialisation code, cached in
  ~/.cython after the first time).
* sim: the simulation loop alone. Spiking ``wall_time_s``; cpp_standalone, the wall time of
  ``network.run`` (inserted timer; Brian2's own ``_last_run_time`` is kept in the JSON);
  runtime, ``device._last_run_time`` (loop of ``Network.run`` after code preparation, which is
  reported as ``prep``). Spike recording is inside the loop for all three.
* real-time factor: simulated time / sim (>1: faster than real time).
* synaptic events / s: Spiking, its ``synaptic events`` (spikes x row lengths) / sim; Brian2,
  sum over recorded spikes of the spiking neuron's out-degree (from the synapse tables) / sim.
* peak RSS: ``ru_maxrss`` of the ``spiking`` process and of Brian2's ``main`` binary, taken by
  /usr/bin/time (GNU time's %M; a small Python launcher where it is missing), never by a direct
  child of a Python process, whose RSS would set the floor of the figure; for the runtime device
  the worker Python process's own ``RUSAGE_SELF`` peak (Python, NumPy and Brian2 included).
* rates: excitatory spikes in the whole run [0, T) / (0.8 N T), per seed (network realisation),
  and their mean over K seeds (below). The speed ratio is not given (flagged ``RATES DIFFER``)
  where a Brian2 tool's K-seed mean rate differs from Spiking's K-seed mean by more than 5 %.

Rate seeds (``--rate-seeds K``): the COBA network is chaotic and bursty, and single realisations
differ by 5-14 % at N = 4,000 and 40,000 although the means over seeds agree within 2 %; so the
rate check compares means over network realisations, as for any statistical comparison of two
models. For every (model, N, thread count, tool) the timed runs use ``--seed`` s; then each tool runs
seeds s+1 .. s+K-1 once more, untimed, for the rate alone (all timings, events/s and memory stay those
of seed s). Spiking: one ``spiking run`` per seed (seed in the model file). Brian2 cpp_standalone: the
seed is a run-time value, so the binary is compiled once: after Brian2's own seeding (``seed(s)``,
``rk_seed(s + i)`` for the Mersenne Twister of OpenMP thread i) ``main`` re-seeds the same states the
same way from the environment variable COMPARE_CPU_SEED when it is set; unset, the code is Brian2's.
Brian2 runtime: one more worker process that, per seed, calls ``seed(k)`` (NumPy's generator and the
Cython random buffers) and builds and runs the network afresh. Default K: 10 where N <= 10,000,
5 where N <= 40,000, 1 above; an explicit ``--rate-seeds K`` applies at every N (``--rate-seeds 1``:
the old single-seed check). Why these: the seed-to-seed SD of the excitatory rate was, at N = 4,000,
about 5 % (CUBA) and 5-7 % (COBA), at 40,000 about 1.5-3.5 %; the standard error of the difference of
two K-seed means is SD * sqrt(2 / K), so with K = 5 at 4,000 it is about 3 % and the 5 % rule flagged
identical models (CUBA standalone +5.4 %, COBA runtime +10 % with seeds 1-5; within 2 % with seeds
1-10); 10 seeds there cost about 10 s per tool. At 40,000 five seeds put 5 % at 2-5 standard errors;
at 400,000 and more single realisations agree within 1 % (CUBA) and each extra run costs tens of
seconds to minutes. The output gives each difference of means also in standard errors (z). Note that the realisations differ between tools and between Brian2 devices
(different random generators), and for cpp_standalone also with the thread count (one generator per
OpenMP thread).

Repeats (``--repeats R``): Spiking and the runtime device are run R times as fresh processes;
cpp_standalone is compiled once, run once untimed (spikes, rates, warm-up), then its binary is run R
times, each run right after one of Spiking's (S B S B ...). min and median are reported, and the
speed ratio against cpp_standalone is the median of the R paired ratios (``--no-pairing``: blocks of
runs and the ratio of the minima, as before). On a small shared VM identical runs vary by tens of
percent between minutes (the first run after a pause is often the slowest); a pair is seconds apart,
so the paired ratio moves much less than either time. Give R >= 3 for figures to quote. The JSON also has, per run, the CPU seconds the
process used and those the rest of the machine used meanwhile (others_cpu_s, from /proc/stat), and
the output flags runs during which other processes took more than 10 % of the CPU.

OpenMP: Brian2's ``main`` runs with libgomp's default wait policy (threads spin for a while at
barriers, then sleep). ``--omp-wait-policy passive`` makes them sleep at once: with Brian2's
several barriers per time step this was about 5x slower on CUBA at N = 40,000 on a 2-core VM;
``active`` was the same as the default there.

The Spiking executable is published from a snapshot copy of the working tree (tracked and untracked
non-ignored files) into a temporary directory, so the build does not touch ``src/*/bin`` or ``obj``;
``--spiking PATH`` uses an existing executable instead.

Usage (Debian's Brian2 2.5.1 lives under /usr/bin/python3):

    /usr/bin/python3 benchmarks/compare/compare_cpu.py                    # the whole issue
    /usr/bin/python3 benchmarks/compare/compare_cpu.py --sizes 4000,40000 --models cuba,coba
    /usr/bin/python3 benchmarks/compare/compare_cpu.py --threads 1        # 1 thread vs 1 OpenMP thread
    /usr/bin/python3 benchmarks/compare/compare_cpu.py --threads 1,2 --repeats 3 --out results.json

Default sizes: CUBA 4,000, 40,000, 400,000 and 1,000,000; COBA 4,000 and 40,000 (``--sizes`` applies
to every model given). The runtime device is skipped at a size where its run, extrapolated linearly
in N from the largest size it ran at for that model, would take more than ``--runtime-budget``
seconds (default 300) or more than 80 % of the available memory; the output says so.
"""

import argparse
import json
import os
import platform
import re
import resource
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.abspath(os.path.join(HERE, "..", ".."))
SELF = os.path.abspath(__file__)

K_IN = 80                  # mean number of synapses per neuron (p = K_IN / N)
EXC_FRACTION = 0.8
DT_MS = 0.1
RATE_TOLERANCE = 0.05      # relative rate difference above which no speed ratio is given
# seeds (network realisations) per rate check without --rate-seeds: (largest N, K), first match; 1 above
RATE_SEEDS_DEFAULT = ((10000, 10), (40000, 5))
SEED_ENV = "COMPARE_CPU_SEED"   # run-time seed of the cpp_standalone binary
BUSY_SHARE = 0.10          # share of the machine's CPU used by others during a run that is reported
DEFAULT_SIZES = {"cuba": [4000, 40000, 400000, 1000000], "coba": [4000, 40000]}
RESULT_TAG = "@@COMPARE_CPU_RESULT@@ "


def log(msg):
    print(msg, file=sys.stderr, flush=True)


# --------------------------------------------------------------------------------------------------
# Processes: run one child, wait for it with wait4 (peak RSS), kill its process group on timeout.
# --------------------------------------------------------------------------------------------------

TIME = "/usr/bin/time" if os.access("/usr/bin/time", os.X_OK) else None
# Fallback launcher where GNU time is missing: a small Python that spawns the command and writes its
# rusage (see run_measured for why the command must not be a direct child of a big process).
LAUNCHER = """import os, sys
pid = os.posix_spawnp(sys.argv[2], sys.argv[2:], os.environ)
_, st, ru = os.wait4(pid, 0)
with open(sys.argv[1], "w") as f:
    f.write("%d %f %f\\n" % (ru.ru_maxrss, ru.ru_utime, ru.ru_stime))
sys.exit(os.waitstatus_to_exitcode(st))
"""


def cpu_busy_s():
    """CPU seconds spent busy by the whole machine so far (all cores), from /proc/stat."""
    try:
        with open("/proc/stat") as f:
            v = [int(x) for x in f.readline().split()[1:]]
        idle = v[3] + (v[4] if len(v) > 4 else 0)   # idle + iowait
        guest = sum(v[8:10]) if len(v) > 9 else 0   # already counted in user / nice
        return (sum(v) - idle - guest) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return None


def run_measured(cmd, cwd=None, env=None, timeout=None, stdout_path=None):
    """Runs cmd; returns dict(rc, wall_s, peak_rss_bytes, cpu_s, others_cpu_s, text).

    Peak RSS and CPU time come from wait4 on the command, through GNU time (or a small Python
    launcher): a process forked straight from this Python inherits this process's resident size as
    its ru_maxrss floor (Linux keeps the pre-exec high-water mark), which would hide small figures.
    others_cpu_s: CPU seconds the rest of the machine used meanwhile (other users' load)."""
    out = open(stdout_path, "w+") if stdout_path else tempfile.TemporaryFile("w+")
    fd, usage_path = tempfile.mkstemp(prefix="rusage_")
    os.close(fd)
    if TIME:
        full = [TIME, "-o", usage_path, "-f", "%M %U %S"] + list(cmd)
    else:
        full = [sys.executable, "-I", "-S", "-c", LAUNCHER, usage_path] + list(cmd)
    busy0 = cpu_busy_s()
    t0 = time.perf_counter()
    proc = subprocess.Popen(full, cwd=cwd, env=env, stdout=out, stderr=subprocess.STDOUT,
                            start_new_session=True)
    timed_out = []

    def kill():
        timed_out.append(True)
        try:
            os.killpg(proc.pid, signal.SIGKILL)   # the group this call started (start_new_session)
        except ProcessLookupError:
            pass

    timer = threading.Timer(timeout, kill) if timeout else None
    if timer:
        timer.start()
    try:
        _, status, ru_launcher = os.wait4(proc.pid, 0)
    finally:
        if timer:
            timer.cancel()
    proc.returncode = os.waitstatus_to_exitcode(status)
    wall = time.perf_counter() - t0
    busy1 = cpu_busy_s()
    out.seek(0)
    text = out.read()
    out.close()
    rss = cpu = None
    try:
        with open(usage_path) as f:
            last = [l for l in f.read().splitlines() if l.strip()][-1].split()
        rss, cpu = int(last[0]) * 1024, float(last[1]) + float(last[2])
    except (OSError, ValueError, IndexError):
        pass
    os.remove(usage_path)
    others = None
    if busy0 is not None and busy1 is not None and cpu is not None:
        launcher_cpu = ru_launcher.ru_utime + ru_launcher.ru_stime - cpu
        others = max(0.0, busy1 - busy0 - cpu - max(0.0, launcher_cpu))
    return dict(rc=124 if timed_out else proc.returncode, wall_s=wall, peak_rss_bytes=rss,
                cpu_s=cpu, others_cpu_s=others, text=text)


# --------------------------------------------------------------------------------------------------
# Spiking
# --------------------------------------------------------------------------------------------------

def build_spiking(tmp, source="worktree"):
    """Publishes src/Spiking.Cli from a snapshot (of the working tree, or of the commit HEAD) in tmp;
    returns the executable."""
    snap = os.path.join(tmp, "spiking-src")
    os.makedirs(snap, exist_ok=True)
    if source == "head":
        archive = subprocess.run(["git", "archive", "--format=tar", "HEAD"], cwd=REPO, check=True,
                                 stdout=subprocess.PIPE).stdout
        subprocess.run(["tar", "-x", "-C", snap], input=archive, check=True)
    else:
        files = subprocess.run(["git", "ls-files", "-z", "-c", "-o", "--exclude-standard"], cwd=REPO,
                               check=True, stdout=subprocess.PIPE).stdout.split(b"\0")
        for f in files:
            if not f:
                continue
            rel = f.decode()
            src = os.path.join(REPO, rel)
            if not os.path.isfile(src):
                continue  # deleted in the work tree
            dst = os.path.join(snap, rel)
            os.makedirs(os.path.dirname(dst), exist_ok=True)
            shutil.copy2(src, dst)
    out = os.path.join(tmp, "spiking-bin")
    cmd = ["dotnet", "publish", os.path.join(snap, "src", "Spiking.Cli"), "-c", "Release",
           "-o", out, "--nologo", "-v", "q"]
    r = subprocess.run(cmd, cwd=snap, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    if r.returncode != 0:
        sys.exit("dotnet publish failed:\n" + r.stdout[-4000:])
    exe = os.path.join(out, "spiking")
    if not os.path.exists(exe):
        sys.exit("dotnet publish produced no %s" % exe)
    return exe


def sizes_of(n):
    ne = int(round(EXC_FRACTION * n))
    return ne, n - ne


def make_model_file(model, n, duration_s, seed, path):
    """models/<model>.toml scaled to n neurons, p = 80/n, the given duration and seed."""
    with open(os.path.join(REPO, "models", model + ".toml")) as f:
        text = f.read()
    ne, ni = sizes_of(n)

    def sub(pattern, repl, count):
        nonlocal text
        text, k = re.subn(pattern, repl, text, flags=re.M)
        if k != count:
            raise RuntimeError("models/%s.toml: expected %d match(es) of %r, found %d"
                               % (model, count, pattern, k))

    sub(r'^size = 3200\b', "size = %d" % ne, 1)
    sub(r'^size = 800\b', "size = %d" % ni, 1)
    sub(r'\bp = 0\.02\b', "p = %r" % (K_IN / n), 4)
    sub(r'^duration = "1000 ms"', 'duration = "%r ms"' % (duration_s * 1000.0), 1)
    sub(r'^seed = 1\b', "seed = %d" % seed, 1)
    # Same dynamics as Brian2: Brian2 counts the refractory period from the start of the step in
    # which v crossed threshold, Spiking (like NEST) from the end of it, so Brian2's 5 ms hold v for
    # 49 steps after the spike step and Spiking's for 50 (docs/conventions.md). Spiking gets
    # t_ref - dt = 4.9 ms here so that both hold v for 49 steps.
    sub(r'^t_ref = "5 ms"', 't_ref = "%r ms"' % (5.0 - DT_MS), 2)
    # keep only the spike monitors
    parts = text.split("[[monitors]]")
    kept = [parts[0]] + [p for p in parts[1:] if re.search(r'^kind = "spikes"', p, re.M)]
    if len(kept) != 3:
        raise RuntimeError("models/%s.toml: expected 2 spike monitors" % model)
    text = "[[monitors]]".join(kept)
    with open(path, "w") as f:
        f.write(text)


def parse_int(s):
    return int(s.replace(",", ""))


def run_spiking(exe, model, n, duration_s, threads, seed, tmp, timeout):
    model_path = os.path.join(tmp, "%s_%d.toml" % (model, n))
    make_model_file(model, n, duration_s, seed, model_path)
    h5 = os.path.join(tmp, "%s_%d_t%d.h5" % (model, n, threads))
    env = dict(os.environ, DOTNET_CLI_TELEMETRY_OPTOUT="1")
    m = run_measured([exe, "run", model_path, "--out", h5, "--threads", str(threads)], env=env, timeout=timeout)
    text = m["text"]
    if m["rc"] != 0:
        raise RuntimeError("spiking exit %d%s:\n%s" % (m["rc"], " (timeout)" if m["rc"] == 124 else "", text[-3000:]))
    r = dict(process_wall_s=m["wall_s"], peak_rss_bytes=m["peak_rss_bytes"], process_cpu_s=m["cpu_s"],
             others_cpu_s=m["others_cpu_s"])
    m = re.search(r"^built ([\d,]+) neurons, ([\d,]+) synapses", text, re.M)
    r["n_neurons"], r["n_synapses"] = parse_int(m.group(1)), parse_int(m.group(2))
    m = re.search(r"synaptic events ([\d,]+)", text)
    r["synaptic_events"] = parse_int(m.group(1))
    m = re.search(r"^simulated ([\d.]+) ms in ([\d.]+) s wall .*build ([\d.]+) s, (\d+) thread", text, re.M)
    r["simulated_s"] = float(m.group(1)) / 1000.0
    r["sim_s"], r["build_s"], r["threads"] = float(m.group(2)), float(m.group(3)), int(m.group(4))
    counts = {}
    for pop in ("exc", "inh"):
        m = re.search(r"^%s\s+\S+\s+([\d,]+)\s+([\d,]+)\s+[\d.]+\s*$" % pop, text, re.M)
        counts[pop] = (parse_int(m.group(1)), parse_int(m.group(2)))
    ne, ni = counts["exc"][0], counts["inh"][0]
    r["spikes_exc"], r["spikes_inh"] = counts["exc"][1], counts["inh"][1]
    try:  # full-precision timings from the HDF5 file, when h5py is there
        import h5py
        with h5py.File(h5, "r") as f:
            r["sim_s"] = float(f.attrs["wall_time_s"])
            r["build_s"] = float(f.attrs["build_time_s"])
    except ImportError:
        pass
    os.remove(h5)
    T = r["simulated_s"]
    r["rate_exc_hz"] = r["spikes_exc"] / (ne * T)
    r["rate_inh_hz"] = r["spikes_inh"] / (ni * T)
    return r


# --------------------------------------------------------------------------------------------------
# Brian2 (in worker processes: one device per process, own memory figure)
# --------------------------------------------------------------------------------------------------

def brian2_network(model, n):
    """The network of brette2007.py (as in brian2_reference.py) with n neurons, p = 80/n."""
    import brette2007
    return brette2007.build(model, n, K_IN / n)


def spike_figures(n, spike_i, syn_i_arrays, T):
    import numpy as np
    ne, ni = sizes_of(n)
    counts = np.bincount(np.asarray(spike_i, dtype=np.int64), minlength=n)
    outdeg = np.zeros(n, dtype=np.int64)
    for a in syn_i_arrays:
        outdeg += np.bincount(np.asarray(a, dtype=np.int64), minlength=n)
    return dict(spikes_exc=int(counts[:ne].sum()), spikes_inh=int(counts[ne:].sum()),
                rate_exc_hz=float(counts[:ne].sum()) / (ne * T),
                rate_inh_hz=float(counts[ne:].sum()) / (ni * T),
                synaptic_events=int(np.dot(counts, outdeg)),
                n_synapses=int(outdeg.sum()), n_neurons=n)


def standalone_env(omp_wait_policy):
    """Environment of a timed cpp_standalone run: Brian2's own seeding (the seed compiled in)."""
    env = dict(os.environ)
    env.pop(SEED_ENV, None)
    if omp_wait_policy:
        env["OMP_WAIT_POLICY"] = omp_wait_policy
    else:
        env.pop("OMP_WAIT_POLICY", None)
    return env


def run_standalone_main(build_dir, env, timeout):
    """Runs a compiled cpp_standalone ``main`` once; its build and loop times (written by the code
    worker_standalone inserts), process wall, peak RSS and CPU figures."""
    results_dir = os.path.join(build_dir, "results")
    for f in os.listdir(results_dir):   # stale results of an earlier size or run
        os.remove(os.path.join(results_dir, f))
    m = run_measured(["./main"], cwd=build_dir, env=env, timeout=timeout)
    if m["rc"] != 0:
        raise RuntimeError("brian2 main exit %d:\n%s" % (m["rc"], m["text"][-3000:]))
    with open(os.path.join(results_dir, "compare_cpu_timing.txt")) as f:
        build_s, sim_s = (float(x) for x in f.read().split())
    with open(os.path.join(results_dir, "last_run_info.txt")) as f:
        brian_run_time = float(f.read().split()[0])
    return dict(build_s=build_s, sim_s=sim_s, brian2_last_run_time_s=brian_run_time,
                process_wall_s=m["wall_s"], peak_rss_bytes=m["peak_rss_bytes"],
                process_cpu_s=m["cpu_s"], others_cpu_s=m["others_cpu_s"])


def worker_standalone(cfg):
    import warnings
    warnings.filterwarnings("ignore")
    import brian2
    from brian2 import SpikeMonitor, Network, defaultclock, device, get_device, set_device, seed, prefs, ms
    n, T, threads = cfg["n"], cfg["duration_s"], cfg["threads"]
    build_dir = cfg["build_dir"]
    prefs.devices.cpp_standalone.openmp_threads = threads
    prefs.devices.cpp_standalone.extra_make_args_unix = ["-j%d" % (os.cpu_count() or 1)]
    set_device("cpp_standalone", directory=build_dir, build_on_run=False)
    defaultclock.dt = DT_MS * ms
    seed(cfg["seed"])
    # The seed as a run-time value: re-seed the generators exactly as Brian2's seed() just did
    # (device.py: rk_seed(seed + i) for each OpenMP thread i), from SEED_ENV when it is set.
    device.insert_code("main", 'if (const char* _cc_seed = getenv("%s")) for (int _i=0; _i<%d; _i++) '
                       'rk_seed(atol(_cc_seed) + _i, brian::_mersenne_twister_states[_i]);'
                       % (SEED_ENV, max(1, threads)))
    ts = lambda k: "struct timespec _cc_t%d; clock_gettime(CLOCK_MONOTONIC, &_cc_t%d);" % (k, k)
    diff = lambda a, b: "((_cc_t%d.tv_sec - _cc_t%d.tv_sec) + 1e-9 * (_cc_t%d.tv_nsec - _cc_t%d.tv_nsec))" % (b, a, b, a)
    device.insert_code("main", ts(0))
    P, syns, ns = brian2_network(cfg["model"], n)
    mon = SpikeMonitor(P, name="spikes_all")
    net = Network(P, *syns, mon)
    device.insert_code("main", ts(1))
    net.run(T * brian2.second, namespace=ns)
    device.insert_code("main", ts(2) + ' { std::ofstream _cc_f("results/compare_cpu_timing.txt"); '
                       '_cc_f.precision(9); _cc_f << %s << " " << %s << std::endl; }' % (diff(0, 1), diff(1, 2)))
    t0 = time.perf_counter()
    device.build(directory=build_dir, compile=True, run=False, with_output=False)
    compile_s = time.perf_counter() - t0
    env = standalone_env(cfg.get("omp_wait_policy"))   # the timed runs: Brian2's own seeding, seed cfg["seed"]

    def run_main(run_env):
        return run_standalone_main(build_dir, run_env, cfg["timeout"])

    reps = [run_main(env) for _ in range(cfg["repeats"])]
    get_device().has_been_run = True    # results/ of the last repeat are the run's results (device is a proxy)
    r = spike_figures(n, mon.i[:], [s.i[:] for s in syns], T)
    seed_runs = []                      # untimed runs of the other seeds, for the rate check
    for k in cfg.get("rate_seeds", []):
        x = run_main(dict(env, **{SEED_ENV: str(k)}))
        fig = spike_figures(n, mon.i[:], [s.i[:] for s in syns], T)   # read from results/ again
        x.update(seed=k, **fig)
        seed_runs.append(x)
    r.update(compile_s=compile_s, repeats=reps, seed_runs=seed_runs, simulated_s=T, threads=threads,
             omp_wait_policy=cfg.get("omp_wait_policy") or "default",
             brian2_version=brian2.__version__)
    return r


def worker_runtime(cfg):
    import warnings
    warnings.filterwarnings("ignore")
    import brian2
    from brian2 import SpikeMonitor, Network, defaultclock, device, seed, prefs, ms
    prefs.codegen.target = "cython"
    n, T = cfg["n"], cfg["duration_s"]
    defaultclock.dt = DT_MS * ms
    seed(cfg["seed"])
    t0 = time.perf_counter()
    P, syns, ns = brian2_network(cfg["model"], n)
    mon = SpikeMonitor(P, name="spikes_all")
    net = Network(P, *syns, mon)
    build_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    net.run(T * brian2.second, namespace=ns)
    run_total = time.perf_counter() - t0
    sim_s = device._last_run_time
    r = spike_figures(n, mon.i[:], [s.i[:] for s in syns], T)
    r.update(build_s=build_s, sim_s=sim_s, prep_s=run_total - sim_s, simulated_s=T, threads=1,
             peak_rss_bytes=resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024,
             codegen_target=prefs.codegen.target, brian2_version=brian2.__version__)
    return r


def worker_runtime_rates(cfg):
    """Untimed runs of the runtime device for the rate check: for each seed in cfg["rate_seeds"],
    seed(k) and a fresh network (as worker_runtime with that seed in a new process)."""
    import gc
    import warnings
    warnings.filterwarnings("ignore")
    import brian2
    from brian2 import SpikeMonitor, Network, defaultclock, device, seed, prefs, ms
    prefs.codegen.target = "cython"
    n, T = cfg["n"], cfg["duration_s"]
    defaultclock.dt = DT_MS * ms
    seed_runs = []
    for k in cfg["rate_seeds"]:
        seed(k)
        P, syns, ns = brian2_network(cfg["model"], n)
        mon = SpikeMonitor(P, name="spikes_all")
        net = Network(P, *syns, mon)
        net.run(T * brian2.second, namespace=ns)
        x = spike_figures(n, mon.i[:], [s.i[:] for s in syns], T)
        x.update(seed=k, sim_s=device._last_run_time)
        seed_runs.append(x)
        del P, syns, mon, net
        gc.collect()
    return dict(seed_runs=seed_runs, brian2_version=brian2.__version__)


def worker_main(cfg_json):
    cfg = json.loads(cfg_json)
    r = {"cpp_standalone": worker_standalone, "runtime": worker_runtime,
         "runtime_rates": worker_runtime_rates}[cfg["device"]](cfg)
    print(RESULT_TAG + json.dumps(r), flush=True)


def run_worker(cfg, tmp, timeout):
    log_path = os.path.join(tmp, "worker_%s_%s_%d_t%d.log" % (cfg["device"], cfg["model"], cfg["n"],
                                                            cfg.get("threads", 1)))
    m = run_measured([sys.executable, SELF, "--_worker", json.dumps(cfg)], timeout=timeout,
                     stdout_path=log_path)
    for line in m["text"].splitlines():
        if line.startswith(RESULT_TAG):
            r = json.loads(line[len(RESULT_TAG):])
            r["worker_wall_s"] = m["wall_s"]
            r["worker_peak_rss_bytes"] = m["peak_rss_bytes"]
            if cfg["device"] == "runtime":   # the worker is the simulating process
                r["process_cpu_s"], r["others_cpu_s"] = m["cpu_s"], m["others_cpu_s"]
            return r
    raise RuntimeError("brian2 %s worker exit %d%s (log %s):\n%s"
                       % (cfg["device"], m["rc"], " (timeout)" if m["rc"] == 124 else "", log_path,
                          m["text"][-3000:]))


# --------------------------------------------------------------------------------------------------
# Orchestration and report
# --------------------------------------------------------------------------------------------------

def git_state():
    """(commit of HEAD, whether tracked files differ from it), or (None, None)."""
    try:
        commit = subprocess.run(["git", "rev-parse", "HEAD"], cwd=REPO, stdout=subprocess.PIPE,
                                stderr=subprocess.DEVNULL, text=True).stdout.strip() or None
        dirty = bool(subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=REPO,
                                    stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True).stdout.strip())
        return commit, dirty
    except OSError:
        return None, None


def mem_available_bytes():
    try:
        with open("/proc/meminfo") as f:
            for line in f:
                if line.startswith("MemAvailable:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return None


def summarise(entry, reps):
    """min / median of the repeated figures; the figures of the fastest repeat elsewhere."""
    sims = [x["sim_s"] for x in reps]
    builds = [x["build_s"] for x in reps]
    entry["sim_s_min"], entry["sim_s_median"] = min(sims), statistics.median(sims)
    entry["build_s_min"], entry["build_s_median"] = min(builds), statistics.median(builds)
    entry["peak_rss_bytes"] = max(x["peak_rss_bytes"] for x in reps)
    entry["realtime_factor"] = entry["simulated_s"] / entry["sim_s_min"]
    entry["synaptic_events_per_s"] = entry["synaptic_events"] / entry["sim_s_min"]
    shares = []
    for x in reps:
        wall = x.get("process_wall_s") or x.get("worker_wall_s")
        if x.get("others_cpu_s") is not None and wall:
            shares.append(x["others_cpu_s"] / (wall * (os.cpu_count() or 1)))
    entry["others_cpu_share_max"] = max(shares) if shares else None
    entry["repeats"] = reps
    return entry


def rate_stats(entry, seed_runs, seeds_error=None):
    """Adds the rates of the first seed (the timed runs, entry["seed"]) and of the untimed seed runs:
    per seed, and mean / min / max / sample SD of the excitatory rate over them."""
    seeds = [entry["seed"]] + [x["seed"] for x in seed_runs]
    exc = [entry["rate_exc_hz"]] + [x["rate_exc_hz"] for x in seed_runs]
    inh = [entry["rate_inh_hz"]] + [x["rate_inh_hz"] for x in seed_runs]
    entry["rate_seeds"] = seeds
    entry["rate_exc_hz_by_seed"] = exc
    entry["rate_inh_hz_by_seed"] = inh
    entry["rate_exc_hz_mean"] = statistics.fmean(exc)
    entry["rate_exc_hz_min"], entry["rate_exc_hz_max"] = min(exc), max(exc)
    entry["rate_exc_hz_sd"] = statistics.stdev(exc) if len(exc) > 1 else None
    entry["rate_inh_hz_mean"] = statistics.fmean(inh)
    entry["seed_runs"] = seed_runs
    if seeds_error:
        entry["rate_seeds_error"] = seeds_error


def default_seeds_text():
    return ", ".join("%d where N <= %s" % (k, "{:,}".format(m)) for m, k in RATE_SEEDS_DEFAULT)


def fmt_seeds(seeds):
    """1-5 for consecutive seeds, else a comma list."""
    if len(seeds) > 2 and seeds == list(range(seeds[0], seeds[0] + len(seeds))):
        return "%d-%d" % (seeds[0], seeds[-1])
    return ",".join(map(str, seeds))


def fmt_si(x):
    for div, suf in ((1e9, "G"), (1e6, "M"), (1e3, "k")):
        if x >= div:
            return "%.3g %s" % (x / div, suf)
    return "%.3g" % x


def print_table(results, args):
    w = sys.stdout.write
    for model in args.models:
        rows = [r for r in results if r["model"] == model]
        if not rows:
            continue
        w("\n%s, %g s simulated, dt %g ms, p = 80/N; exc rate over the whole run [0, T); "
          "times: min / median of %d repeat(s)\n" % (model.upper(), args.duration, DT_MS, args.repeats))
        head = ("%-10s %-26s %9s %17s %9s %11s %9s %9s %-26s %-18s\n"
                % ("N", "tool", "build s", "sim s (min/med)", "RT factor", "syn ev/s", "RSS MiB",
                   "exc Hz s1", "exc Hz mean (min-max) K", "B2/Spiking"))
        w(head)
        w("-" * (len(head) - 1) + "\n")
        for r in rows:
            if r.get("skipped") or r.get("error"):
                w("%-10s %-26s %s\n" % ("{:,}".format(r["n"]), r["tool"],
                                        "SKIPPED: " + r["skipped"] if r.get("skipped") else "FAILED: " + r["error"].splitlines()[0]))
                continue
            ratio = r.get("ratio_text", "")
            mean = "%.3f (%.2f-%.2f) %d" % (r["rate_exc_hz_mean"], r["rate_exc_hz_min"], r["rate_exc_hz_max"],
                                           len(r["rate_seeds"]))
            w("%-10s %-26s %9.3f %8.3f/%-8.3f %9.2f %11s %9.0f %9.3f %-26s %-18s\n"
              % ("{:,}".format(r["n"]), r["tool"], r["build_s_min"], r["sim_s_min"], r["sim_s_median"],
                 r["realtime_factor"], fmt_si(r["synaptic_events_per_s"]), r["peak_rss_bytes"] / 2**20,
                 r["rate_exc_hz"], mean, ratio))
        w("excitatory rate per seed (Hz; s1 = the seed of the timed runs):\n")
        for r in rows:
            if r.get("skipped") or r.get("error"):
                continue
            vs = ""
            if r.get("rate_rel_diff_mean") is not None:
                vs = "; vs Spiking %+.1f %%" % (100 * r["rate_rel_diff_mean"])
                if r.get("rate_diff_mean_z") is not None:
                    vs += " (%+.1f SE)" % r["rate_diff_mean_z"]
            w("  %-10s %-26s seeds %-7s %s; mean %.3f, SD %s%s%s\n"
              % ("{:,}".format(r["n"]), r["tool"], fmt_seeds(r["rate_seeds"]) + ":",
                 " ".join("%.3f" % x for x in r["rate_exc_hz_by_seed"]), r["rate_exc_hz_mean"],
                 "-" if r["rate_exc_hz_sd"] is None else "%.3f" % r["rate_exc_hz_sd"], vs,
                 "  (FAILED after these: %s)" % r["rate_seeds_error"].splitlines()[0]
                 if r.get("rate_seeds_error") else ""))
    flagged = [r for r in results if r.get("rate_flag")]
    w("\nB2/Spiking = Brian2 sim time / Spiking sim time, same thread count, seed s1; >1 means Spiking is "
      "faster. cpp_standalone: each Spiking run is followed at once by one run of Brian2's compiled main, and the "
      "ratio is the median [range] of these paired ratios, so that the machine's drift between minutes falls "
      "on both (--no-pairing: runs in blocks, ratio of the minima). Runtime device: ratio of the minima. "
      "Given where the mean excitatory rates over the seeds (K network realisations per tool) agree within "
      "%g %%.\n" % (args.rate_tolerance * 100))
    if flagged:
        w("RATES DIFFER (> %g %%), no speed ratio counted: %s\n"
          % (args.rate_tolerance * 100, "; ".join("%s N=%d %s mean %.3f Hz vs Spiking mean %.3f Hz (%+.1f %%%s; "
                                                  "uncounted ratio %.2f)"
                                              % (r["model"], r["n"], r["tool"], r["rate_exc_hz_mean"],
                                                 r["spiking_rate_exc_hz_mean"], 100 * r["rate_rel_diff_mean"],
                                                 ", %.1f SE" % r["rate_diff_mean_z"]
                                                 if r.get("rate_diff_mean_z") is not None else "",
                                                 r["speed_ratio_uncounted"])
                                              for r in flagged)))
    busy = [r for r in results if (r.get("others_cpu_share_max") or 0) > BUSY_SHARE]
    if busy:
        w("BUSY MACHINE: other processes used more than %d %% of the CPU during: %s\n"
          % (BUSY_SHARE * 100, "; ".join("%s N=%d %s (%.0f %%)" % (r["model"], r["n"], r["tool"],
                                                                   100 * r["others_cpu_share_max"]) for r in busy)))
    w("build: Spiking network construction; cpp_standalone: initial values + synapse creation inside "
      "main (compile time separate, in the JSON); runtime: Python wall of group/synapse creation "
      "(incl. Cython compilation when not cached). Runtime device is single-threaded.\n")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", help="comma list of N (default: cuba 4000,40000,400000,1000000; coba 4000,40000)")
    ap.add_argument("--models", default="cuba,coba", help="comma list of cuba,coba (default both)")
    ap.add_argument("--duration", type=float, default=1.0, help="simulated seconds (default 1)")
    ap.add_argument("--threads", default=str(os.cpu_count() or 1),
                    help="Spiking --threads and Brian2 OpenMP threads; a comma list runs each "
                         "(default: number of cores, %d)" % (os.cpu_count() or 1))
    ap.add_argument("--repeats", type=int, default=1, help="runs per tool and size; min and median reported")
    ap.add_argument("--seed", type=int, default=1, help="seed of both simulators (different RNGs: "
                                                         "same statistics, not the same network)")
    ap.add_argument("--rate-tolerance", type=float, default=RATE_TOLERANCE,
                    help="relative difference of the K-seed mean excitatory rates above which no "
                         "speed ratio is given (default 0.05)")
    ap.add_argument("--rate-seeds", type=int, metavar="K",
                    help="seeds (network realisations) seed .. seed+K-1 whose mean excitatory rate "
                         "the rate check compares; the extra K-1 runs per tool are untimed "
                         "(default: %s, 1 above; a given K applies at every N)" % default_seeds_text())
    ap.add_argument("--skip-runtime", action="store_true", help="do not run Brian2's runtime device")
    ap.add_argument("--skip-standalone", action="store_true", help="do not run Brian2 cpp_standalone")
    ap.add_argument("--no-pairing", action="store_true",
                    help="run Spiking's repeats, then cpp_standalone's, in blocks (default: alternate them "
                         "and take the median of the paired ratios)")
    ap.add_argument("--runtime-budget", type=float, default=300.0,
                    help="skip the runtime device where its projected time per run exceeds this (s)")
    ap.add_argument("--omp-wait-policy", choices=["default", "passive", "active"], default="default",
                    help="OMP_WAIT_POLICY for Brian2's main (default: leave libgomp's default)")
    ap.add_argument("--spiking", help="use this spiking executable instead of publishing one")
    ap.add_argument("--spiking-source", choices=["worktree", "head"], default="worktree",
                    help="what to publish Spiking from: the working tree as it is (default), or "
                         "the commit HEAD")
    ap.add_argument("--timeout", type=float, default=3600.0, help="limit per process (s)")
    ap.add_argument("--out", help="write all figures as JSON here")
    ap.add_argument("--keep-tmp", action="store_true", help="keep the temporary directory")
    ap.add_argument("--_worker", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args._worker:
        return worker_main(args._worker)

    args.models = [m.strip() for m in args.models.split(",") if m.strip()]
    for m in args.models:
        if m not in DEFAULT_SIZES:
            ap.error("unknown model %r (cuba, coba)" % m)
    sizes = {m: ([int(s) for s in args.sizes.split(",")] if args.sizes else DEFAULT_SIZES[m]) for m in args.models}
    threads_list = [int(t) for t in args.threads.split(",")]
    if args.repeats < 1:
        ap.error("--repeats must be >= 1")
    if args.rate_seeds is not None and args.rate_seeds < 1:
        ap.error("--rate-seeds must be >= 1")

    def seeds_for(n):
        k = args.rate_seeds if args.rate_seeds is not None else next(
            (k for max_n, k in RATE_SEEDS_DEFAULT if n <= max_n), 1)
        return [args.seed + i for i in range(k)]

    started = time.perf_counter()
    stages = []
    b0 = cpu_busy_s()
    time.sleep(2.0)
    b1 = cpu_busy_s()
    busy_share = (b1 - b0) / (2.0 * (os.cpu_count() or 1)) if b0 is not None and b1 is not None else None
    print("compare_cpu: models %s, sizes %s, %g s simulated, threads %s, repeats %d; %d cores, "
          "%s busy before the start"
          % (",".join(args.models), "; ".join("%s %s" % (m, ",".join(map(str, sizes[m]))) for m in args.models),
             args.duration, args.threads, args.repeats, os.cpu_count() or 1,
             "?" if busy_share is None else "%.0f %%" % (100 * busy_share)), flush=True)
    print("seeds: timed runs seed %d; rate check on the mean over seeds %s (--rate-seeds %s)"
          % (args.seed, "; ".join("N=%d: %s" % (n, fmt_seeds(seeds_for(n)))
                                  for n in sorted({n for m in args.models for n in sizes[m]})),
             args.rate_seeds if args.rate_seeds is not None
             else "default: %s, 1 above" % default_seeds_text()),
          flush=True)
    if busy_share is not None and busy_share > BUSY_SHARE:
        print("WARNING: other processes are using the CPU: timings will be slower and noisier than on "
              "an idle machine (the JSON has the CPU seconds others used during every run).", flush=True)
    tmp = tempfile.mkdtemp(prefix="compare_cpu_")
    results = []
    try:
        t0 = time.perf_counter()
        if args.spiking:
            exe = os.path.abspath(args.spiking)
        else:
            log("publishing Spiking (Release) from a snapshot of %s (%s) ..." % (REPO, args.spiking_source))
            exe = build_spiking(tmp, args.spiking_source)
        stages.append(("spiking publish", time.perf_counter() - t0))
        log("  %.1f s: %s" % (stages[-1][1], exe))
        commit, dirty = git_state()
        spiking_from = (exe if args.spiking else "%s of commit %s%s" % (
            "HEAD" if args.spiking_source == "head" else "working tree",
            (commit or "?")[:10], " with uncommitted changes" if dirty and args.spiking_source == "worktree" else ""))
        print("Spiking: %s" % spiking_from, flush=True)

        for model in args.models:
            runtime_done = []          # (n, worker wall per run, worker rss) for the projection
            for n in sizes[model]:
                for ti, threads in enumerate(threads_list):
                    group = []
                    seeds = seeds_for(n)
                    paired = not args.skip_standalone and not args.no_pairing
                    # Brian2 cpp_standalone: generate, compile, one run (the spikes and rates of seed s1),
                    # the rate seeds. Its timed runs follow, each right after one of Spiking's (paired).
                    b2 = b2_cfg = None
                    if not args.skip_standalone:
                        tag = "%s N=%d brian2 cpp_standalone t%d" % (model, n, threads)
                        b2 = dict(model=model, n=n, tool="brian2 standalone (%d thr)" % threads, threads=threads,
                                  seed=args.seed)
                        b2_cfg = dict(device="cpp_standalone", model=model, n=n, duration_s=args.duration,
                                      threads=threads, seed=args.seed, repeats=1 if paired else args.repeats,
                                      rate_seeds=seeds[1:], build_dir=os.path.join(tmp, "b2_%s_t%d" % (model, threads)),
                                      omp_wait_policy=None if args.omp_wait_policy == "default" else args.omp_wait_policy,
                                      timeout=args.timeout)
                        try:
                            t0 = time.perf_counter()
                            log("  %s: generating, compiling, running ..." % tag)
                            r = run_worker(b2_cfg, tmp, args.timeout * (b2_cfg["repeats"] + len(seeds)))
                            b2_first = r.pop("repeats")
                            seed_runs = r.pop("seed_runs")
                            b2.update(r)
                            rate_stats(b2, seed_runs)
                            if paired:
                                b2["unpaired_first_runs"] = b2_first   # warm-up: not in the timings
                            else:
                                summarise(b2, b2_first)
                            stages.append((tag, time.perf_counter() - t0))
                            log("  %s: compile %.1f s, first run sim %.3f s, exc %.3f Hz, total %.1f s"
                                % (tag, r["compile_s"], b2_first[0]["sim_s"], b2["rate_exc_hz"], stages[-1][1]))
                            for x in seed_runs:
                                log("  %s seed %d: exc %.3f Hz (sim %.3f s)" % (tag, x["seed"], x["rate_exc_hz"], x["sim_s"]))
                        except Exception as e:  # noqa: BLE001
                            b2["error"] = str(e)
                            log("  %s FAILED: %s" % (tag, e))

                    # Spiking, and (paired) one Brian2 cpp_standalone run after each of its runs
                    tag = "%s N=%d spiking t%d" % (model, n, threads)
                    entry = dict(model=model, n=n, tool="spiking (%d thr)" % threads, threads=threads,
                                 seed=args.seed)
                    b2_reps = []
                    try:
                        t0 = time.perf_counter()
                        reps = []
                        for k in range(args.repeats):
                            reps.append(run_spiking(exe, model, n, args.duration, threads, args.seed, tmp, args.timeout))
                            log("  %s rep %d: sim %.3f s, build %.3f s, exc %.3f Hz, process %.1f s"
                                % (tag, k + 1, reps[-1]["sim_s"], reps[-1]["build_s"], reps[-1]["rate_exc_hz"],
                                   reps[-1]["process_wall_s"]))
                            if paired and b2 is not None and not b2.get("error"):
                                try:
                                    x = run_standalone_main(b2_cfg["build_dir"], standalone_env(b2_cfg["omp_wait_policy"]),
                                                            args.timeout)
                                    b2_reps.append(x)
                                    log("  %s N=%d brian2 cpp_standalone t%d rep %d: sim %.3f s, build %.3f s (paired ratio %.2f)"
                                        % (model, n, threads, k + 1, x["sim_s"], x["build_s"], x["sim_s"] / reps[-1]["sim_s"]))
                                except Exception as e:  # noqa: BLE001
                                    b2["error"] = str(e)
                                    log("  brian2 cpp_standalone paired run FAILED: %s" % e)
                        base = {k: v for k, v in reps[0].items() if k not in ("sim_s", "build_s", "process_wall_s", "peak_rss_bytes", "process_cpu_s", "others_cpu_s")}
                        entry.update(base)
                        summarise(entry, reps)
                        stages.append((tag + (" (with paired brian2 runs)" if b2_reps else ""), time.perf_counter() - t0))
                        if len(seeds) > 1:
                            t0 = time.perf_counter()
                            seed_runs, err = [], None
                            try:
                                for k in seeds[1:]:
                                    x = run_spiking(exe, model, n, args.duration, threads, k, tmp, args.timeout)
                                    x["seed"] = k
                                    seed_runs.append(x)
                                    log("  %s seed %d: exc %.3f Hz (sim %.3f s)" % (tag, k, x["rate_exc_hz"], x["sim_s"]))
                            except Exception as e:  # noqa: BLE001
                                err = str(e)
                                log("  %s rate seeds FAILED: %s" % (tag, e))
                            rate_stats(entry, seed_runs, err)
                            stages.append((tag + " rate seeds", time.perf_counter() - t0))
                        else:
                            rate_stats(entry, [])
                    except Exception as e:  # noqa: BLE001 - report and go on
                        entry["error"] = str(e)
                        log("  %s FAILED: %s" % (tag, e))
                    group.append(entry)
                    spiking_entry = entry
                    if b2 is not None:
                        if paired and not b2.get("error"):
                            summarise(b2, b2_reps)
                            if not entry.get("error"):
                                b2["paired_ratios"] = [b["sim_s"] / s_["sim_s"] for b, s_ in zip(b2_reps, entry["repeats"])]
                        group.append(b2)

                    # Brian2 runtime (single-threaded: only with the first thread setting)
                    if not args.skip_runtime and ti == 0:
                        tag = "%s N=%d brian2 runtime" % (model, n)
                        entry = dict(model=model, n=n, tool="brian2 runtime (cython, 1)", threads=1,
                                     seed=args.seed)
                        skip = None
                        if runtime_done:
                            n0, wall0, rss0 = runtime_done[-1]
                            proj_t = wall0 * n / n0
                            proj_m = rss0 * n / n0
                            avail = mem_available_bytes()
                            if proj_t > args.runtime_budget:
                                skip = ("projected %.0f s per run (from %.1f s at N=%d) > --runtime-budget %.0f s"
                                        % (proj_t, wall0, n0, args.runtime_budget))
                            elif avail and proj_m > 0.8 * avail:
                                skip = ("projected peak memory %.1f GiB > 80 %% of available %.1f GiB"
                                        % (proj_m / 2**30, avail / 2**30))
                        if skip:
                            entry["skipped"] = skip
                            log("  %s SKIPPED: %s" % (tag, skip))
                        else:
                            cfg = dict(device="runtime", model=model, n=n, duration_s=args.duration,
                                       seed=args.seed)
                            try:
                                t0 = time.perf_counter()
                                reps = []
                                for k in range(args.repeats):
                                    r = run_worker(cfg, tmp, args.timeout)
                                    reps.append(r)
                                    log("  %s rep %d: build %.2f s, prep %.2f s, sim %.3f s, exc %.3f Hz, process %.1f s"
                                        % (tag, k + 1, r["build_s"], r["prep_s"], r["sim_s"], r["rate_exc_hz"],
                                           r["worker_wall_s"]))
                                base = {k: v for k, v in reps[0].items()
                                        if k not in ("sim_s", "build_s", "prep_s", "peak_rss_bytes", "process_cpu_s",
                                                     "others_cpu_s", "worker_wall_s", "worker_peak_rss_bytes")}
                                entry.update(base)
                                summarise(entry, reps)
                                stages.append((tag, time.perf_counter() - t0))
                                runtime_done.append((n, min(x["worker_wall_s"] for x in reps),
                                                     entry["peak_rss_bytes"]))
                                if len(seeds) > 1:
                                    t0 = time.perf_counter()
                                    rcfg = dict(device="runtime_rates", model=model, n=n,
                                                duration_s=args.duration, rate_seeds=seeds[1:])
                                    seed_runs, err = [], None
                                    try:
                                        seed_runs = run_worker(rcfg, tmp, args.timeout * len(seeds))["seed_runs"]
                                        for x in seed_runs:
                                            log("  %s seed %d: exc %.3f Hz (sim %.3f s)"
                                                % (tag, x["seed"], x["rate_exc_hz"], x["sim_s"]))
                                    except Exception as e:  # noqa: BLE001
                                        err = str(e)
                                        log("  %s rate seeds FAILED: %s" % (tag, e))
                                    rate_stats(entry, seed_runs, err)
                                    stages.append((tag + " rate seeds", time.perf_counter() - t0))
                                else:
                                    rate_stats(entry, [])
                            except Exception as e:  # noqa: BLE001
                                entry["error"] = str(e)
                                log("  %s FAILED: %s" % (tag, e))
                        group.append(entry)

                    # rate check and speed ratio
                    for e in group[1:]:
                        if e.get("error") or e.get("skipped") or spiking_entry.get("error"):
                            continue
                        # rate_rel_diff: first seed alone (as before); the check: K-seed means
                        rs, rb = spiking_entry["rate_exc_hz"], e["rate_exc_hz"]
                        e["spiking_rate_exc_hz"] = rs
                        e["rate_rel_diff"] = (rb - rs) / rs if rs > 0 else float("inf")
                        ms_, mb = spiking_entry["rate_exc_hz_mean"], e["rate_exc_hz_mean"]
                        e["spiking_rate_exc_hz_mean"] = ms_
                        e["spiking_rate_seeds"] = spiking_entry["rate_seeds"]
                        e["rate_rel_diff_mean"] = (mb - ms_) / ms_ if ms_ > 0 else float("inf")
                        # standard error of the difference of the means (sample SDs over the seeds):
                        # with K = 5 and a seed-to-seed SD of ~5 % (COBA) it is ~3 % of the rate,
                        # so the 5 % rule flags identical models now and then; z says how often
                        sd_s, sd_b = spiking_entry["rate_exc_hz_sd"], e["rate_exc_hz_sd"]
                        if sd_s is not None and sd_b is not None:
                            se = (sd_s ** 2 / len(spiking_entry["rate_seeds"]) + sd_b ** 2 / len(e["rate_seeds"])) ** 0.5
                            e["rate_diff_mean_se_hz"] = se
                            e["rate_diff_mean_z"] = (mb - ms_) / se if se > 0 else None
                        if abs(e["rate_rel_diff_mean"]) > args.rate_tolerance:
                            e["rate_flag"] = True
                            e["ratio_text"] = "RATES DIFFER"
                            e["speed_ratio_uncounted"] = e["sim_s_min"] / spiking_entry["sim_s_min"]
                        else:
                            e["speed_ratio_of_minima"] = e["sim_s_min"] / spiking_entry["sim_s_min"]
                            if e.get("paired_ratios"):
                                pr = e["paired_ratios"]
                                e["speed_ratio"] = statistics.median(pr)
                                e["ratio_text"] = "%.2f [%.2f-%.2f]" % (e["speed_ratio"], min(pr), max(pr))
                            else:
                                e["speed_ratio"] = e["speed_ratio_of_minima"]
                                e["ratio_text"] = "%.2f" % e["speed_ratio"]
                    results.extend(group)
    finally:
        if args.keep_tmp:
            log("temporary files kept in %s" % tmp)
        else:
            shutil.rmtree(tmp, ignore_errors=True)

    print_table(results, args)
    total = time.perf_counter() - started
    print("\nstage times: " + "; ".join("%s %.1f s" % s for s in stages) + "; total %.1f s" % total)

    if args.out:
        cpu = None
        try:
            with open("/proc/cpuinfo") as f:
                cpu = next((l.split(":", 1)[1].strip() for l in f if l.startswith("model name")), None)
        except OSError:
            pass
        doc = dict(command=" ".join(sys.argv), git_commit=commit, git_dirty=dirty, spiking=spiking_from,
                   machine=dict(cpu=cpu, cores=os.cpu_count(), platform=platform.platform()),
                   duration_s=args.duration, dt_ms=DT_MS, k_in=K_IN, seed=args.seed,
                   rate_window="whole run [0, T)", rate_tolerance=args.rate_tolerance,
                   rate_seeds_option=args.rate_seeds,
                   rate_seeds_default=[dict(max_n=m, k=k) for m, k in RATE_SEEDS_DEFAULT],
                   rate_check="|mean_B2 - mean_Spiking| / mean_Spiking over the seeds rate_seeds of "
                              "each entry (timed runs: seed; the other seeds run untimed)",
                   omp_wait_policy=args.omp_wait_policy, repeats=args.repeats,
                   stages=[dict(stage=s, wall_s=t) for s, t in stages], total_s=total, results=results)
        with open(args.out, "w") as f:
            json.dump(doc, f, indent=2)
            f.write("\n")
        print("wrote %s" % args.out)
    return 1 if any(r.get("error") for r in results) else 0


if __name__ == "__main__":
    sys.exit(main())
