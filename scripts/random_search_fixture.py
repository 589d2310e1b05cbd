"""Reference draws for initlab's random sweep search (src/experiments/sweep/search.ts), from numpy's
legacy RandomState itself: every run draws its parameters in spec order, one draw each --
uniform: RandomState.uniform(min, max); log_uniform: exp(uniform(ln min, ln max));
int_uniform: randint(min, max + 1); choice: values[randint(0, n)].

Writes test/sweep/fixtures/random-search.json. Run: python3 scripts/random_search_fixture.py
"""
import json
import math
import os

import numpy as np

SPEC = {
    "seed": 7,
    "count": 12,
    "parameters": [
        ["learningRate", {"distribution": "log_uniform", "min": 1e-4, "max": 0.1}],
        ["depth", {"distribution": "int_uniform", "min": 1, "max": 4}],
        ["inits", {"distribution": "choice", "values": ["he", "xavier", "orthogonal"]}],
        ["data.noise", {"distribution": "uniform", "min": 0.05, "max": 0.3}],
    ],
}


def draw(rs, d):
    kind = d["distribution"]
    if kind == "uniform":
        return float(rs.uniform(d["min"], d["max"]))
    if kind == "log_uniform":
        return math.exp(float(rs.uniform(math.log(d["min"]), math.log(d["max"]))))
    if kind == "int_uniform":
        return int(rs.randint(d["min"], d["max"] + 1))
    return d["values"][int(rs.randint(0, len(d["values"])))]


rs = np.random.RandomState(SPEC["seed"])
rows = [[draw(rs, d) for _, d in SPEC["parameters"]] for _ in range(SPEC["count"])]
out = {"numpy": np.__version__, "spec": SPEC, "rows": rows}
path = os.path.join(os.path.dirname(__file__), "..", "test", "sweep", "fixtures", "random-search.json")
with open(path, "w") as f:
    json.dump(out, f, indent=1)
    f.write("\n")
print(path, len(rows))
