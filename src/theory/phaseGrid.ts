/**
 * Mean-field quantities over a grid of (σ_w², σ_b²): the phase diagram of Poole et al. (2016, fig. 2) and
 * Schoenholz et al. (2017, fig. 1) — the depth scale ξ_c of the correlation map, and the χ₁ = 1 line between
 * the ordered and the chaotic phase.
 *
 * meanField() computes each point with iterated adaptive 2-D quadrature, ≈ 0.2 s per chaotic point: too slow
 * for thousands of cells. Here the correlation map is evaluated through its Hermite (Mehler) series instead —
 * the "dual activation" of Daniely, Frostig & Singer (2016): with h_k the orthonormal probabilists' Hermite
 * polynomials and a_k = E_z[φ(√q z) h_k(z)],
 *   E[φ(u1)φ(u2)] = Σ_k a_k² c^k   for u1, u2 ~ N(0, q) with correlation c,
 * so one set of 1-D integrals per cell gives the map and its slope at every c. The integrals use a fixed
 * composite Gauss–Legendre rule (panels of 0.25, refined around the activation's transition at 0 on the scale
 * 1/√q once q > 64 — where a global Gauss–Hermite rule fails). A cell whose series tail cannot be bounded below
 * 1e-12 is computed by meanField() itself. Tests check cells against meanField().
 */
import { criticalSigmaW2, depthScale, meanField } from './meanField.js';
import { theoryActivation, type TheoryActivation, type TheoryActivationName } from './activations.js';

/** A rule of nodes and weights for E_z[g(z)], z ~ N(0, 1) (weights include the normal density). */
interface GaussRule {
  z: Float64Array;
  w: Float64Array;
}

const GL_ORDER = 16;
const GL = legendreRule(GL_ORDER);

/** Gauss–Legendre nodes and weights on [−1, 1] by Newton's method on P_n. */
function legendreRule(n: number): { x: number[]; w: number[] } {
  const x: number[] = new Array<number>(n);
  const w: number[] = new Array<number>(n);
  for (let i = 0; i < Math.ceil(n / 2); i++) {
    let t = Math.cos((Math.PI * (i + 0.75)) / (n + 0.5));
    let dp = 0;
    for (let it = 0; it < 100; it++) {
      let p0 = 1;
      let p1 = t;
      for (let k = 2; k <= n; k++) {
        const p2 = ((2 * k - 1) * t * p1 - (k - 1) * p0) / k;
        p0 = p1;
        p1 = p2;
      }
      dp = (n * (t * p1 - p0)) / (t * t - 1);
      const dt = p1 / dp;
      t -= dt;
      if (Math.abs(dt) < 1e-16) break;
    }
    x[i] = -t;
    x[n - 1 - i] = t;
    w[i] = w[n - 1 - i] = 2 / ((1 - t * t) * dp * dp);
  }
  return { x, w };
}

const Z_MAX = 12;
const PANEL = 0.25;
const FEATURES = [0.125, 0.25, 0.5, 1, 2, 4, 8];
const INV_SQRT_2PI = 0.398942280401432677939946059934381868;
const UNIFORM_EDGES = Array.from({ length: (2 * Z_MAX) / PANEL + 1 }, (_, k) => -Z_MAX + k * PANEL);

/** The composite rule for E_z[f(√q z)]: panels of width 0.25 on [−12, 12], refined near z = 0 on the scale 1/√q when q > 64. */
function gaussianRule(q: number): GaussRule {
  if (q <= UNIFORM_MAX_Q) return (uniformRule ??= ruleOn(UNIFORM_EDGES));
  const s = Math.sqrt(q);
  const extra = FEATURES.map((f) => f / s).filter((z) => z < Z_MAX);
  return ruleOn([...UNIFORM_EDGES, ...extra, ...extra.map((z) => -z)].sort((a, b) => a - b));
}

/*
 * Up to q = 64 the uniform panels suffice: tanh(√q z) has its nearest poles at
 * ≥ π/(2·8) ≈ 0.2 from the real axis, farther than a panel's half-width 0.125, so Gauss–Legendre on a
 * panel converges at a rate of (0.2/0.125 + √((0.2/0.125)² + 1))^(−32) ≈ 1e-17 (Trefethen, "Is Gauss
 * quadrature better than Clenshaw–Curtis?", 2008, thm. 4.5); erf is entire.
 */
const UNIFORM_MAX_Q = 64;
let uniformRule: GaussRule | undefined;

function ruleOn(edges: readonly number[]): GaussRule {
  const n = (edges.length - 1) * GL_ORDER;
  const z = new Float64Array(n);
  const w = new Float64Array(n);
  let j = 0;
  for (let i = 0; i + 1 < edges.length; i++) {
    const c = 0.5 * (edges[i]! + edges[i + 1]!);
    const h = 0.5 * (edges[i + 1]! - edges[i]!);
    if (!(h > 0)) continue;
    for (let k = 0; k < GL_ORDER; k++) {
      const zz = c + h * GL.x[k]!;
      z[j] = zz;
      w[j] = h * GL.w[k]! * INV_SQRT_2PI * Math.exp(-0.5 * zz * zz);
      j++;
    }
  }
  return { z: z.subarray(0, j), w: w.subarray(0, j) };
}

function expect(rule: GaussRule, f: (x: number) => number, s: number): number {
  let t = 0;
  for (let i = 0; i < rule.z.length; i++) t += rule.w[i]! * f(s * rule.z[i]!);
  return t;
}

/** q* of a bounded φ with σ_b² > 0 (so the variance map is above the diagonal at 0): Illinois regula falsi. */
function fixedPointQFast(a: TheoryActivation, sigmaW2: number, sigmaB2: number): number {
  const h = (q: number): number => sigmaW2 * expect(gaussianRule(q), (x) => a.phi(x) ** 2, Math.sqrt(q)) + sigmaB2 - q;
  let lo = 0;
  let hi = sigmaW2 * a.supSquare! + sigmaB2;
  let flo = h(lo);
  let fhi = h(hi);
  if (!(flo > 0)) return Number.NaN;
  if (fhi >= 0) return hi;
  let side = 0;
  for (let i = 0; i < 200; i++) {
    const q = (lo * fhi - hi * flo) / (fhi - flo);
    const fq = h(q);
    if (fq === 0 || hi - lo <= 1e-15 * q) return q;
    if (fq > 0) {
      lo = q;
      flo = fq;
      if (side === 1) fhi /= 2;
      side = 1;
    } else {
      hi = q;
      fhi = fq;
      if (side === -1) flo /= 2;
      side = -1;
    }
    if (Math.abs(fq) <= 1e-16 * q) return q;
  }
  return 0.5 * (lo + hi);
}

const MAX_TERMS = 1000;

/**
 * The coefficients a_k² of φ(√q z), k = 0, 1, …, computed on demand (the recurrence carries on where it
 * stopped), and `rest` = E[φ(√q z)²] − Σ a_k², the weight of the terms not yet computed.
 */
class HermiteSeries {
  readonly a2: number[] = [];
  private readonly z: Float64Array;
  private readonly fw: Float64Array;
  private readonly h: Float64Array;
  private readonly hPrev: Float64Array;
  private readonly total: number;
  private sum = 0;

  constructor(a: TheoryActivation, q: number, rule: GaussRule) {
    const s = Math.sqrt(q);
    const n = rule.z.length;
    this.z = rule.z;
    this.fw = new Float64Array(n);
    let total = 0;
    for (let i = 0; i < n; i++) {
      const v = a.phi(s * rule.z[i]!);
      this.fw[i] = rule.w[i]! * v;
      total += rule.w[i]! * v * v;
    }
    this.total = total;
    this.h = new Float64Array(n).fill(1);
    this.hPrev = new Float64Array(n);
  }

  get rest(): number {
    return Math.max(0, this.total - this.sum);
  }

  /** Computes terms up to k = K (at most MAX_TERMS); false when no more can be had. */
  extendTo(K: number): boolean {
    const { z, fw, h, hPrev } = this;
    const n = z.length;
    if (this.a2.length > MAX_TERMS) return false;
    while (this.a2.length <= Math.min(K, MAX_TERMS)) {
      const k = this.a2.length;
      if (k > 0) {
        // h_k = (z h_{k−1} − √(k−1) h_{k−2}) / √k
        const r = 1 / Math.sqrt(k);
        const sk = Math.sqrt(k - 1);
        for (let i = 0; i < n; i++) {
          const next = (z[i]! * h[i]! - sk * hPrev[i]!) * r;
          hPrev[i] = h[i]!;
          h[i] = next;
        }
      }
      let ak = 0;
      for (let i = 0; i < n; i++) ak += fw[i]! * h[i]!;
      this.a2.push(ak * ak);
      this.sum += ak * ak;
    }
    return true;
  }
}

/** Σ_{k≤K} a_k² c^k and its derivative, by Horner. */
function series(a2: readonly number[], c: number): { value: number; slope: number } {
  let v = 0;
  let d = 0;
  for (let k = a2.length - 1; k >= 0; k--) {
    v = v * c + a2[k]!;
    if (k >= 1) d = d * c + k * a2[k]!;
  }
  return { value: v, slope: d };
}

/** The bound the left-out terms must meet, on the map and on its slope at c*. */
const TAIL_TOLERANCE = 1e-12;

/** The mean-field summary of one cell, or null when the series cannot be trusted (the caller then uses meanField). */
function cellFast(a: TheoryActivation, sigmaW2: number, sigmaB2: number): Omit<PhaseCell, 'sigmaW2' | 'sigmaB2'> | null {
  const qStar = fixedPointQFast(a, sigmaW2, sigmaB2);
  if (!(qStar > 0 && Number.isFinite(qStar))) return null;
  const rule = gaussianRule(qStar);
  const chi1 = sigmaW2 * expect(rule, (x) => a.dphi(x) ** 2, Math.sqrt(qStar));
  // Ordered phase: c* = 1 and χ_c = χ₁ (the same test as fixedPointC).
  if (chi1 <= 1 + 1e-12) return { qStar, chi1, cStar: 1, chiC: chi1, xiC: depthScale(chi1), phase: 'ordered' };

  const terms = new HermiteSeries(a, qStar, rule);
  const scale = sigmaW2 / qStar;
  // Newton from c = 0, as fixedPointC: the map is increasing and convex on [0, 1], so the iterates rise to c*.
  // More terms only raise the map (a_k² ≥ 0), so each longer series carries on from the last one's c*.
  let c = 0;
  for (let K = 32; ; K *= 2) {
    if (!terms.extendTo(K)) return null;
    const a2 = terms.a2;
    let ok = true;
    for (let i = 0; i < 200; i++) {
      const { value, slope } = series(a2, c);
      const g = scale * value + sigmaB2 / qStar - c;
      const d = scale * slope - 1;
      if (!(g > 0)) break;
      if (!(d < 0)) { ok = false; break; }
      const next = c - g / d;
      if (!(next < 1)) { ok = false; break; }
      const done = next - c <= 1e-15;
      c = next;
      if (done) break;
    }
    if (!ok) return null;
    // The left-out terms: Σ_{k>K} a_k² = rest, so they add at most rest·c^(K+1) to the map and
    // rest·max_{k>K} k c^(k−1) to its slope; the map's error moves c* by at most that over 1 − χ_c.
    const K1 = a2.length;
    const kPeak = Math.max(K1, Math.ceil(-1 / Math.log(Math.max(c, 1e-300))));
    const chiC = scale * series(a2, c).slope;
    const mapTail = (scale * terms.rest * Math.pow(c, K1)) / Math.max(1e-300, 1 - chiC);
    const slopeTail = scale * terms.rest * kPeak * Math.pow(c, kPeak - 1);
    if (mapTail <= TAIL_TOLERANCE && slopeTail <= TAIL_TOLERANCE) return { qStar, chi1, cStar: c, chiC, xiC: depthScale(chiC), phase: 'chaotic' };
  }
}

/** A cell's phase: 'ordered' (χ₁ < 1, correlations go to 1) or 'chaotic' (χ₁ > 1, they go to c* < 1). */
export type Phase = 'ordered' | 'chaotic';

/** One cell of the grid, at its centre (σ_w², σ_b²). */
export interface PhaseCell {
  sigmaW2: number;
  sigmaB2: number;
  qStar: number;
  chi1: number;
  cStar: number;
  chiC: number;
  /** −1/ln χ_c (Infinity on the critical line). */
  xiC: number;
  /** ordered where χ₁ ≤ 1 (c* = 1), chaotic where χ₁ > 1 (c* < 1). */
  phase: Phase;
}

/** The plane phaseGrid covers: activation, σ_w² and σ_b² ranges and the number of cells along each. */
export interface PhaseGridOptions {
  /** tanh (default) or erf (PHASE_ACTIVATIONS). */
  activation?: TheoryActivationName | string;
  /** [lo, hi] of σ_w² (lo > 0) and of σ_b² (lo ≥ 0), lo < hi. */
  sigmaW2: readonly [number, number];
  sigmaB2: readonly [number, number];
  /** Cells along σ_w² and along σ_b². */
  cellsW: number;
  cellsB: number;
  /**
   * σ_b² values at which the critical line is solved (default 25), ends included, spaced as t² for t evenly spaced
   * in [0, 1]: near σ_b² = 0 the line's σ_w² − 1 grows like √σ_b² (q* ∝ √σ_b² there), so it needs points close together.
   */
  linePoints?: number;
}

/** A point of the order-to-chaos line χ₁(σ_w², σ_b²) = 1 (Poole et al. 2016; Schoenholz et al. 2017). */
export interface CriticalPoint {
  sigmaB2: number;
  sigmaW2: number;
}

/** The (σ_w², σ_b²) plane of phaseGrid: every cell (ξ_c, χ₁, phase) and the critical line χ₁ = 1. */
export interface PhaseGrid {
  activation: TheoryActivationName;
  sigmaW2: [number, number];
  sigmaB2: [number, number];
  cellsW: number;
  cellsB: number;
  /** cellsB rows of cellsW cells, σ_b² rising row by row and σ_w² within a row. */
  cells: PhaseCell[];
  /** χ₁(σ_w², σ_b²) = 1, from criticalSigmaW2. */
  criticalLine: CriticalPoint[];
  /** Cells computed by meanField() because the series' bound was not met. */
  slowCells: number;
}

/**
 * Activations with a phase diagram here: bounded, odd and smooth, so q* is finite and positive when σ_b² > 0. (sigmoid
 * would qualify, but its critical line lies near σ_w² ≈ 103 where q* ≈ 50 and the series converges too slowly to be fast.)
 */
export const PHASE_ACTIVATIONS: readonly TheoryActivationName[] = ['tanh', 'erf'];

/**
 * The phase diagram of Poole et al. (2016, fig. 2) and Schoenholz et al. (2017, fig. 1) on a cell-centred grid: cell
 * (i, j) sits at σ_w² = lo + (i + ½)(hi − lo)/cellsW, σ_b² likewise, and holds q*, χ₁ = σ_w² E[φ'(√q* z)²], c*,
 * χ_c and ξ_c = −1/ln χ_c, the correlation map taken from its Hermite series E[φ(u1)φ(u2)] = Σ_k a_k² c^k
 * (Daniely, Frostig & Singer 2016) where its tail is bounded below 1e-12, else from meanField. The critical line
 * χ₁ = 1 is solved by criticalSigmaW2 at σ_b² = lo + t²(hi − lo), t = k/(linePoints − 1).
 * @throws RangeError on bad ranges or counts, or an activation outside PHASE_ACTIVATIONS.
 */
export function phaseGrid(options: PhaseGridOptions): PhaseGrid {
  const a = theoryActivation(options.activation ?? 'tanh');
  if (!PHASE_ACTIVATIONS.includes(a.name)) throw new RangeError(`phaseGrid: activation must be one of ${PHASE_ACTIVATIONS.join(', ')}, got ${a.name}`);
  const [w0, w1] = options.sigmaW2;
  const [b0, b1] = options.sigmaB2;
  if (!(Number.isFinite(w0) && Number.isFinite(w1) && w0 > 0 && w1 > w0)) throw new RangeError(`phaseGrid: σ_w² range must be finite with 0 < lo < hi, got [${w0}, ${w1}]`);
  if (!(Number.isFinite(b0) && Number.isFinite(b1) && b0 >= 0 && b1 > b0)) throw new RangeError(`phaseGrid: σ_b² range must be finite with 0 ≤ lo < hi, got [${b0}, ${b1}]`);
  const { cellsW, cellsB } = options;
  for (const n of [cellsW, cellsB]) if (!Number.isSafeInteger(n) || n < 1) throw new RangeError(`phaseGrid: cell counts must be whole numbers ≥ 1, got ${n}`);
  const linePoints = options.linePoints ?? 25;
  if (!Number.isSafeInteger(linePoints) || linePoints < 2) throw new RangeError(`phaseGrid: linePoints must be a whole number ≥ 2, got ${linePoints}`);

  const cells: PhaseCell[] = [];
  let slowCells = 0;
  for (let j = 0; j < cellsB; j++) {
    const sigmaB2 = b0 + ((j + 0.5) * (b1 - b0)) / cellsB;
    for (let i = 0; i < cellsW; i++) {
      const sigmaW2 = w0 + ((i + 0.5) * (w1 - w0)) / cellsW;
      let cell = cellFast(a, sigmaW2, sigmaB2);
      if (cell === null) {
        slowCells++;
        const s = meanField(a, sigmaW2, sigmaB2);
        cell = { qStar: s.qStar, chi1: s.chi1, cStar: s.cStar, chiC: s.chiC, xiC: s.xiC, phase: s.chi1 > 1 + 1e-12 ? 'chaotic' : 'ordered' };
      }
      cells.push({ sigmaW2, sigmaB2, ...cell });
    }
  }
  const criticalLine = Array.from({ length: linePoints }, (_, k) => {
    const t = k / (linePoints - 1);
    const sigmaB2 = b0 + t * t * (b1 - b0);
    return { sigmaB2, sigmaW2: criticalSigmaW2(a, sigmaB2) };
  });
  return { activation: a.name, sigmaW2: [w0, w1], sigmaB2: [b0, b1], cellsW, cellsB, cells, criticalLine, slowCells };
}
