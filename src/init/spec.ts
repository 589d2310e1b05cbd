import { UsageError } from '../util/errors.js';
import { parseNamedSpec } from '../util/namedSpec.js';
import { setOwn } from '../util/untrustedKeys.js';
import { getInitializer } from './registry.js';
import { resolveParams } from '../util/params.js';
import type { InitSpec, InitializerDefinition, ParamValue, ResolvedInit, ResolvedParams } from './types.js';

/** Framework prefixes that belong to the initializer name rather than to its parameters. */
const FRAMEWORK_PREFIXES = ['torch', 'keras', 'tfjs', 'jax'] as const;

/**
 * Parses a spec string `name` or `name:key=value[:key=value…]`, where `name` may carry a framework
 * prefix (`torch:kaiming_normal:mode=fan_out`). The result is the same object a config file holds.
 * The grammar (numbers, true/false, the refusals) is util/namedSpec.ts's, shared with `--data`.
 */
export function parseInitSpec(text: string): InitSpec {
  const { name, params } = parseNamedSpec(text, { where: 'initializer spec', example: 'random:scale=0.01', prefixes: FRAMEWORK_PREFIXES });
  // setOwn, not assignment or Object.assign: a '__proto__' parameter stays an own property (instead
  // of setting the prototype and vanishing), so resolveInit refuses it as the unknown parameter it is.
  const spec: InitSpec = { name };
  for (const [key, value] of Object.entries(params)) setOwn(spec, key, value);
  return spec;
}

/** Writes a spec object back as a spec string (`random:scale=10`), parameters in the given order. */
export function formatInitSpec(spec: InitSpec): string {
  const params = Object.entries(spec).filter(([k]) => k !== 'name');
  return [spec.name, ...params.map(([k, v]) => `${k}=${String(v)}`)].join(':');
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
  // Spec strings and config objects hold scalars only, and ParameterDefinition's types are scalar:
  // the resolved values are ParamValues of an InitSpec.
  const params = resolveParams(`initializer '${spec.name}'`, definition.parameters, spec, { where }) as Readonly<Record<string, ParamValue>>;
  const canonical: InitSpec = { name: definition.name };
  for (const def of definition.parameters) canonical[def.name] = params[def.name]!;
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
