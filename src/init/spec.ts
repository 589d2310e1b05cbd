import { UsageError, didYouMean } from '../util/errors.js';
import { parseDecimal } from '../util/numberText.js';
import { setOwn } from '../util/untrustedKeys.js';
import { getInitializer } from './registry.js';
import type { InitSpec, InitializerDefinition, ParamValue, ParameterDefinition, ResolvedInit, ResolvedParams } from './types.js';

/** Framework prefixes that belong to the initializer name rather than to its parameters. */
const FRAMEWORK_PREFIXES = ['torch', 'keras', 'tfjs', 'jax'] as const;

/** Reads a command-line value: numbers as numbers (1e400 refused as out of range), true/false as booleans, anything else as a string. */
function parseValue(where: string, text: string): ParamValue {
  if (text === 'true') return true;
  if (text === 'false') return false;
  const trimmed = text.trim();
  if (/^[-+]?Infinity$/.test(trimmed)) return Number(trimmed);
  return parseDecimal(where, trimmed) ?? text;
}

/**
 * Parses a spec string `name` or `name:key=value[:key=value…]`, where `name` may carry a framework
 * prefix (`torch:kaiming_normal:mode=fan_out`). The result is the same object a config file holds.
 */
export function parseInitSpec(text: string): InitSpec {
  const parts = text.trim().split(':');
  if (parts.length === 0 || parts[0] === '') {
    throw new UsageError(`empty initializer spec '${text}': write a name such as 'he' or 'random:scale=0.01'.`);
  }
  let name = parts.shift()!;
  if ((FRAMEWORK_PREFIXES as readonly string[]).includes(name) && parts.length > 0 && !parts[0]!.includes('=')) {
    name = `${name}:${parts.shift()!}`;
  }
  const spec: InitSpec = { name };
  for (const part of parts) {
    const eq = part.indexOf('=');
    if (eq <= 0 || eq === part.length - 1) {
      throw new UsageError(`malformed parameter '${part}' in initializer spec '${text}': write key=value, e.g. 'random:scale=0.01'.`);
    }
    const key = part.slice(0, eq);
    if (key === 'name') throw new UsageError(`initializer spec '${text}' sets 'name' as a parameter: put the name first.`);
    // An own property even for '__proto__' (plain assignment would set the prototype and the
    // parameter would vanish), so resolveInit refuses it as the unknown parameter it is.
    setOwn(spec, key, parseValue(`initializer spec '${text}': parameter '${key}'`, part.slice(eq + 1)));
  }
  return spec;
}

/** Writes a spec object back as a spec string (`random:scale=10`), parameters in the given order. */
export function formatInitSpec(spec: InitSpec): string {
  const params = Object.entries(spec).filter(([k]) => k !== 'name');
  return [spec.name, ...params.map(([k, v]) => `${k}=${String(v)}`)].join(':');
}

function checkParameter(initName: string, def: ParameterDefinition, value: ParamValue, where: string): ParamValue {
  const bad = (expect: string): never => {
    throw new UsageError(`${where}: parameter '${def.name}' of '${initName}' must be ${expect} (got ${JSON.stringify(value)}).`);
  };
  if (def.type === 'number') {
    if (typeof value !== 'number' || !Number.isFinite(value)) return bad('a finite number');
    if (def.integer && !Number.isInteger(value)) bad('an integer');
    if (def.min !== undefined && (def.minExclusive ? value <= def.min : value < def.min)) {
      bad(`${def.minExclusive ? '>' : '≥'} ${def.min}`);
    }
    if (def.max !== undefined && value > def.max) bad(`≤ ${def.max}`);
    return value;
  }
  if (def.type === 'boolean') {
    if (typeof value !== 'boolean') return bad('true or false');
    return value;
  }
  if (typeof value !== 'string') return bad('a string');
  if (def.choices && !def.choices.includes(value)) bad(`one of ${def.choices.join(', ')}`);
  return value;
}

/**
 * Validates a spec against its initializer's parameter list and fills in defaults.
 * `where` names the spec's place for error messages (e.g. `--inits` or `config.inits[1]`).
 */
export function resolveInit(input: InitSpec | string, where = 'initializer'): ResolvedInit {
  const spec = typeof input === 'string' ? parseInitSpec(input) : input;
  if (typeof spec.name !== 'string' || spec.name === '') {
    throw new UsageError(`${where}: an initializer needs a "name" (e.g. {"name": "he"}).`);
  }
  let definition: InitializerDefinition;
  try {
    definition = getInitializer(spec.name);
  } catch (err) {
    throw err instanceof UsageError ? new UsageError(`${where}: ${err.message}`) : err;
  }
  const known = definition.parameters.map((p) => p.name);
  const params: Record<string, ParamValue> = {};
  for (const [key, value] of Object.entries(spec)) {
    if (key === 'name') continue;
    const def = definition.parameters.find((p) => p.name === key);
    if (!def) {
      const accepted = known.length > 0 ? `it accepts: ${known.join(', ')}.` : 'it takes no parameters.';
      throw new UsageError(`${where}: unknown parameter '${key}' for initializer '${spec.name}';${didYouMean(key, known)} ${accepted}`);
    }
    params[key] = checkParameter(spec.name, def, value, where);
  }
  const canonical: InitSpec = { name: definition.name };
  for (const def of definition.parameters) {
    const value = params[def.name] ?? def.default;
    params[def.name] = value;
    canonical[def.name] = value;
  }
  return { definition, params: params as ResolvedParams, spec: canonical };
}

/** Parses a comma-separated `--inits` list such as `zeros,random:scale=0.01,he`. */
export function parseInitList(text: string): InitSpec[] {
  const items = text.split(',').map((s) => s.trim());
  if (items.some((s) => s === '')) {
    throw new UsageError(`--inits '${text}' has an empty item: separate initializer specs with single commas.`);
  }
  return items.map(parseInitSpec);
}
