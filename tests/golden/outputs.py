#!/usr/bin/python3
"""Byte-identity of every shipped model's output before and after a change (runtime issue 19).

Runs each shipped model and variant for a short simulated time with the CLI, hashes every dataset
of the HDF5 file it writes (dtype, shape and raw bytes: spikes, sampled state, readouts, weights;
attributes such as wall time are left out) and compares with tests/golden/output-hashes.json, which
was written by this script on the commit before the redesign.

    tests/golden/outputs.py [--cli PATH] [--update] [--only NAME ...]

--update rewrites the JSON (do it only on a commit whose outputs are known good). Exit 0 when every
hash matches, 1 when any differs (each difference is printed), 2 on a usage error.
"""
import argparse, hashlib, json, os, subprocess, sys, tempfile

import h5py
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
GOLDEN = os.path.join(HERE, "output-hashes.json")

# name -> arguments after `spiking run`; durations short enough for CI (the whole set in ~1 minute).
CASES = {
    "cuba": ["models/cuba.toml", "--duration", "200 ms"],
    "cuba-event": ["models/cuba.toml", "--duration", "200 ms", "--mode", "event"],
    "cuba-2threads": ["models/cuba.toml", "--duration", "200 ms", "--threads", "2"],
    "coba": ["models/coba.toml", "--duration", "200 ms"],
    "brunel-AI": ["models/brunel.toml", "--duration", "100 ms", "--variant", "AI", "--scale", "0.2"],
    "brunel-SR": ["models/brunel.toml", "--duration", "100 ms", "--variant", "SR", "--scale", "0.2"],
    "brunel-SI_fast": ["models/brunel.toml", "--duration", "100 ms", "--variant", "SI_fast", "--scale", "0.2"],
    "brunel-SI_slow": ["models/brunel.toml", "--duration", "100 ms", "--variant", "SI_slow", "--scale", "0.2"],
    "lsm": ["models/lsm.toml", "--duration", "300 ms"],
    "esn": ["models/esn-mackey-glass.toml"],
    "esn-generative": ["models/esn-mackey-glass.toml", "--variant", "generative"],
    "force": ["models/force.toml", "--duration", "2000 ms"],
    "force-lorenz": ["models/force.toml", "--variant", "lorenz", "--duration", "2000 ms"],
    "microcircuit": ["models/microcircuit.toml", "--scale", "0.02", "--duration", "100 ms"],
    "microcircuit-dc": ["models/microcircuit.toml", "--scale", "0.02", "--duration", "100 ms", "--variant", "dc"],
}


def digest(path):
    out = {}
    with h5py.File(path, "r") as f:
        def visit(name, obj):
            if isinstance(obj, h5py.Dataset):
                data = np.ascontiguousarray(obj[()])
                h = hashlib.sha256()
                h.update(str(data.dtype).encode())
                h.update(str(data.shape).encode())
                h.update(data.tobytes())
                out[name] = h.hexdigest()[:24]
        f.visititems(visit)
    return out


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--cli", default=os.path.join(ROOT, "src/Spiking.Cli/bin/Release/net10.0/spiking"))
    p.add_argument("--update", action="store_true")
    p.add_argument("--only", nargs="*")
    a = p.parse_args()
    names = a.only or list(CASES)
    unknown = [n for n in names if n not in CASES]
    if unknown:
        print(f"unknown case(s): {', '.join(unknown)}; known: {', '.join(CASES)}", file=sys.stderr)
        return 2
    golden = {}
    if os.path.exists(GOLDEN):
        with open(GOLDEN) as f:
            golden = json.load(f)
    failed = 0
    with tempfile.TemporaryDirectory() as tmp:
        for name in names:
            out = os.path.join(tmp, name + ".h5")
            cmd = [a.cli, "run", *CASES[name], "--out", out, "--quiet"]
            r = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)
            if r.returncode != 0:
                print(f"FAIL {name}: exit {r.returncode}\n{r.stderr}")
                failed += 1
                continue
            got = digest(out)
            if a.update:
                golden[name] = got
                print(f"wrote {name}: {len(got)} datasets")
                continue
            want = golden.get(name)
            if want is None:
                print(f"FAIL {name}: no golden hashes (run with --update on the reference commit)")
                failed += 1
            elif got != want:
                diff = sorted(k for k in set(got) | set(want) if got.get(k) != want.get(k))
                print(f"FAIL {name}: {len(diff)} dataset(s) differ: {', '.join(diff[:10])}")
                failed += 1
            else:
                print(f"ok   {name}: {len(got)} datasets identical")
    if a.update:
        with open(GOLDEN, "w") as f:
            json.dump(golden, f, indent=1, sort_keys=True)
            f.write("\n")
    print(f"outputs: {len(names) - failed} identical, {failed} different")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
