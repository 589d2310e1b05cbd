import { UsageError } from './errors.js';
import { parseDecimal } from './numberText.js';
import { setOwn } from './untrustedKeys.js';

/*
 * The one reader of `name:key=value[:key=value…]` texts: initializer specs (`--inits`, a
 * playground panel, the TF.js plugin's config) and the flags that name a thing with parameters
 * (`--data moons:noise=0.2`, `--optimizer adam:beta1=0.8`). Every caller gets the same grammar and
 * the same refusals; what the name means is checked by the caller.
 */

/** A parameter's value: a number, true/false, or the text as written. */
export type NamedSpecValue = string | number | boolean;

/** A parsed spec: the name and its parameters in the order written. */
export interface NamedSpec {
  name: string;
  params: Record<string, NamedSpecValue>;
}

export interface NamedSpecOptions {
  /** What the text is, for messages: `--data`, `initializer spec`. Messages read `WHERE 'TEXT': …`. */
  where: string;
  /** A spec with a parameter, shown in messages as the form to write: `moons:noise=0.2`. */
  example: string;
  /**
   * Words that belong to the name when followed by a part without '=': with `['torch']`,
   * `torch:kaiming_normal:mode=fan_out` is the name `torch:kaiming_normal` with mode=fan_out.
   */
  prefixes?: readonly string[];
}

/**
 * A value as written: `true`/`false` as booleans, `Infinity`/`-Infinity` and plain decimals as
 * numbers (a decimal beyond a double, 1e400 or 1e-400, is refused by parseDecimal rather than read
 * as Infinity or 0), anything else as the text. Infinity is typed so that a check for a finite
 * number says "got Infinity", not "got 'Infinity'" as if it were a word.
 */
function parseValue(where: string, text: string): NamedSpecValue {
  if (text === 'true') return true;
  if (text === 'false') return false;
  if (/^[-+]?Infinity$/.test(text)) return Number(text);
  return parseDecimal(where, text) ?? text;
}

/**
 * Parses `name` or `name:key=value[:key=value…]`. Names, keys and values are trimmed. Refused
 * (a UsageError naming `where`, the text and the form to write): an empty name, a part that is not
 * `key=value` with both sides non-empty, the key `name` (the name goes first), a key given twice
 * (the first value would be lost without a word), and an out-of-range number.
 */
export function parseNamedSpec(text: string, options: NamedSpecOptions): NamedSpec {
  const { where, example } = options;
  const parts = text.trim().split(':').map((p) => p.trim());
  let name = parts.shift() ?? '';
  if (name === '') {
    const bare = example.split(':')[0] ?? example;
    throw new UsageError(`${where} '${text}' has no name: write a name such as '${bare}' or '${example}'.`);
  }
  if (options.prefixes?.includes(name) && parts.length > 0 && parts[0] !== '' && !parts[0]!.includes('=')) {
    name = `${name}:${parts.shift()!}`;
  }
  const params: Record<string, NamedSpecValue> = {};
  for (const part of parts) {
    const eq = part.indexOf('=');
    const key = eq > 0 ? part.slice(0, eq).trim() : '';
    const value = eq > 0 ? part.slice(eq + 1).trim() : '';
    if (key === '' || value === '') {
      throw new UsageError(`${where} '${text}': malformed parameter '${part}'; write key=value, e.g. '${example}'.`);
    }
    if (key === 'name') throw new UsageError(`${where} '${text}' sets 'name' as a parameter: put the name first, e.g. '${example}'.`);
    if (Object.hasOwn(params, key)) throw new UsageError(`${where} '${text}' sets '${key}' twice: give each parameter once.`);
    // An own property even for '__proto__' (plain assignment would set the prototype and the
    // parameter would vanish), so the caller refuses it as the unknown parameter it is.
    setOwn(params, key, parseValue(`${where} '${text}': parameter '${key}'`, value));
  }
  return { name, params };
}
