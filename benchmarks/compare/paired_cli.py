#!/usr/bin/python3
"""Simulation time of two builds of the spiking CLI on the same models, in alternating (paired) runs.

    benchmarks/compare/paired_cli.py BEFORE/spiking AFTER/spiking [--repeats 7]

For each model (CUBA at 40,000 neurons: models/cuba.toml --scale 10; COBA at 4,000: models/coba.toml;
1 s simulated, 1 thread) both builds run alternately, each run's "simulated ... in X s wall" (the step
loop alone, without the network build) is read from its output, and the ratio AFTER/BEFORE is taken
pair by pair: on a noisy machine a ratio of neighbouring runs holds where absolute times drift.
Prints per model the median seconds of each build and the median and range of the paired ratios.
"""
import argparse, os, re, statistics, subprocess, sys, tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
MODELS = {
    "CUBA 40,000": ["models/cuba.toml", "--scale", "10"],
    "COBA 4,000": ["models/coba.toml"],
}
WALL = re.compile(r"simulated [0-9.]+ ms in ([0-9.]+) s wall")


def simulate(cli, args, out):
    r = subprocess.run([cli, "run", *args, "--threads", "1", "--out", out], cwd=ROOT, capture_output=True, text=True)
    if r.returncode != 0:
        sys.exit(f"{cli} failed ({r.returncode}): {r.stderr}")
    return float(WALL.search(r.stdout).group(1))


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("before")
    p.add_argument("after")
    p.add_argument("--repeats", type=int, default=7)
    a = p.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "x.h5")
        for name, args in MODELS.items():
            simulate(a.before, args, out), simulate(a.after, args, out)  # warm-up, not counted
            before, after = [], []
            for _ in range(a.repeats):
                before.append(simulate(a.before, args, out))
                after.append(simulate(a.after, args, out))
            ratios = [y / x for x, y in zip(before, after)]
            print(f"{name}: before {statistics.median(before):.3f} s, after {statistics.median(after):.3f} s (medians of {a.repeats}); "
                  f"after/before {statistics.median(ratios):.3f} (range {min(ratios):.3f}-{max(ratios):.3f})")


if __name__ == "__main__":
    main()
