/** Test helper: reads test/fixtures/math/glibc-math.json (made by scripts/gen-glibc-fixtures.sh). */
import { readFileSync } from 'node:fs';

export interface GlibcSection {
  /** Inputs where glibc differs from the long-double result rounded to double, from `sampled` random draws. */
  hard: string[];
  random: string[];
  edges: string[];
  sampled: number;
}
export interface GlibcFixture {
  fma: string[];
  log: GlibcSection;
  sin: GlibcSection;
  cos: GlibcSection;
}

export const glibcFixture = JSON.parse(
  readFileSync(new URL('../fixtures/math/glibc-math.json', import.meta.url), 'utf8'),
) as GlibcFixture;

const view = new DataView(new ArrayBuffer(8));

/** A 16-digit hex bit pattern as its double. */
export function fromHex(hex: string): number {
  view.setBigUint64(0, BigInt('0x' + hex));
  return view.getFloat64(0);
}

/** "hex hex …" → the doubles. */
export function row(item: string): number[] {
  return item.split(' ').map(fromHex);
}

/** Same double, sign of zero included; NaN equals NaN. */
export function sameDouble(a: number, b: number): boolean {
  return Object.is(a, b) || (Number.isNaN(a) && Number.isNaN(b));
}
