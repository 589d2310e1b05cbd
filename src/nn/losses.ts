import type { FloatArray } from '../core/dtype.js';
import type { OutputHead } from '../core/runConfig.js';
import { fdlibmExp } from '../math/exp.js';
// fdlibm's log/log1p, not Math's: engines round them differently (activations.ts says why that matters).
import { fdlibmLog, fdlibmLog1p } from '../math/fdlibm.js';
import { sigmoid } from './activations.js';

/*
 * Output heads and their losses, computed from the logits Z (nOut × m, feature-major, row stride m).
 * Every loss is a mean over the m samples of the batch, and every gradient is dL/dZ of that mean.
 *
 *   sigmoid  binary cross-entropy from logits (stable): ℓ = max(z, 0) − z·y + log1p(e^{−|z|});
 *            L = (1/m) Σ_s Σ_j ℓ(z[j,s], y[j,s]) (nOut = 1 for a binary task);  dL/dz = (σ(z) − y)/m.
 *            It equals the course's −y·log σ(z) − (1−y)·log(1−σ(z)) wherever that is finite, so the
 *            gradients are the same; but it never saturates to +∞.
 *   softmax  cross-entropy with class indices y[s] ∈ {0…nOut−1} (log-sum-exp stable):
 *            L = (1/m) Σ_s [logΣ_j e^{z[j,s]} − z[y_s,s]];  dL/dz = (softmax(z) − onehot(y))/m.
 *   linear   mean squared error, PyTorch's MSELoss(reduction='mean') — WITHOUT a ½:
 *            L = (1/(m·nOut)) Σ (z − y)²;  dL/dz = 2(z − y)/(m·nOut).  y is nOut × m (length m for nOut = 1).
 */

/** Rows of the label array a head takes: softmax 1 (class indices), the others nOut. */
export function labelRows(head: OutputHead, nOut: number): number {
  return head === 'softmax' ? 1 : nOut;
}

/** dL/dz = (σ(z) − y)/m of the sigmoid head's mean cross-entropy (n = nOut·m entries). */
function sigmoidGradient(z: FloatArray, y: Float64Array, n: number, m: number, dz: FloatArray): void {
  const inv = 1 / m;
  for (let i = 0; i < n; i++) dz[i] = (sigmoid(z[i]!) - y[i]!) * inv;
}

/** dL/dz = 2(z − y)/n of the linear head's mean squared error (n = nOut·m entries). */
function linearGradient(z: FloatArray, y: Float64Array, n: number, dz: FloatArray): void {
  const c = 2 / n;
  for (let i = 0; i < n; i++) dz[i] = c * (z[i]! - y[i]!);
}

/**
 * dL/dZ of the head's mean loss into `dz` (nOut × m), the same numbers `headLoss` writes, without
 * computing the loss where the gradient does not need it (sigmoid: the log1p of every sample;
 * linear). Softmax's gradient reuses the loss's log-sum-exp, so it runs headLoss. `scratch` as there.
 */
export function headGradient(
  head: OutputHead, z: FloatArray, y: Float64Array, nOut: number, m: number, scratch: Float64Array, dz: FloatArray,
): void {
  if (head === 'sigmoid') sigmoidGradient(z, y, nOut * m, m, dz);
  else if (head === 'linear') linearGradient(z, y, nOut * m, dz);
  else headLoss(head, z, y, nOut, m, scratch, dz);
}

/**
 * The mean loss of the batch, and when `dz` is given, dL/dZ written into it (nOut × m):
 * sigmoid L = (1/m) Σ [max(z, 0) − z·y + log1p(e^{−|z|})], dL/dz = (σ(z) − y)/m (PyTorch `BCEWithLogitsLoss`, summed
 * over the nOut rows); softmax L = (1/m) Σ_s [log Σ_j e^{z[j,s]} − z[y_s,s]], dL/dz = (softmax(z) − onehot(y))/m
 * (PyTorch `CrossEntropyLoss`); linear L = (1/(m·nOut)) Σ (z − y)², dL/dz = 2(z − y)/(m·nOut) (PyTorch `MSELoss`).
 * `scratch` needs length ≥ 2m for the softmax head (column maxima and sums); unused otherwise.
 */
export function headLoss(
  head: OutputHead, z: FloatArray, y: Float64Array, nOut: number, m: number, scratch: Float64Array, dz?: FloatArray,
): number {
  const n = nOut * m;
  switch (head) {
    case 'sigmoid': {
      let sum = 0;
      for (let i = 0; i < n; i++) {
        const zi = z[i]!;
        const yi = y[i]!;
        sum += (zi > 0 ? zi : 0) - zi * yi + fdlibmLog1p(fdlibmExp(-Math.abs(zi)));
      }
      if (dz) sigmoidGradient(z, y, n, m, dz);
      return sum / m;
    }
    case 'linear': {
      let sum = 0;
      for (let i = 0; i < n; i++) {
        const d = z[i]! - y[i]!;
        sum += d * d;
      }
      if (dz) linearGradient(z, y, n, dz);
      return sum / n;
    }
    case 'softmax': {
      // Column maxima and log-sum-exp, row by row (contiguous), in scratch[0..m) and scratch[m..2m).
      for (let s = 0; s < m; s++) scratch[s] = z[s]!;
      for (let j = 1; j < nOut; j++) {
        const r = j * m;
        for (let s = 0; s < m; s++) {
          const v = z[r + s]!;
          if (v > scratch[s]!) scratch[s] = v;
        }
      }
      for (let s = 0; s < m; s++) scratch[m + s] = 0;
      for (let j = 0; j < nOut; j++) {
        const r = j * m;
        for (let s = 0; s < m; s++) scratch[m + s] = scratch[m + s]! + fdlibmExp(z[r + s]! - scratch[s]!);
      }
      let sum = 0;
      for (let s = 0; s < m; s++) {
        const lse = scratch[s]! + fdlibmLog(scratch[m + s]!);
        scratch[m + s] = lse;
        sum += lse - z[y[s]! * m + s]!;
      }
      if (dz) {
        const inv = 1 / m;
        for (let j = 0; j < nOut; j++) {
          const r = j * m;
          for (let s = 0; s < m; s++) dz[r + s] = fdlibmExp(z[r + s]! - scratch[m + s]!) * inv;
        }
        for (let s = 0; s < m; s++) {
          const at = y[s]! * m + s;
          dz[at] = dz[at]! - inv;
        }
      }
      return sum / m;
    }
  }
}

/**
 * Number of correctly classified samples, Σ_s [prediction_s = y_s]. sigmoid: σ(z) > 0.5 ↔ class 1 (the course's `predict`);
 * softmax: argmax over the column (the first maximum on ties, as numpy's argmax); linear on a
 * classification task: z > 0.5 ↔ class 1.
 */
export function headCorrect(head: OutputHead, z: FloatArray, y: Float64Array, nOut: number, m: number): number {
  let correct = 0;
  switch (head) {
    case 'sigmoid':
      for (let i = 0; i < nOut * m; i++) if ((sigmoid(z[i]!) > 0.5 ? 1 : 0) === y[i]) correct++;
      return correct;
    case 'linear':
      for (let i = 0; i < nOut * m; i++) if ((z[i]! > 0.5 ? 1 : 0) === y[i]) correct++;
      return correct;
    case 'softmax':
      for (let s = 0; s < m; s++) {
        let best = 0;
        let bestValue = z[s]!;
        for (let j = 1; j < nOut; j++) {
          const v = z[j * m + s]!;
          if (v > bestValue) {
            bestValue = v;
            best = j;
          }
        }
        if (best === y[s]) correct++;
      }
      return correct;
  }
}

/** Σ (z − y)² over the batch, summed in index order (for R² = 1 − SS_res/SS_tot of a regression head, as scikit-learn's `r2_score`). */
export function squaredError(z: FloatArray, y: Float64Array, n: number): number {
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const d = z[i]! - y[i]!;
    sum += d * d;
  }
  return sum;
}

/**
 * The head's outputs into `out` (nOut × m): sigmoid σ(z) = 1/(1 + e^{−z}); softmax p[j,s] = e^{z[j,s] − max_k z[k,s]} /
 * Σ_j e^{z[j,s] − max_k z[k,s]} (PyTorch `softmax` over the classes, shifted by the column maximum); linear z itself.
 */
export function headOutputs(head: OutputHead, z: FloatArray, out: FloatArray, nOut: number, m: number): void {
  const n = nOut * m;
  switch (head) {
    case 'sigmoid':
      for (let i = 0; i < n; i++) out[i] = sigmoid(z[i]!);
      return;
    case 'linear':
      for (let i = 0; i < n; i++) out[i] = z[i]!;
      return;
    case 'softmax':
      for (let s = 0; s < m; s++) {
        let mx = z[s]!;
        for (let j = 1; j < nOut; j++) mx = Math.max(mx, z[j * m + s]!);
        let sum = 0;
        for (let j = 0; j < nOut; j++) sum += fdlibmExp(z[j * m + s]! - mx);
        for (let j = 0; j < nOut; j++) out[j * m + s] = fdlibmExp(z[j * m + s]! - mx) / sum;
      }
      return;
  }
}
