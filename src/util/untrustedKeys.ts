import { UsageError } from './errors.js';

/*
 * JSON.parse and the yaml parser make `"__proto__"` an OWN key of the object they build, but any
 * later `obj[key] = value` or merge with that key sets the object's prototype instead, so the
 * setting vanished without a word (issue 12 item 11). Parsed files are checked for it up front, and
 * it is refused as the unknown key it is.
 */

/** Keys that plain-object assignment does not store as data. */
export const FORBIDDEN_KEYS: readonly string[] = ['__proto__'];

/** Where the first forbidden own key sits in a parsed value: its parent's path (`.grid`, `[0].init`) and the key; undefined if none. */
export function findForbiddenKey(value: unknown, path = ''): { parent: string; key: string } | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findForbiddenKey(value[i], `${path}[${i}]`);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  for (const key of Object.keys(value)) {
    if (FORBIDDEN_KEYS.includes(key)) return { parent: path, key };
    const here = /^[A-Za-z_$][\w$]*$/.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;
    const found = findForbiddenKey((value as Record<string, unknown>)[key], here);
    if (found !== undefined) return found;
  }
  return undefined;
}

/** Throws `ORIGIN.parent: unknown field '__proto__' — remove it.` when a parsed value holds a forbidden key. */
export function refuseForbiddenKeys(value: unknown, origin: string): void {
  const found = findForbiddenKey(value);
  if (found !== undefined) throw new UsageError(`${origin}${found.parent}: unknown field '${found.key}' — remove it.`);
}

/** Sets `obj[key] = value` as an own data property, even for `__proto__` (so validation later sees and refuses it). */
export function setOwn<T>(obj: Record<string, T>, key: string, value: T): void {
  Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
}
