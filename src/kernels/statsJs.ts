/**
 * The plain-TypeScript twin of assembly/stats.ts (read its header for the raw output and the
 * summation orders): the hidden layers' Z panels and raw sums after a forward and backward pass,
 * over the same memory layout, bit for bit what the wasm kernel writes. The Z sums start from +0
 * here and from the first product there (the panel kernels' contract, assembly/panel.ts), which can
 * differ only in the sign of a zero Z; no statistic can tell: x + (−0) = x + (+0) in every running
 * sum from +0, (±0 − c)² is the same square, and neither zero is > 0.
 */
import type { Layout, LayerLayout } from './layout.js';
import { RAW_FIELDS, type StatsLayout } from './statsLayout.js';

/** z = W′·input over the first m samples of one layer into the row block at `z` (as jsKernels' forwardLayer, without the relu). */
function preActivations(mem: Float64Array, layer: LayerLayout, z: number, m: number, padded: number): void {
  const depth = layer.fanIn + 1;
  const input = layer.input / 8;
  for (let j = 0; j < layer.fanOut; j++) {
    const w = (layer.weights / 8) + j * depth;
    const out = z + j * padded;
    mem.fill(0, out, out + m);
    for (let t = 0; t < depth; t++) {
      const wt = mem[w + t];
      const row = input + t * padded;
      for (let s = 0; s < m; s++) mem[out + s] += wt * mem[row + s];
    }
  }
}

const centre = (mean: number): number => (Number.isFinite(mean) ? mean : 0);

/**
 * assembly/stats.ts panelSums: means, Σ(v − c)² of Z, A, ∂L/∂Z (rows × m at row stride `padded`)
 * and the dead rows of Z. Sample s of every row goes to running sum s mod 4 (the wasm kernel's two
 * f64x2 accumulators); the sum is (p0 + p2) + (p1 + p3).
 */
function panelSums(mem: Float64Array, p: number, q: number, r: number, rows: number, m: number, padded: number, out: number): void {
  let p0 = 0, p1 = 0, p2 = 0, p3 = 0, q0 = 0, q1 = 0, q2 = 0, q3 = 0, r0 = 0, r1 = 0, r2 = 0, r3 = 0;
  let dead = 0;
  for (let i = 0; i < rows; i++) {
    const row = i * padded;
    let alive = false;
    for (let s = 0; s < m; s++) {
      const zv = mem[p + row + s];
      const av = mem[q + row + s];
      const gv = mem[r + row + s];
      switch (s & 3) {
        case 0: p0 += zv; q0 += av; r0 += gv; break;
        case 1: p1 += zv; q1 += av; r1 += gv; break;
        case 2: p2 += zv; q2 += av; r2 += gv; break;
        default: p3 += zv; q3 += av; r3 += gv;
      }
      alive = alive || zv > 0;
    }
    if (!alive) dead++;
  }
  const n = rows * m;
  const m0 = (p0 + p2 + (p1 + p3)) / n, m1 = (q0 + q2 + (q1 + q3)) / n, m2 = (r0 + r2 + (r1 + r3)) / n;
  const c0 = centre(m0), c1 = centre(m1), c2 = centre(m2);
  p0 = p1 = p2 = p3 = q0 = q1 = q2 = q3 = r0 = r1 = r2 = r3 = 0;
  for (let i = 0; i < rows; i++) {
    const row = i * padded;
    for (let s = 0; s < m; s++) {
      const d0 = mem[p + row + s] - c0;
      const d1 = mem[q + row + s] - c1;
      const d2 = mem[r + row + s] - c2;
      switch (s & 3) {
        case 0: p0 += d0 * d0; q0 += d1 * d1; r0 += d2 * d2; break;
        case 1: p1 += d0 * d0; q1 += d1 * d1; r1 += d2 * d2; break;
        case 2: p2 += d0 * d0; q2 += d1 * d1; r2 += d2 * d2; break;
        default: p3 += d0 * d0; q3 += d1 * d1; r3 += d2 * d2;
      }
    }
  }
  mem[out] = m0;
  mem[out + 1] = p0 + p2 + (p1 + p3);
  mem[out + 2] = m1;
  mem[out + 3] = q0 + q2 + (q1 + q3);
  mem[out + 4] = m2;
  mem[out + 5] = r0 + r2 + (r1 + r3);
  mem[out + 6] = dead;
}

/** assembly/stats.ts matrixSums: means and Σ(v − c)² of the first `cols` columns of G′ and W′. */
function matrixSums(mem: Float64Array, g: number, w: number, rows: number, cols: number, out: number): void {
  const stride = cols + 1;
  let s0 = 0, s1 = 0;
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) {
      s0 += mem[g + i * stride + j];
      s1 += mem[w + i * stride + j];
    }
  }
  const n = rows * cols;
  const m0 = s0 / n, m1 = s1 / n;
  const c0 = centre(m0), c1 = centre(m1);
  let ss0 = 0, ss1 = 0;
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) {
      const d0 = mem[g + i * stride + j] - c0;
      const d1 = mem[w + i * stride + j] - c1;
      ss0 += d0 * d0;
      ss1 += d1 * d1;
    }
  }
  mem[out] = m0;
  mem[out + 1] = ss0;
  mem[out + 2] = m1;
  mem[out + 3] = ss1;
}

/** assembly/stats.ts frobeniusPair: ‖W_prev‖_F and ‖W − W_prev‖_F, each scaled by its largest magnitude. */
function frobeniusPair(mem: Float64Array, w: number, prev: number, rows: number, cols: number, out: number): void {
  const stride = cols + 1;
  let maxP = 0, maxD = 0;
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) {
      const v = mem[prev + i * stride + j];
      const a = Math.abs(v);
      const d = Math.abs(mem[w + i * stride + j] - v);
      if (a > maxP || a !== a) maxP = a;
      if (d > maxD || d !== d) maxD = d;
    }
  }
  const scaleP = maxP > 0 && Number.isFinite(maxP);
  const scaleD = maxD > 0 && Number.isFinite(maxD);
  let ssP = 0, ssD = 0;
  if (scaleP || scaleD) {
    for (let i = 0; i < rows; i++) {
      for (let j = 0; j < cols; j++) {
        const v = mem[prev + i * stride + j];
        const a = v / maxP;
        const d = (mem[w + i * stride + j] - v) / maxD;
        ssP += a * a;
        ssD += d * d;
      }
    }
  }
  mem[out] = scaleP ? maxP * Math.sqrt(ssP) : maxP;
  mem[out + 1] = scaleD ? maxD * Math.sqrt(ssD) : maxD;
}

/** assembly/stats.ts layerSums over `mem` (after jsKernels' forward and backward pass). */
export function layerSums(mem: Float64Array, layout: Layout, stats: StatsLayout, withPrevious: boolean): void {
  const { samples: m, padded, layers } = layout;
  for (let l = 0; l < layers.length - 1; l++) {
    const layer = layers[l];
    const z = stats.z[l] / 8;
    const out = stats.raw / 8 + l * RAW_FIELDS;
    preActivations(mem, layer, z, m, padded);
    panelSums(mem, z, layer.output / 8, layer.dz / 8, layer.fanOut, m, padded, out);
    matrixSums(mem, layer.grads / 8, layer.weights / 8, layer.fanOut, layer.fanIn, out + 7);
    if (withPrevious) frobeniusPair(mem, layer.weights / 8, stats.previous[l] / 8, layer.fanOut, layer.fanIn, out + 11);
    else mem.fill(Number.NaN, out + 11, out + 13);
  }
}
