import type { FloatArray } from '../core/dtype.js';
/*
 * Whether a dense layer's units are clones of each other: the zeros init never breaks that
 * symmetry, since identical units get identical gradients. Training (train/), the layer statistics
 * (diagnostics/) and the findings (experiments/) all judge it the same way, so it lives here,
 * below all three.
 */

/** True when every row of W (fanOut × fanIn) and every entry of b are equal: the layer's units are clones. */
export function unitsIdentical(w: FloatArray, b: FloatArray, fanOut: number, fanIn: number): boolean {
  for (let j = 1; j < fanOut; j++) {
    if (b[j] !== b[0]) return false;
    for (let k = 0; k < fanIn; k++) if (w[j * fanIn + k] !== w[k]) return false;
  }
  return true;
}
