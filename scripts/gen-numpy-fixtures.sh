#!/usr/bin/env bash
# Regenerates test/fixtures/numpy-course-runs.json: regenerate with `bash scripts/gen-numpy-fixtures.sh`
#
# Runs the independent numpy reference (bench/numpy_course.py) on every configuration listed in
# scripts/numpy-fixture-configs.json and writes one fixture file that the test suite compares
# initlab against. Needs a Python 3 that imports numpy and sklearn (Debian: python3-numpy
# python3-sklearn; the fixtures were made with numpy 1.24.2 / sklearn 1.2.1).
#
# NPY_DISABLE_CPU_FEATURES turns off numpy's AVX512 exp/log/sin/cos so numpy uses glibc's, which
# is what reproduces the course notebook (docs/reference/numpy-legacy-rng.md, section 7).
# On CPUs with AVX512 the script also runs every case a second time WITH numpy's AVX512 math,
# a perturbation of a few ulp in exp/log/sin/cos, and records per run how many significant
# digits of the costs survive it ("sensitivity"). That tells the tests which runs are chaotic
# (random*10 is) and so cannot be compared digit for digit with another implementation.
#
# Usage: bash scripts/gen-numpy-fixtures.sh [OUTPUT]   (default test/fixtures/numpy-course-runs.json)
set -euo pipefail
cd "$(dirname "$0")/.."

out="${1:-test/fixtures/numpy-course-runs.json}"

# The first interpreter on PATH may be a pyenv/venv one without numpy, so try a few.
py=""
for cand in "${PYTHON:-}" python3 /usr/bin/python3 python3.11 python; do
  [ -n "$cand" ] || continue
  if command -v "$cand" >/dev/null 2>&1 && "$cand" -c 'import numpy, sklearn' >/dev/null 2>&1; then
    py="$cand"; break
  fi
done
if [ -z "$py" ]; then
  echo "gen-numpy-fixtures: no python3 that imports numpy and sklearn (tried \$PYTHON, python3, /usr/bin/python3, python3.11, python)." >&2
  echo "  On Debian/Ubuntu: apt-get install -y python3-numpy python3-sklearn" >&2
  exit 1
fi

export NPY_DISABLE_CPU_FEATURES="AVX512F AVX512CD AVX512_SKX AVX512_CLX AVX512_CNL AVX512_ICL"
# BLAS threading does not change these small products, but one thread keeps runs reproducible
# and the machine quiet.
export OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1

mkdir -p "$(dirname "$out")"
"$py" - "$out" <<'PY'
import json, math, os, subprocess, sys

out_path = sys.argv[1]
configs = json.load(open("scripts/numpy-fixture-configs.json"))
glibc_env = dict(os.environ)
simd_env = {k: v for k, v in os.environ.items() if k != "NPY_DISABLE_CPU_FEATURES"}

def run(config, env):
    p = subprocess.run([sys.executable, "bench/numpy_course.py", "-"], input=json.dumps(config),
                       capture_output=True, text=True, env=env, check=True)
    return json.loads(p.stdout)

def has_avx512():
    # Without the env var, does numpy dispatch AVX512 code? If not, both runs are identical.
    code = "from numpy.core._multiarray_umath import __cpu_features__ as f; print(f.get('AVX512F', False))"
    p = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=simd_env, check=True)
    return p.stdout.strip() == "True"

def digits(a, b):
    """Significant digits on which two costs agree (17 = identical doubles)."""
    if a == b:
        return 17.0
    if isinstance(a, str) or isinstance(b, str):
        return 0.0
    return round(min(17.0, -math.log10(abs(a - b) / max(abs(a), abs(b)))), 1)

perturb = has_avx512()
cases = []
ref = None
for c in configs:
    doc = run(c["config"], glibc_env)
    ref = doc["reference"]
    for r in doc["runs"]:
        del r["seconds"]  # timing is not a fixture
    case = {"id": c["id"], "about": c["about"], "config": c["config"],
            "expected": {"config": doc["config"], "runs": doc["runs"]}}
    if perturb:
        other = run(c["config"], simd_env)["runs"]
        case["sensitivity"] = [{
            "init": a["init"],
            "minCostDigits": min(digits(x["cost"], y["cost"]) for x, y in zip(a["costs"], b["costs"])),
            "accuraciesEqual": a["trainAccuracy"] == b["trainAccuracy"] and a["testAccuracy"] == b["testAccuracy"],
        } for a, b in zip(doc["runs"], other)]
    else:
        case["sensitivity"] = None
    cases.append(case)
    print("  %-26s %s" % (c["id"], ", ".join("%s%s: final %s" % (r["init"]["name"],
          "*%g" % r["init"]["scale"] if "scale" in r["init"] else "", r["finalCost"]) for r in doc["runs"])),
          file=sys.stderr)

fixture = {
    "about": ("Costs and accuracies of the course 'Initialization' experiment computed by the independent "
              "numpy float64 reference bench/numpy_course.py (glibc math via NPY_DISABLE_CPU_FEATURES), "
              "one case per configuration in scripts/numpy-fixture-configs.json. expected = the script's "
              "output minus timings. Costs at i % logEvery == 0 are before that iteration's update; the "
              "last entry (i = iterations) is the cost of the final weights. Non-finite costs are the "
              "strings 'Infinity'/'-Infinity'/'NaN'. sensitivity: per run, the significant digits of the "
              "costs that survive rerunning with numpy's AVX512 exp/log/sin/cos (a few-ulp perturbation); "
              "low values mark chaotic runs that another implementation cannot match digit for digit "
              "(null: this CPU had no AVX512, so no perturbation was run)."),
    "regenerate": "bash scripts/gen-numpy-fixtures.sh",
    "numpy": ref["numpy"],
    "sklearn": ref["sklearn"],
    "python": ref["python"],
    "npyDisableCpuFeatures": ref["npyDisableCpuFeatures"],
    "cases": cases,
}
with open(out_path, "w") as f:
    json.dump(fixture, f, indent=1, allow_nan=False)
    f.write("\n")
print("wrote %s (%d cases)" % (out_path, len(cases)), file=sys.stderr)
PY
