// The output layer's activation and the start of backpropagation:
//   a_L = sigmoid(z) = 1 / (1 + np.exp(-z))      (init_utils.sigmoid)
//   dz_L = 1. / m * (a_L - Y)                    (init_utils.backward_propagation)
// Two samples per step with the f64x2 sigmoid of exp.ts (bit-identical to the scalar one, which
// handles an odd last sample), saturated samples included; the exps are a sizeable share of an
// iteration for the course's network (300 of them against ~60k multiply-adds, each with two
// divisions).
import { sigmoid, sigmoid2 } from './exp';

/**
 * Replaces z by sigmoid(z) in the first m entries of each of `rows` rows (row stride rowBytes)
 * and zeroes the padding. With `withDz`, also writes dz = (1/m)·(a − y) into the matching rows at
 * `dz` (labels y at `labels`, one row) and zeroes its padding, which keeps every padded sample out
 * of the gradient sums downstream.
 */
export function sigmoidAndDz(
  out: usize, dz: usize, labels: usize, m: i32, padded: i32, rows: i32, rowBytes: usize, withDz: bool,
): void {
  const invM = 1.0 / <f64>m; // the course multiplies by 1./m rather than dividing
  const invM2 = f64x2.splat(invM);
  const pairsEnd = <usize>(m & ~1) << 3;
  for (let r = 0; r < rows; r++) {
    const o = out + <usize>r * rowBytes;
    const d = dz + <usize>r * rowBytes;
    for (let at: usize = 0; at < pairsEnd; at += 16) {
      const a = sigmoid2(v128.load(o + at));
      v128.store(o + at, a);
      if (withDz) v128.store(d + at, f64x2.mul(invM2, f64x2.sub(a, v128.load(labels + at))));
    }
    if (m & 1) {
      const at = pairsEnd;
      const a = sigmoid(load<f64>(o + at));
      store<f64>(o + at, a);
      if (withDz) store<f64>(d + at, invM * (a - load<f64>(labels + at)));
    }
    for (let s = m; s < padded; s++) {
      const at = <usize>s << 3;
      store<f64>(o + at, 0.0);
      if (withDz) store<f64>(d + at, 0.0);
    }
  }
}
