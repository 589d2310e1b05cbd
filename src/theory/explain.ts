/**
 * Plain-language reasons for the non-finite values of a mean-field summary (NaN, Infinity) and for the
 * exact values that look suspicious (χ_c = 1 without biases), so that `initlab theory` never prints a bare
 * NaN or ∞. Each note names the quantity, why it takes that value, and what it means for a deep network.
 */
import { theoryActivation, type TheoryActivation } from './activations.js';
import { depthScale, meanSquare, type MeanFieldSummary } from './meanField.js';

const num = (x: number): string => (Number.isFinite(x) ? String(Number(x.toPrecision(6))) : x > 0 ? '∞' : String(x));

/** The notes for meanField(activation, σ_w², σ_b²) = s; empty when every value is finite and unremarkable. */
export function meanFieldNotes(activation: TheoryActivation | string, sigmaW2: number, sigmaB2: number, s: MeanFieldSummary): string[] {
  const a = typeof activation === 'string' ? theoryActivation(activation) : activation;
  const notes: string[] = [];
  if (a.homogeneous) {
    const gain = sigmaW2 * meanSquare(a, 1); // the variance map is q ↦ gain·q + σ_b²
    const critical = 1 / meanSquare(a, 1);
    if (Number.isNaN(s.qStar)) {
      notes.push(
        `q* = NaN: at σ_w² = ${num(critical)} with σ_b² = 0 the variance map of ${a.name} is q ↦ q, so every q is a fixed point: ` +
          'the variance keeps its input value at every depth (what He/LeCun initialization aims for); χ₁ = 1, so ξ_q = ∞.',
      );
    } else if (s.qStar === Number.POSITIVE_INFINITY) {
      notes.push(
        gain > 1
          ? `q* = ∞: σ_w² E[φ(z)²] = ${num(gain)} > 1, so the variance grows by that factor per layer without bound (σ_w² > ${num(critical)} explodes).`
          : `q* = ∞: at σ_w² = ${num(critical)} the variance map is q ↦ q + σ_b², so the variance grows by σ_b² per layer without bound.`,
      );
    }
    if (sigmaB2 === 0 || !Number.isFinite(s.qStar)) {
      notes.push(
        a.name === 'linear'
          ? 'c* = 1, χ_c = 1, ξ_c = ∞: without biases (or with a variance that outgrows them) a linear network keeps every correlation, so every c is a fixed point.'
          : `χ_c = 1, ξ_c = ∞: without biases (or with a variance that outgrows them) the ${a.name} correlation map's slope at c* = 1 is exactly 1, so correlations approach 1 only polynomially in depth, not exponentially.`,
      );
    }
    return notes;
  }
  if (s.qStar === 0 && Number.isNaN(s.cStar)) {
    const chi = sigmaW2 * a.dphi(0) ** 2;
    notes.push(
      `q* = 0 and c*, χ_c, ξ_c = NaN: with σ_b² = 0 and σ_w² φ'(0)² = ${num(chi)} ≤ 1 the signal dies out with depth, and the correlation of two vanishing signals is 0/0. ` +
        `Its limit as σ_b² → 0⁺ is c* = 1, χ_c = χ₁ = ${num(chi)}, ξ_c = ${num(depthScale(chi))}${chi < 1 ? ' (ordered phase)' : ' (the critical point)'}.`,
    );
  }
  if (s.xiQ === Number.POSITIVE_INFINITY) notes.push(`ξ_q = ∞: the variance map's slope at q* is 1 (criticality), so q approaches q* only polynomially in depth.`);
  if (s.xiC === Number.POSITIVE_INFINITY) notes.push(`ξ_c = ∞: χ_c = 1 (criticality, χ₁ = 1), so correlations approach c* only polynomially in depth: the edge of chaos.`);
  return notes;
}
