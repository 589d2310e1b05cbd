#!/usr/bin/env bash
# Regenerates test/fixtures/io/: .npy files written by numpy's own np.save, and a safetensors file
# written by a few lines of Python (numpy + json + struct; no safetensors package), for
# test/io/*.test.ts to compare initlab's encoders and decoders against. The test suite itself needs
# no Python. The committed fixtures were made with Debian's python3-numpy 1.24.2.
#
# Usage: bash scripts/gen-io-fixtures.sh [OUTPUT_DIR]   (default test/fixtures/io)
#
# Values: every "ramp" array holds v[i] = (i - 2.5) / 3 in C order (float64 division, correctly
# rounded, so the tests recompute it exactly); "special" holds edge values. Keep this list in step
# with FIXTURES in test/io/npy.test.ts.
set -euo pipefail
cd "$(dirname "$0")/.."

out="${1:-test/fixtures/io}"

# Prefer Debian's /usr/bin/python3 (numpy 1.24.2, what the committed fixtures were made with);
# the first interpreter on PATH may be a pyenv/venv one with another numpy or none.
py=""
for cand in "${PYTHON:-}" /usr/bin/python3 python3 python3.11 python; do
  [ -n "$cand" ] || continue
  if command -v "$cand" >/dev/null 2>&1 && "$cand" -c 'import numpy' >/dev/null 2>&1; then
    py="$cand"; break
  fi
done
if [ -z "$py" ]; then
  echo "gen-io-fixtures: no Python 3 with numpy found (Debian: apt-get install python3-numpy, then PYTHON=/usr/bin/python3)" >&2
  exit 1
fi
mkdir -p "$out"

"$py" - "$out" <<'PY'
import json, os, struct, sys
import numpy as np

out = sys.argv[1]

def ramp(shape, dtype='<f8'):
    n = int(np.prod(shape, dtype=np.int64))
    return ((np.arange(n, dtype=np.float64) - 2.5) / 3).reshape(shape).astype(dtype)

arrays = {
    'ramp-2x3-f8': ramp((2, 3)),
    'ramp-3-f8': ramp((3,)),
    'ramp-scalar-f8': ramp(()),
    'ramp-4x2x3-f8': ramp((4, 2, 3)),
    'ramp-2x3-f4': ramp((2, 3), '<f4'),
    'ramp-1000x3-f8': ramp((1000, 3)),
    # numpy pads a header that already ends on a 64-byte boundary by a full 64 spaces
    'empty-pad64-f8': ramp((0, 100, 10, 10, 10, 10, 10, 10, 10, 10, 10)),
    'special-7-f8': np.array([0.0, -0.0, 5e-324, 1.7976931348623157e308, np.inf, -np.inf, 1 / 3], dtype='<f8'),
    # for the decoder only: other byte order and Fortran order
    'ramp-2x3-f8-bigendian': ramp((2, 3), '>f8'),
    'ramp-3x4-f8-fortran': np.asfortranarray(ramp((3, 4))),
}
for name, a in arrays.items():
    np.save(os.path.join(out, name + '.npy'), a)

# safetensors, from the format description: u64 LE header size, compact JSON header (metadata
# first, then F64 tensors by name, then F32 tensors by name, data laid out in that order),
# padded with spaces to a multiple of 8 bytes, then the little-endian data.
tensors = [('bias', ramp((3,))), ('weight', ramp((2, 3))), ('scale', ramp((2, 2), '<f4'))]
header = {'__metadata__': {'initlab': 'fixture', 'spec': 'he'}}
data = b''
for name, a in tensors:
    raw = a.astype(a.dtype.newbyteorder('<')).tobytes(order='C')
    header[name] = {'dtype': {'f8': 'F64', 'f4': 'F32'}[a.dtype.str[1:]], 'shape': list(a.shape),
                    'data_offsets': [len(data), len(data) + len(raw)]}
    data += raw
h = json.dumps(header, separators=(',', ':')).encode('utf-8')
h += b' ' * ((8 - len(h) % 8) % 8)
with open(os.path.join(out, 'three-tensors.safetensors'), 'wb') as f:
    f.write(struct.pack('<Q', len(h)) + h + data)
print('numpy', np.__version__, '->', out, ':', ', '.join(sorted(os.listdir(out))))
PY
