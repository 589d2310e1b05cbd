import { z } from 'zod';
import { ruleSchema } from './rules.js';
import type { Setting } from './table.js';

/*
 * The zod schema of a config from its settings (./table.ts): one strict object per level of the
 * dotted paths, a field required where its setting has a default (a sweep's base is completed from
 * the defaults before it is checked) unless `partial` (compare's config files and flags give any
 * subset). A setting whose own value is an object (data: {name, …}) keeps its rule's schema and
 * gains the settings below it (data.seed).
 */

interface Node {
  setting?: Setting;
  children: Map<string, Node>;
}

function tree(settings: readonly Setting[]): Node {
  const root: Node = { children: new Map() };
  for (const s of settings) {
    let node = root;
    for (const key of s.path.split('.')) {
      if (!node.children.has(key)) node.children.set(key, { children: new Map() });
      node = node.children.get(key)!;
    }
    node.setting = s;
  }
  return root;
}

function schemaOf(node: Node, partial: boolean): z.ZodType {
  const shape: Record<string, z.ZodType> = {};
  for (const [key, child] of node.children) {
    const schema = schemaOf(child, partial);
    const required = !partial && (child.setting ? child.setting.default !== undefined : [...child.children.values()].some((c) => c.setting?.default !== undefined));
    shape[key] = required ? schema : schema.optional();
  }
  if (!node.setting) return z.object(shape).strict();
  const own = ruleSchema(node.setting.rule);
  if (node.children.size === 0) return own;
  if (!(own instanceof z.ZodObject)) throw new TypeError(`setting '${node.setting.path}' has settings below it but is not an object`);
  return own.extend(shape);
}

/** The strict zod schema of a config made of `settings`. */
export function configSchema(settings: readonly Setting[], options: { partial?: boolean } = {}): z.ZodType {
  return schemaOf(tree(settings), options.partial ?? false);
}
