import { createHash } from 'node:crypto';

/**
 * JSON with every object's keys sorted (recursively, by UTF-16 code units as Array.prototype.sort
 * does), no whitespace, arrays in order. Values follow JSON.stringify: undefined members are
 * dropped, non-finite numbers become null, -0 becomes 0. Two configs that differ only in key order
 * get the same text.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value)) ?? 'null';
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object' && !ArrayBuffer.isView(value)) {
    const source = value as Record<string, unknown>;
    if (typeof (source as { toJSON?: unknown }).toJSON === 'function') return sortKeys((source as { toJSON(): unknown }).toJSON());
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(source).sort()) out[key] = sortKeys(source[key]);
    return out;
  }
  return value;
}

/** A run's id: the first 16 hex digits of the SHA-256 of the config's canonical JSON (UTF-8). */
export function runId(config: unknown): string {
  return createHash('sha256').update(canonicalJson(config), 'utf8').digest('hex').slice(0, 16);
}
