import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { z } from 'zod';
import { knownKeysAt } from '../../src/util/zodKeys.js';

describe('knownKeysAt', () => {
  const schema = z
    .object({
      data: z.object({ name: z.string(), seed: z.number() }).strict(),
      training: z.object({ iterations: z.number(), optimizer: z.union([z.object({ name: z.string(), beta1: z.number() }), z.object({ name: z.string(), momentum: z.number() })]) }).partial(),
      layers: z.array(z.object({ type: z.string(), units: z.number() })).optional(),
    })
    .strict();
  it('lists the fields of the object at a path, through optional, partial, arrays and unions', () => {
    assert.deepEqual(knownKeysAt(schema, []), ['data', 'training', 'layers']);
    assert.deepEqual(knownKeysAt(schema, ['data']), ['name', 'seed']);
    assert.deepEqual(knownKeysAt(schema, ['training']), ['iterations', 'optimizer']);
    assert.deepEqual(knownKeysAt(schema, ['training', 'optimizer']), ['name', 'beta1', 'momentum']);
    assert.deepEqual(knownKeysAt(schema, ['layers', 3]), ['type', 'units']);
  });
  it('gives [] where there is no object', () => {
    assert.deepEqual(knownKeysAt(schema, ['data', 'seed']), []);
    assert.deepEqual(knownKeysAt(schema, ['nowhere']), []);
  });
});
