#!/usr/bin/env bash
# Regenerates test/fixtures/data/: scikit-learn's own make_moons / make_blobs / make_circles outputs,
# followed by train_test_split on the same RandomState, for test/data/*.test.ts to compare
# initlab's generators and makeDataset against. The test suite itself needs no Python. The
# committed fixtures were made with Debian's python3-numpy 1.24.2 and python3-sklearn 1.2.1.
#
# numpy ≥ 1.22 computes float64 sin/cos with AVX512 (SVML) kernels on CPUs that have them, which are
# not glibc's; NPY_DISABLE_CPU_FEATURES turns them off so numpy uses glibc's sin/cos (what initlab's
# glibcSin/glibcCos compute, src/math/glibcSinCos.ts).
#
# Usage: bash scripts/gen-data-fixtures.sh [OUTPUT_DIR]   (default test/fixtures/data)
set -euo pipefail
cd "$(dirname "$0")/.."

out="${1:-test/fixtures/data}"
py="${PYTHON:-/usr/bin/python3}"
if ! "$py" -c 'import numpy, sklearn' >/dev/null 2>&1; then
  echo "gen-data-fixtures: $py lacks numpy or scikit-learn (Debian: apt-get install python3-sklearn)" >&2
  exit 1
fi
mkdir -p "$out"
export NPY_DISABLE_CPU_FEATURES="AVX512F AVX512CD AVX512_SKX AVX512_CLX AVX512_CNL AVX512_ICL"

"$py" - "$out" <<'PY'
import json, os, sys
import numpy as np
import sklearn
from sklearn.datasets import make_blobs, make_circles, make_moons
from sklearn.model_selection import train_test_split

out = sys.argv[1]

def rows(a):
    # repr round-trips float64 exactly; JSON numbers parse back to the same doubles
    return [[float(v) for v in r] for r in np.asarray(a, dtype=np.float64)]

def case(name, make, kwargs, seed, test_size=0.25):
    rs = np.random.RandomState(seed)
    X, y = make(random_state=rs, **kwargs)
    Xtr, Xte, ytr, yte = train_test_split(X, y, test_size=test_size, random_state=rs)
    return {
        'name': name, 'seed': seed, 'kwargs': kwargs, 'testSize': test_size,
        'X': rows(X), 'y': [int(v) for v in y],
        'trainX': rows(Xtr), 'trainY': [int(v) for v in ytr],
        'testX': rows(Xte), 'testY': [int(v) for v in yte],
    }

cases = []
for n in (50, 51):
    for seed in (0, 1):
        cases.append(case('moons', make_moons, {'n_samples': n, 'noise': 0.1}, seed))
cases.append(case('moons', make_moons, {'n_samples': 7}, 3))             # noise=None: no draws
cases.append(case('moons', make_moons, {'n_samples': 3, 'noise': 0.2}, 4)) # linspace of one point
cases.append(case('blobs', make_blobs, {'n_samples': 50}, 0))
cases.append(case('blobs', make_blobs, {'n_samples': 31, 'n_features': 3, 'centers': 4, 'cluster_std': [0.5, 1.0, 1.5, 2.0], 'center_box': [-5.0, 5.0]}, 7, 0.3))
cases.append(case('blobs', make_blobs, {'n_samples': 20, 'centers': [[0.0, 1.0], [2.0, -1.0]], 'cluster_std': 0.25}, 2))
cases.append(case('circles', make_circles, {'n_samples': 40, 'noise': 0.05, 'factor': 0.5}, 5, 0.1))

doc = {'numpy': np.__version__, 'sklearn': sklearn.__version__,
       'NPY_DISABLE_CPU_FEATURES': os.environ.get('NPY_DISABLE_CPU_FEATURES', ''), 'cases': cases}
with open(os.path.join(out, 'sklearn-generators.json'), 'w') as f:
    json.dump(doc, f, separators=(',', ':'))
    f.write('\n')
print('numpy', np.__version__, 'sklearn', sklearn.__version__, '->', out, ':', len(cases), 'cases')
PY
