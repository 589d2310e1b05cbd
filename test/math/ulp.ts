/** Test helper: distance between two doubles in units in the last place. */

const view = new DataView(new ArrayBuffer(8));
const SIGN_MASK = 0x7fffffffffffffffn;

/** Maps a double to an integer so that adjacent doubles map to adjacent integers (−0 and +0 both to 0). */
function ordinal(x: number): bigint {
  view.setFloat64(0, x);
  const bits = view.getBigInt64(0);
  return bits < 0n ? -(bits & SIGN_MASK) : bits;
}

/** Number of representable doubles between a and b (0 when equal); Infinity when either is NaN. */
export function ulpDistance(a: number, b: number): number {
  if (Number.isNaN(a) || Number.isNaN(b)) return Infinity;
  const d = ordinal(a) - ordinal(b);
  return Number(d < 0n ? -d : d);
}
