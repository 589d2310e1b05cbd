#!/usr/bin/env python3
"""Independent numpy float64 reference for the course's "Initialization" experiment.

Usage: python3 bench/numpy_course.py CONFIG.json   (or `-` to read the config from stdin;
       no argument = all defaults)

It is written with the course's own operations (init_utils.py / the notebook), so that its
numbers can be compared with the notebook's printed costs and serve as fixtures for initlab.
Run it with NPY_DISABLE_CPU_FEATURES="AVX512F AVX512CD AVX512_SKX AVX512_CLX AVX512_CNL AVX512_ICL"
on AVX512 CPUs: numpy then uses glibc exp/log/sin/cos, which is what the notebook numbers match
(see docs/reference/numpy-legacy-rng.md section 7).

Output (stdout): one JSON document shaped like `initlab compare --json`. Non-finite floats are
written as the strings "Infinity", "-Infinity", "NaN" so that the output is strict JSON.
"""
import copy
import json
import math
import os
import platform
import sys
import time

try:
    import numpy as np
    import sklearn
    from sklearn.datasets import make_circles
except ImportError as e:  # the first python3 on PATH is often a pyenv/venv one without them
    raise SystemExit("numpy_course.py needs numpy and sklearn (%s); try /usr/bin/python3 "
                     "(Debian: apt-get install python3-numpy python3-sklearn)" % e)

DEFAULTS = {
    "data": {"name": "circles", "trainSamples": 300, "testSamples": 100, "noise": 0.05,
             "trainSeed": 1, "testSeed": 2},
    "network": {"hidden": [10, 5]},
    "training": {"learningRate": 0.01, "iterations": 15000, "logEvery": 1000},
    "inits": [{"name": "zeros"}, {"name": "random", "scale": 10}, {"name": "he"}],
    "initSeed": 3,
}


def resolve_config(given):
    """Fill every missing field from DEFAULTS (one level deep for the nested objects)."""
    if not isinstance(given, dict):
        raise SystemExit("config must be a JSON object")
    known = set(DEFAULTS)
    unknown = set(given) - known
    if unknown:
        raise SystemExit("unknown config fields: " + ", ".join(sorted(unknown)))
    cfg = copy.deepcopy(DEFAULTS)
    for key in ("data", "network", "training"):
        part = given.get(key, {})
        extra = set(part) - set(DEFAULTS[key])
        if extra:
            raise SystemExit("unknown %s fields: %s" % (key, ", ".join(sorted(extra))))
        cfg[key].update(part)
    if "inits" in given:
        cfg["inits"] = [resolve_init(i) for i in given["inits"]]
    else:
        cfg["inits"] = [resolve_init(i) for i in cfg["inits"]]
    if "initSeed" in given:
        cfg["initSeed"] = given["initSeed"]
    if cfg["data"]["name"] != "circles":
        raise SystemExit("only the circles data set is implemented in the numpy reference")
    return cfg


def resolve_init(spec):
    name = spec.get("name")
    if name == "random":
        return {"name": "random", "scale": spec.get("scale", 10)}
    if name in ("zeros", "he", "xavier"):
        return {"name": name}
    raise SystemExit("unknown init %r (zeros, random, he, xavier)" % (name,))


# ---- the course's functions (init_utils.py), generalised to any number of hidden layers ----

def sigmoid(x):
    return 1 / (1 + np.exp(-x))


def relu(x):
    return np.maximum(0, x)


def load_dataset(d):
    np.random.seed(d["trainSeed"])
    train_X, train_Y = make_circles(n_samples=d["trainSamples"], noise=d["noise"])
    np.random.seed(d["testSeed"])
    test_X, test_Y = make_circles(n_samples=d["testSamples"], noise=d["noise"])
    train_X = train_X.T
    train_Y = train_Y.reshape((1, train_Y.shape[0]))
    test_X = test_X.T
    test_Y = test_Y.reshape((1, test_Y.shape[0]))
    return train_X, train_Y, test_X, test_Y


def initialize(layers_dims, init, seed):
    """zeros / randn*factor per layer, drawn in layer order from one seeded global stream."""
    parameters = {}
    L = len(layers_dims)
    if init["name"] != "zeros":
        np.random.seed(seed)
    for l in range(1, L):
        if init["name"] == "zeros":
            parameters["W" + str(l)] = np.zeros((layers_dims[l], layers_dims[l - 1]))
        else:
            if init["name"] == "random":
                factor = init["scale"]
            elif init["name"] == "he":
                factor = np.sqrt(2 / layers_dims[l - 1])
            else:  # xavier (the course's "Xavier" = sqrt(1/fan_in))
                factor = np.sqrt(1 / layers_dims[l - 1])
            parameters["W" + str(l)] = np.random.randn(layers_dims[l], layers_dims[l - 1]) * factor
        parameters["b" + str(l)] = np.zeros((layers_dims[l], 1))
    return parameters


def forward_propagation(X, parameters, L):
    """relu for layers 1..L-1, sigmoid for layer L; cache keeps (z, a, W, b) per layer."""
    caches = []
    a = X
    for l in range(1, L + 1):
        W = parameters["W" + str(l)]
        b = parameters["b" + str(l)]
        z = np.dot(W, a) + b
        a_prev = a
        a = sigmoid(z) if l == L else relu(z)
        caches.append((z, a, W, b, a_prev))
    return a, caches


def backward_propagation(X, Y, caches, L):
    m = X.shape[1]
    grads = {}
    a_L = caches[L - 1][1]
    dz = 1. / m * (a_L - Y)
    for l in range(L, 0, -1):
        z, a, W, b, a_prev = caches[l - 1]
        grads["dW" + str(l)] = np.dot(dz, a_prev.T)
        grads["db" + str(l)] = np.sum(dz, axis=1, keepdims=True)
        if l > 1:
            da_prev = np.dot(W.T, dz)
            dz = np.multiply(da_prev, np.int64(a_prev > 0))
    return grads


def update_parameters(parameters, grads, learning_rate, L):
    for k in range(L):
        parameters["W" + str(k + 1)] = parameters["W" + str(k + 1)] - learning_rate * grads["dW" + str(k + 1)]
        parameters["b" + str(k + 1)] = parameters["b" + str(k + 1)] - learning_rate * grads["db" + str(k + 1)]
    return parameters


def compute_loss(a3, Y):
    m = Y.shape[1]
    logprobs = np.multiply(-np.log(a3), Y) + np.multiply(-np.log(1 - a3), 1 - Y)
    return 1. / m * np.nansum(logprobs)


def accuracy(X, Y, parameters, L):
    a, _ = forward_propagation(X, parameters, L)
    p = (a > 0.5).astype(np.int64)  # the course's predict: 1 where a3 > 0.5
    return float(np.mean(p[0, :] == Y[0, :]))


def train(X, Y, parameters, training, L, cost_every_iteration=False):
    """Full-batch GD. Records the cost before the update at i % logEvery == 0 (as the notebook
    prints), and the cost of the final weights at i = iterations."""
    costs = []
    lr = training["learningRate"]
    iterations = training["iterations"]
    log_every = training["logEvery"]
    start = time.perf_counter()
    for i in range(iterations):
        a, caches = forward_propagation(X, parameters, L)
        if cost_every_iteration:
            # The notebook's model() as written: compute_loss on every iteration, printed every 1000.
            cost = compute_loss(a, Y)
            if i % log_every == 0:
                costs.append((i, cost))
        elif i % log_every == 0:
            costs.append((i, compute_loss(a, Y)))
        grads = backward_propagation(X, Y, caches, L)
        parameters = update_parameters(parameters, grads, lr, L)
    seconds = time.perf_counter() - start
    a, _ = forward_propagation(X, parameters, L)
    costs.append((iterations, compute_loss(a, Y)))
    return parameters, costs, seconds


def json_float(x):
    x = float(x)
    if math.isnan(x):
        return "NaN"
    if math.isinf(x):
        return "Infinity" if x > 0 else "-Infinity"
    return x


def main(argv):
    cost_every_iteration = "--cost-every-iteration" in argv
    argv = [a for a in argv if a != "--cost-every-iteration"]
    if len(argv) > 2:
        raise SystemExit(__doc__)
    if len(argv) == 1:
        given = {}
    elif argv[1] == "-":
        given = json.load(sys.stdin)
    else:
        with open(argv[1]) as f:
            given = json.load(f)
    cfg = resolve_config(given)
    train_X, train_Y, test_X, test_Y = load_dataset(cfg["data"])
    layers_dims = [train_X.shape[0]] + list(cfg["network"]["hidden"]) + [1]
    L = len(layers_dims) - 1
    runs = []
    # random*10 overflows exp and takes log(0) at the start; the notebook shows those warnings
    # and prints inf. They are expected, so keep stderr clean.
    with np.errstate(divide="ignore", over="ignore", invalid="ignore"):
        for init in cfg["inits"]:
            params = initialize(layers_dims, init, cfg["initSeed"])
            params, costs, seconds = train(train_X, train_Y, params, cfg["training"], L, cost_every_iteration)
            runs.append({
                "init": init,
                "costs": [{"iteration": i, "cost": json_float(c)} for i, c in costs],
                "finalCost": json_float(costs[-1][1]),
                "trainAccuracy": accuracy(train_X, train_Y, params, L),
                "testAccuracy": accuracy(test_X, test_Y, params, L),
                "seconds": seconds,
            })
    out = {
        "config": cfg,
        "runs": runs,
        "reference": {
            "numpy": np.__version__,
            "sklearn": sklearn.__version__,
            "python": platform.python_version(),
            "npyDisableCpuFeatures": os.environ.get("NPY_DISABLE_CPU_FEATURES", ""),
        },
    }
    json.dump(out, sys.stdout, indent=1, allow_nan=False)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main(sys.argv)
