#!/usr/bin/python3
"""Checks, with h5py and numpy only, that a readout's rows and /state share one clock and that
predictions are NaN where the readout had no weights.

    readout_clock.py FILE.h5 READOUT POPULATION VARIABLE

For every readout row whose time t also has a /state/POPULATION sample, the stored prediction must
equal w[0, 0] + sum_j w[0, 1 + j] * VARIABLE_j(t), with the readout's stored weights and the state
stored at the same t (the readout reads the population's outputs; here they are the VARIABLE).
Prints JSON {"matched", "max_abs_error", "nan_rows", "first_prediction_time", "train", "units"}.
"""
import json, sys

import h5py
import numpy as np


def text(v):
    return v.decode() if isinstance(v, bytes) else str(v)


def main(path, readout, pop, var):
    with h5py.File(path, "r") as f:
        r = f["readouts"][readout]
        t = r["time"][()]
        p = r["prediction"][()]
        w = r["weights"][()]
        s = f["state"][pop]
        st = s["time"][()]
        x = s[var][()]
        index = {v: k for k, v in enumerate(st.tolist())}
        errors = []
        for k, tk in enumerate(t.tolist()):
            if tk in index and not np.isnan(p[k]):
                expected = w[0, 0] + x[index[tk]] @ w[0, 1:]
                errors.append(abs(expected - p[k]))
        finite = np.flatnonzero(~np.isnan(p))
        units = {
            "time": text(r["time"].attrs["units"]),
            "washout_units": text(r.attrs["washout_units"]),
            "train_units": text(r.attrs["train_units"]),
            "dt_units": text(f.attrs["dt_units"]),
            "duration_units": text(f.attrs["duration_units"]),
            "state_time": text(st_units) if (st_units := s["time"].attrs.get("units")) is not None else None,
        }
        return {
            "matched": len(errors),
            "max_abs_error": float(max(errors)) if errors else None,
            "nan_rows": int(np.isnan(p).sum()),
            "rows": int(len(p)),
            "first_time": float(t[0]),
            "first_state_time": float(st[0]),
            "first_prediction_time": float(t[finite[0]]) if len(finite) else None,
            "train": float(r.attrs["train"]),
            "units": units,
        }


if __name__ == "__main__":
    print(json.dumps(main(*sys.argv[1:5])))
