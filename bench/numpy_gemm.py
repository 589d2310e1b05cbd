#!/usr/bin/env python3
"""The numpy peer of bench/gemm-bench.mjs: times the three dense products of a feature-major layer
with numpy (one OpenBLAS thread: the caller sets OPENBLAS_NUM_THREADS=1), on the same shapes and
with the same protocol (best of N samples, each sample R calls, R sized to ~2 MFLOP):
  forward      Z = W @ A + b       (np.matmul into Z, then Z += b[:, None])
  weightGrads  dW = dZ @ A.T, db = dZ.sum(axis=1)
  inputGrads   dA = W.T @ dZ
Usage: numpy_gemm.py '<json list of [out, in, m]>' SAMPLES. Prints one JSON object on stdout:
{"numpy": version, "blas": name, "results": [{"shape": [out, in, m], "dtype": "float64"|"float32",
"product": "forward"|"weightGrads"|"inputGrads", "seconds": best seconds per call}, ...]}.
"""
import json
import warnings
import sys
import time

import numpy as np


def blas_name():
    try:
        cfg = np.show_config(mode="dicts")  # numpy >= 1.25
        return cfg["Build Dependencies"]["blas"]["name"]
    except Exception:
        pass
    try:
        with warnings.catch_warnings():  # numpy.distutils warns that it is deprecated
            warnings.simplefilter("ignore")
            from numpy.distutils.system_info import get_info  # older numpy
        return ",".join(sorted(set(get_info("blas_opt").get("libraries", [])))) or "unknown"
    except Exception:  # the name is not worth failing the benchmark over
        return "unknown"


def best(fn, reps, samples):
    t = float("inf")
    for _ in range(samples):
        t0 = time.perf_counter()
        for _ in range(reps):
            fn()
        t = min(t, (time.perf_counter() - t0) / reps)
    return t


def main():
    shapes = json.loads(sys.argv[1])
    samples = int(sys.argv[2])
    rng = np.random.default_rng(7)
    results = []
    for out, inn, m in shapes:
        for dtype in ("float64", "float32"):
            w = rng.standard_normal((out, inn)).astype(dtype)
            b = rng.standard_normal(out).astype(dtype)
            a = rng.standard_normal((inn, m)).astype(dtype)
            dz = rng.standard_normal((out, m)).astype(dtype)
            z = np.empty((out, m), dtype)
            dw = np.empty((out, inn), dtype)
            db = np.empty(out, dtype)
            da = np.empty((inn, m), dtype)
            bcol = b[:, None]

            def forward():
                np.matmul(w, a, out=z)
                np.add(z, bcol, out=z)

            def weight_grads():
                np.matmul(dz, a.T, out=dw)
                np.sum(dz, axis=1, out=db)

            def input_grads():
                np.matmul(w.T, dz, out=da)

            reps = max(1, round(2e6 / (2 * out * inn * m)))
            for name, fn in (("forward", forward), ("weightGrads", weight_grads), ("inputGrads", input_grads)):
                fn()  # warm-up
                results.append({"shape": [out, inn, m], "dtype": dtype, "product": name, "seconds": best(fn, reps, samples)})
    print(json.dumps({"numpy": np.__version__, "blas": blas_name(), "results": results}))


if __name__ == "__main__":
    main()
