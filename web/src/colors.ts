/** Class colours (class 0 orange, class 1 blue as in TensorFlow Playground; more classes after). */
export const CLASS_COLORS: readonly [number, number, number][] = [
  [245, 147, 34],
  [8, 119, 189],
  [46, 160, 67],
  [200, 60, 160],
  [120, 90, 200],
  [200, 50, 50],
  [90, 90, 90],
  [20, 170, 170],
];

export function classColor(c: number): [number, number, number] {
  return CLASS_COLORS[((c % CLASS_COLORS.length) + CLASS_COLORS.length) % CLASS_COLORS.length]!;
}

export const rgb = (c: readonly [number, number, number], alpha = 1): string => `rgba(${c[0]}, ${c[1]}, ${c[2]}, ${alpha})`;

/** P(class 1) → colour: class 0's colour at 0, white at ½, class 1's at 1 (lightened, so points stand out). */
export function probabilityColor(p: number): [number, number, number] {
  const white: [number, number, number] = [250, 250, 250];
  const q = Number.isFinite(p) ? Math.min(1, Math.max(0, p)) : 0.5;
  const t = Math.abs(q - 0.5) * 2 * 0.62;
  const c = classColor(q < 0.5 ? 0 : 1);
  return [0, 1, 2].map((i) => Math.round(white[i]! + (c[i]! - white[i]!) * t)) as [number, number, number];
}

/** A regression target on TF Playground's scale: −1 class 0's orange, 0 light grey, +1 class 1's blue (clamped). */
export function valueColor(v: number): [number, number, number] {
  const q = Number.isFinite(v) ? Math.min(1, Math.max(-1, v)) : 0;
  const mid: [number, number, number] = [225, 225, 225];
  const c = classColor(q < 0 ? 0 : 1);
  const t = Math.abs(q);
  return [0, 1, 2].map((i) => Math.round(mid[i]! + (c[i]! - mid[i]!) * t)) as [number, number, number];
}
