/**
 * Where the course engine keeps the buffers of its layer statistics (layerMoments.ts): planned
 * the first time statistics are asked for, after the engine's other buffers, so that an engine
 * that never records statistics carries none of them. Byte offsets, as in layout.ts; the wasm
 * kernel (assembly/stats.ts) walks the Z panels and the weight copies as one block each, so they
 * lie back to back in layer order.
 */
import type { Layout } from './layout.js';

/** Raw doubles per hidden layer that assembly/stats.ts and statsJs.ts write (see assembly/stats.ts). */
export const RAW_FIELDS = 13;

export interface StatsLayout {
  /** Z_l of each hidden layer, fanOut × padded, back to back. */
  readonly z: readonly number[];
  /** A copy of each hidden layer's W′ = [W | b] one update back, back to back. */
  readonly previous: readonly number[];
  /** RAW_FIELDS doubles per hidden layer. */
  readonly raw: number;
  /** First byte past the region. */
  readonly end: number;
}

const ALIGN = 64;
const align = (offset: number): number => Math.ceil(offset / ALIGN) * ALIGN;

/** The statistics buffers of `layout`'s hidden layers, from byte `base` on. */
export function planStatsLayout(layout: Layout, base: number): StatsLayout {
  const hidden = layout.layers.slice(0, -1);
  const z: number[] = [];
  let at = align(base);
  for (const { fanOut } of hidden) {
    z.push(at);
    at += fanOut * layout.padded * 8;
  }
  at = align(at);
  const previous: number[] = [];
  for (const { fanIn, fanOut } of hidden) {
    previous.push(at);
    at += fanOut * (fanIn + 1) * 8;
  }
  const raw = align(at);
  return { z, previous, raw, end: align(raw + hidden.length * RAW_FIELDS * 8) };
}
