#!/usr/bin/env bash
# Regenerates test/fixtures/math/glibc-math.json: glibc's own fma, log, sin and cos on fixed inputs
# (hard cases where glibc is not correctly rounded, random inputs, edge cases), the ground truth of
# test/math/fma.test.ts and test/math/glibcMath.test.ts. The test suite itself needs no C compiler.
#
# It must run where glibc's ifunc picks the FMA variants (__fma_fma, __log_fma, __sin_fma,
# __cos_fma): x86-64 with FMA and AVX2, glibc 2.36 (the committed file: Debian 12, glibc
# 2.36-9+deb12u14, gcc 12). Elsewhere it refuses, since the numbers would be another libm's.
#
# Usage: bash scripts/gen-glibc-fixtures.sh [OUTPUT_DIR]   (default test/fixtures/math)
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-test/fixtures/math}"
if [ "$(uname -m)" != x86_64 ] || ! grep -qw fma /proc/cpuinfo || ! grep -qw avx2 /proc/cpuinfo; then
  echo "gen-glibc-fixtures: needs x86-64 with FMA and AVX2 (glibc then runs its FMA variants)" >&2
  exit 1
fi
glibc="$(getconf GNU_LIBC_VERSION)"
if [ "$glibc" != "glibc 2.36" ]; then
  echo "gen-glibc-fixtures: found $glibc; the ports follow glibc 2.36 (set ALLOW_OTHER_GLIBC=1 to write anyway)" >&2
  [ "${ALLOW_OTHER_GLIBC:-}" = 1 ] || exit 1
fi
mkdir -p "$out"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
# -fno-builtin: call libm, never fold at compile time; -ffp-contract=off: the harness's own
# arithmetic (inputs) stays unfused.
gcc -O2 -fno-builtin -ffp-contract=off -o "$tmp/gen" scripts/glibc-math-fixtures.c -lm
"$tmp/gen" > "$tmp/glibc-math.json"
mv "$tmp/glibc-math.json" "$out/glibc-math.json"
echo "wrote $out/glibc-math.json ($glibc, $(gcc --version | head -1))"
