#!/usr/bin/env python3
"""numpy float64 twin of initlab's mini-batch MLP training, for bench/mlp-bench.mjs.

  python3 bench/numpy_mlp.py data DIR [--samples N] [--features F] [--classes K] [--seed S]
      Writes DIR/x.npy (F x N, feature-major, float64) and DIR/y.npy (N, float64 class indices):
      x = RandomState(S).randn(F, N); y = argmax(T @ x) for a teacher T = randn(K, F) drawn next
      from the same stream (a learnable problem).

  python3 bench/numpy_mlp.py train DIR [--hidden 256,128] [--epochs E] [--batch B] [--lr LR]
                                       [--init-seed I] [--shuffle-seed S]
      Trains a ReLU MLP with a softmax + cross-entropy head by plain sgd, doing the same arithmetic
      as initlab (src/nn, src/train/trainer.ts):
        init:    np.random.seed(I); W_l = randn(n_l, n_{l-1}) * sqrt(2 / n_{l-1}) in layer order
                 (initlab's 'he'), b_l = 0
        batches: rs = RandomState(S); every epoch perm = rs.permutation(N), consecutive slices of
                 B, the last one holding the remainder
        step:    Z = W @ A + b; relu; log-sum-exp softmax CE averaged over the batch;
                 dZ_L = (softmax - onehot) / m; dW = dZ @ A.T; db = dZ.sum(1); dA = W.T @ dZ;
                 W -= lr * dW; b -= lr * db
      Prints one JSON line: {"epochSeconds": [...], "finalLoss": mean CE on the whole training
      set after training, "blas": ...}. Only the training loop is timed (time.perf_counter).

Run with OPENBLAS_NUM_THREADS=1 (the bench does) to compare with initlab's single thread.
"""
import argparse
import json
import math
import os
import sys
import time

try:
    import numpy as np
except ImportError as e:  # the first python3 on PATH is often a pyenv/venv one without numpy
    raise SystemExit("numpy_mlp.py needs numpy (%s); try /usr/bin/python3" % e)


def make_data(args):
    rs = np.random.RandomState(args.seed)
    x = rs.randn(args.features, args.samples)
    teacher = rs.randn(args.classes, args.features)
    y = np.argmax(teacher @ x, axis=0).astype(np.float64)
    os.makedirs(args.dir, exist_ok=True)
    np.save(os.path.join(args.dir, "x.npy"), np.ascontiguousarray(x))
    np.save(os.path.join(args.dir, "y.npy"), y)


def ce_loss(z, y_idx):
    mx = z.max(axis=0)
    lse = mx + np.log(np.exp(z - mx).sum(axis=0))
    return float(np.mean(lse - z[y_idx, np.arange(z.shape[1])])), lse


def forward(params, x):
    a = x
    acts = [x]
    zs = []
    n = len(params)
    for l, (w, b) in enumerate(params):
        z = w @ a + b[:, None]
        zs.append(z)
        if l < n - 1:
            a = np.maximum(z, 0)
            acts.append(a)
    return zs, acts


def train(args):
    x = np.load(os.path.join(args.dir, "x.npy"))
    y = np.load(os.path.join(args.dir, "y.npy")).astype(np.int64)
    features, m = x.shape
    classes = int(y.max()) + 1
    sizes = [features] + [int(h) for h in args.hidden.split(",") if h] + [classes]
    np.random.seed(args.init_seed)
    params = []
    for l in range(1, len(sizes)):
        w = np.random.randn(sizes[l], sizes[l - 1]) * math.sqrt(2 / sizes[l - 1])
        params.append((w, np.zeros(sizes[l])))
    rs = np.random.RandomState(args.shuffle_seed)
    epoch_seconds = []
    for _ in range(args.epochs):
        t0 = time.perf_counter()
        perm = rs.permutation(m)
        for start in range(0, m, args.batch):
            idx = perm[start:start + args.batch]
            xb = x[:, idx]
            yb = y[idx]
            mb = xb.shape[1]
            zs, acts = forward(params, xb)
            zl = zs[-1]
            mx = zl.max(axis=0)
            lse = mx + np.log(np.exp(zl - mx).sum(axis=0))
            dz = np.exp(zl - lse) / mb
            dz[yb, np.arange(mb)] -= 1 / mb
            for l in range(len(params) - 1, -1, -1):
                w, b = params[l]
                dw = dz @ acts[l].T
                db = dz.sum(axis=1)
                if l > 0:
                    da = w.T @ dz
                    dz = da * (zs[l - 1] > 0)
                w -= args.lr * dw
                b -= args.lr * db
        epoch_seconds.append(time.perf_counter() - t0)
    zs, _ = forward(params, x)
    final_loss, _ = ce_loss(zs[-1], y)
    blas = "unknown"
    try:
        cfg = np.show_config(mode="dicts")  # numpy >= 1.25
        blas = cfg["Build Dependencies"]["blas"]["name"]
    except Exception:
        try:
            from numpy.distutils.system_info import get_info  # older numpy
            blas = ",".join(sorted(set(get_info("blas_opt").get("libraries", [])))) or "unknown"
        except Exception:
            pass
    print(json.dumps({"epochSeconds": epoch_seconds, "finalLoss": final_loss, "numpy": np.__version__, "blas": blas,
                      "python": sys.version.split()[0]}))


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = p.add_subparsers(dest="cmd", required=True)
    d = sub.add_parser("data")
    d.add_argument("dir")
    d.add_argument("--samples", type=int, default=10000)
    d.add_argument("--features", type=int, default=784)
    d.add_argument("--classes", type=int, default=10)
    d.add_argument("--seed", type=int, default=0)
    t = sub.add_parser("train")
    t.add_argument("dir")
    t.add_argument("--hidden", default="256,128")
    t.add_argument("--epochs", type=int, default=3)
    t.add_argument("--batch", type=int, default=128)
    t.add_argument("--lr", type=float, default=0.01)
    t.add_argument("--init-seed", type=int, default=3)
    t.add_argument("--shuffle-seed", type=int, default=4)
    args = p.parse_args()
    make_data(args) if args.cmd == "data" else train(args)


if __name__ == "__main__":
    main()
