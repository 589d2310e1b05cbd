import assert from 'node:assert/strict';
import type { DataSpec } from '../../src/core/runConfig.js';
import { makeDataset } from '../../src/data/makeDataset.js';
import { UsageError } from '../../src/util/errors.js';

/** makeDataset(spec) refuses with one line, a UsageError whose message matches `pattern`. */
export function usage(spec: DataSpec, pattern: RegExp): void {
  assert.throws(
    () => makeDataset(spec),
    (e: unknown) => {
      assert.ok(e instanceof UsageError, `expected a UsageError, got ${String(e)}`);
      assert.match(e.message, pattern);
      assert.ok(!e.message.includes('\n'), 'one line');
      return true;
    },
  );
}
