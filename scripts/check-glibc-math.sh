#!/usr/bin/env bash
# Compares src/math/glibcLog.ts, glibcSinCos.ts and fma.ts with this machine's glibc on N random
# inputs per function (default 3,000,000; every branch, see scripts/glibc-math-stress.c). Not part of
# the test suite (it needs gcc and the right glibc): a wider check than the committed fixtures.
# Needs x86-64 with FMA and AVX2 and glibc 2.36, like scripts/gen-glibc-fixtures.sh.
# Usage: bash scripts/check-glibc-math.sh [N] [SEED]
set -euo pipefail
cd "$(dirname "$0")/.."
n="${1:-3000000}"
seed="${2:-12345}"
if [ "$(uname -m)" != x86_64 ] || ! grep -qw fma /proc/cpuinfo || ! grep -qw avx2 /proc/cpuinfo; then
  echo "check-glibc-math: needs x86-64 with FMA and AVX2 (glibc then runs its FMA variants)" >&2
  exit 1
fi
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
gcc -O2 -fno-builtin -ffp-contract=off -o "$tmp/stress" scripts/glibc-math-stress.c -lm
"$tmp/stress" "$n" "$seed" > "$tmp/stress.bin"
node --import tsx scripts/check-glibc-math.ts "$tmp/stress.bin"
