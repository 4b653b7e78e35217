#!/usr/bin/python3
"""A SONATA spike-file reader written from the SONATA developer guide (AllenInstitute/sonata,
docs/SONATA_DEVELOPER_GUIDE.md: "Common conventions / HDF5" and "Spike file"), independent of the
writer under test, with libsonata's reading of `sorting` (an HDF5 enum over uint8: none 0, by_id 1,
by_time 2) and its requirement of `units` on timestamps.

    sonata_spikes.py FILE.h5

Prints JSON {"magic", "version", "populations": {POP: {"sorting", "count", "units"}}, "errors": [...]}
and exits 0 when the file follows the guide, 1 when any rule is broken (each is listed in "errors").
"""
import json, sys

import h5py
import numpy as np

SORTING = {"none": 0, "by_id": 1, "by_time": 2}


def main(path):
    errors = []
    out = {"populations": {}, "errors": errors}
    with h5py.File(path, "r") as f:
        # Every SONATA h5 file: 'magic', a uint32 0x0A7A, and 'version', 2 x uint32.
        magic = f.attrs.get("magic")
        if magic is None:
            errors.append("no root attribute 'magic'")
        else:
            m = np.asarray(magic)
            if m.dtype != np.uint32 or m.shape not in ((), (1,)) or int(m.reshape(-1)[0]) != 0x0A7A:
                errors.append(f"'magic' must be a uint32 0x0A7A, got {m.dtype} {m.shape} {m!r}")
            else:
                out["magic"] = int(m.reshape(-1)[0])
        version = f.attrs.get("version")
        if version is None:
            errors.append("no root attribute 'version'")
        else:
            v = np.asarray(version)
            if v.dtype != np.uint32 or v.shape != (2,):
                errors.append(f"'version' must be 2 x uint32, got {v.dtype} {v.shape}")
            else:
                out["version"] = [int(x) for x in v]
        if "spikes" not in f:
            errors.append("no /spikes group")
            return out
        for pop, g in f["spikes"].items():
            info = {}
            out["populations"][pop] = info
            where = f"/spikes/{pop}"
            if not isinstance(g, h5py.Group):
                errors.append(f"{where} is not a group")
                continue
            sorting = None
            if "sorting" in g.attrs:
                dt = g.attrs.get_id("sorting").dtype
                mapping = h5py.check_enum_dtype(dt)
                if mapping is None:
                    errors.append(f"{where}@sorting must be an HDF5 enum, got {dt}")
                else:
                    if mapping != SORTING:
                        errors.append(f"{where}@sorting enum members {mapping}, expected {SORTING}")
                    if dt != np.uint8:
                        errors.append(f"{where}@sorting enum base {dt}, libsonata reads uint8")
                    value = int(g.attrs["sorting"])
                    sorting = {v: k for k, v in mapping.items()}.get(value)
                    if sorting is None:
                        errors.append(f"{where}@sorting value {value} is not a member")
            info["sorting"] = sorting
            for name, dtype in (("timestamps", np.float64), ("node_ids", np.uint64)):
                if name not in g or not isinstance(g[name], h5py.Dataset):
                    errors.append(f"no dataset {where}/{name}")
                elif g[name].dtype != dtype or g[name].ndim != 1:
                    errors.append(f"{where}/{name} must be 1-D {np.dtype(dtype)}, got {g[name].dtype} {g[name].shape}")
            if errors and any(e.startswith(f"no dataset {where}") for e in errors):
                continue
            t = g["timestamps"][()]
            ids = g["node_ids"][()]
            units = g["timestamps"].attrs.get("units")
            if units is None:
                errors.append(f"{where}/timestamps has no 'units' attribute")
            else:
                info["units"] = units.decode() if isinstance(units, bytes) else str(units)
            if len(t) != len(ids):
                errors.append(f"{where}: {len(t)} timestamps but {len(ids)} node_ids")
            info["count"] = int(len(t))
            if sorting == "by_time" and np.any(np.diff(t) < 0):
                errors.append(f"{where} says by_time but timestamps decrease")
            if sorting == "by_id":
                order = np.lexsort((t, ids))
                if np.any(order != np.arange(len(t))):
                    errors.append(f"{where} says by_id but is not sorted by node id, then time")
    return out


if __name__ == "__main__":
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    result = main(sys.argv[1])
    print(json.dumps(result))
    sys.exit(1 if result["errors"] else 0)
