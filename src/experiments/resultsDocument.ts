import type { Parameters } from '../kernels/types.js';
import type { ComparisonResult } from './compare.js';

/**
 * The results document of `initlab compare` — printed by `--json` and saved as results.json.
 * It records initlab's version, the backend, the full resolved config (seeds included) and, per
 * initializer, the cost curve, accuracies, finding and final weights.
 */
export function comparisonDocument(result: ComparisonResult): Record<string, unknown> {
  return {
    initlab: result.initlab,
    config: result.config,
    runs: result.runs.map((r) => ({
      init: r.init,
      label: r.label,
      status: r.status,
      ...(r.divergedAt !== undefined ? { divergedAt: r.divergedAt } : {}),
      costs: r.costs,
      finalCost: r.finalCost,
      trainAccuracy: r.trainAccuracy,
      testAccuracy: r.testAccuracy,
      seconds: r.seconds,
      finding: r.finding,
      ...(r.stats ? { stats: r.stats } : {}),
      finalParameters: parametersToArrays(r.parameters),
    })),
  };
}

function parametersToArrays(p: Parameters): { weights: number[][]; biases: number[][] } {
  return { weights: p.weights.map((w) => Array.from(w)), biases: p.biases.map((b) => Array.from(b)) };
}

/**
 * JSON with non-finite numbers written as the strings "Infinity", "-Infinity" and "NaN"
 * (plain JSON.stringify would silently turn them into null).
 */
export function stringifyResults(doc: unknown, indent = 2): string {
  return JSON.stringify(doc, (_key, value: unknown) => (typeof value === 'number' && !Number.isFinite(value) ? String(value) : value), indent);
}
