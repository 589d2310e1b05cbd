import { UsageError, didYouMean } from '../util/errors.js';
import type { InitializerDefinition } from './types.js';

/**
 * The registry of named initializers. Names are unique; framework initializers carry their prefix
 * (`torch:`, `keras:`, `tfjs:`, `jax:`), initlab's own canonical set is unprefixed.
 */
const registry = new Map<string, InitializerDefinition>();

/** Adds an initializer; a second definition under the same name is a programming error. */
export function registerInitializer(definition: InitializerDefinition): void {
  if (registry.has(definition.name)) throw new Error(`initializer '${definition.name}' is already registered`);
  registry.set(definition.name, definition);
}

/** All registered initializers, in registration order. */
export function listInitializers(): InitializerDefinition[] {
  return [...registry.values()];
}

/** The names of all registered initializers. */
export function initializerNames(): string[] {
  return [...registry.keys()];
}

/** Looks an initializer up by name; unknown names get a UsageError listing the known ones and the closest. */
export function getInitializer(name: string): InitializerDefinition {
  const found = registry.get(name);
  if (found) return found;
  const known = initializerNames();
  throw new UsageError(
    `unknown initializer '${name}'.${didYouMean(name, known)} Known initializers: ${known.join(', ')} (see 'initlab inits').`,
  );
}
