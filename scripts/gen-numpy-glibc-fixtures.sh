#!/usr/bin/env bash
# Regenerates test/fixtures/random/numpy-glibc-vectors.json: numpy's legacy RandomState streams and
# scikit-learn's make_circles / make_moons for many seeds, the ground truth of
# test/random/numpyGlibc.test.ts and test/data/sklearnGlibc.test.ts. The test suite needs no Python.
#
# Which numpy the vectors equal (initlab's default numerics, src/math/glibcLog.ts, glibcSinCos.ts):
# - standard_normal / normal: numpy's `legacy_gauss` calls C `log()`, i.e. glibc's. On x86-64 with
#   FMA and AVX2 glibc's ifunc runs __log_fma, whose bits initlab reproduces. numpy's own SIMD does
#   not enter, so these equal numpy on any such CPU, AVX512 or not (checked below).
# - make_circles / make_moons: `np.cos` / `np.sin` on arrays. numpy ≥ 1.22 on a CPU with AVX512F
#   (AVX512_SKX) runs its own vectorised float64 sin/cos, not glibc's; with
#   NPY_DISABLE_CPU_FEATURES="AVX512F …" (or on a CPU without AVX512F) it calls glibc's sin/cos
#   per element (__sin_fma/__cos_fma on an FMA CPU). The fixtures are made in that glibc
#   configuration; the script also runs the default configuration and records how far it differs.
# Committed file: Debian 12 python3-numpy 1.24.2, python3-sklearn 1.2.1, glibc 2.36, on an x86-64
# CPU with FMA, AVX2 and AVX512.
#
# Usage: bash scripts/gen-numpy-glibc-fixtures.sh [OUTPUT_DIR]   (default test/fixtures/random)
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-test/fixtures/random}"
py="${PYTHON:-/usr/bin/python3}"
if ! "$py" -c 'import numpy, sklearn' >/dev/null 2>&1; then
  echo "gen-numpy-glibc-fixtures: $py lacks numpy or scikit-learn (Debian: apt-get install python3-sklearn)" >&2
  exit 1
fi
if [ "$(uname -m)" != x86_64 ] || ! grep -qw fma /proc/cpuinfo || ! grep -qw avx2 /proc/cpuinfo; then
  echo "gen-numpy-glibc-fixtures: needs x86-64 with FMA and AVX2 (glibc's FMA variants of log/sin/cos)" >&2
  exit 1
fi
mkdir -p "$out"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

cat > "$tmp/gen.py" <<'PY'
import base64, json, os, platform, sys
import numpy as np
import sklearn
from sklearn.datasets import make_circles, make_moons
from numpy.core._multiarray_umath import __cpu_features__ as cpu

SEEDS = [0, 1, 2, 3, 42, 123, 2024, 4294967295]
N_NORMALS = 3000
SIZES = [7, 100, 301]
BIG_SIZE_SEEDS = {0, 2024}  # these also get n = 1000

def b64(a):
    return base64.b64encode(np.ascontiguousarray(a, dtype='<f8').tobytes()).decode('ascii')

def labels(y):
    return ''.join(str(int(v)) for v in y)

normals, datasets = [], []
for seed in SEEDS:
    rs = np.random.RandomState(seed)
    std = rs.standard_normal(N_NORMALS)          # the first N_NORMALS normals of a fresh seed
    nrm = rs.normal(1.5, 0.25, 100)              # then normal(loc, scale): continues the stream
    uni = rs.uniform(-3.0, 5.0, 100)             # then uniform(low, high)
    nrm2 = rs.normal(-2.0, 3.0, 51)              # odd count: leaves a cached gauss behind
    normals.append({'seed': seed, 'standardNormal': b64(std), 'normal_1.5_0.25': b64(nrm),
                    'uniform_-3_5': b64(uni), 'normal_-2_3': b64(nrm2)})
    sizes = SIZES + ([1000] if seed in BIG_SIZE_SEEDS else [])
    for name, make, noise in (('circles', make_circles, 0.05), ('moons', make_moons, 0.2)):
        for n in sizes:
            X, y = make(n_samples=n, noise=noise, random_state=np.random.RandomState(seed))
            datasets.append({'name': name, 'seed': seed, 'nSamples': n, 'noise': noise,
                             'X': b64(X), 'y': labels(y)})

doc = {
    'numpy': np.__version__, 'sklearn': sklearn.__version__, 'python': platform.python_version(),
    'glibc': ' '.join(platform.libc_ver()), 'machine': platform.machine(),
    'NPY_DISABLE_CPU_FEATURES': os.environ.get('NPY_DISABLE_CPU_FEATURES', ''),
    'cpu': {k: bool(cpu[k]) for k in ('FMA3', 'AVX2', 'AVX512F', 'AVX512_SKX')},
    'encoding': 'arrays are base64 of little-endian float64; X is (n, 2) row-major; y is one digit per sample',
    'normals': normals, 'datasets': datasets,
}
json.dump(doc, open(sys.argv[1], 'w'), separators=(',', ':'))
PY

# The fixture: numpy with its AVX512 loops switched off, so that np.sin/np.cos call glibc.
NPY_DISABLE_CPU_FEATURES="AVX512F AVX512CD AVX512_SKX AVX512_CLX AVX512_CNL AVX512_ICL" \
  "$py" "$tmp/gen.py" "$tmp/glibc.json"
# The same with numpy's defaults, to record what its AVX512 sin/cos change (nothing is taken from it).
"$py" "$tmp/gen.py" "$tmp/default.json"

"$py" - "$tmp/glibc.json" "$tmp/default.json" "$out/numpy-glibc-vectors.json" <<'PY'
import base64, json, sys
import numpy as np
g, d = (json.load(open(p)) for p in sys.argv[1:3])
dec = lambda s: np.frombuffer(base64.b64decode(s), dtype='<f8')
same_normals = all(a[k] == b[k] for a, b in zip(g['normals'], d['normals']) for k in a)
diff = total = 0
max_abs = max_ulp = max_rel = 0.0
for a, b in zip(g['datasets'], d['datasets']):
    x, y = dec(a['X']), dec(b['X'])
    total += x.size
    ne = x != y
    diff += int(ne.sum())
    if ne.any():
        max_abs = max(max_abs, float(np.max(np.abs(x - y))))
        max_ulp = max(max_ulp, float(np.max(np.abs(x - y) / np.spacing(np.abs(x)))))
        max_rel = max(max_rel, float(np.max(np.abs(x - y)[ne] / np.abs(x[ne]))))
g['defaultNumpyComparison'] = {
    'cpu': d['cpu'],
    'normalsIdentical': same_normals,
    'datasetCoordinatesDiffering': diff, 'datasetCoordinates': total,
    'maxAbsDifference': max_abs, 'maxUlpDifference': max_ulp, 'maxRelativeDifference': max_rel,
}
json.dump(g, open(sys.argv[3], 'w'), separators=(',', ':'))
open(sys.argv[3], 'a').write('\n')
print('numpy', g['numpy'], 'sklearn', g['sklearn'], '->', sys.argv[3])
print('default numpy (AVX512 on this CPU: %s) vs glibc path: normals identical %s; %d of %d coordinates differ, max %.3g abs, %.3g ulp, %.3g relative'
      % (d['cpu']['AVX512_SKX'], same_normals, diff, total, max_abs, max_ulp, max_rel))
PY
