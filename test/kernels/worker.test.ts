// A compiled kernel module can be posted to a worker thread, which instantiates it without
// compiling again and computes the same numbers as the main thread.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Worker } from 'node:worker_threads';
import { compileKernels, createEngine } from '../../src/kernels/index.js';
import type { Parameters } from '../../src/kernels/types.js';
import { bitIdentical, flatten, makeData, makeParams } from './support.js';

test('a worker thread trains on the module compiled by the main thread', async () => {
  const sizes = [2, 10, 5, 1];
  const m = 64;
  const { x, y } = makeData(2, m, 21);
  const params = makeParams(sizes, 22);
  const workerData = { module: compileKernels(), sizes, x, y, m, params, iterations: 100, learningRate: 0.05 };
  const worker = new Worker(new URL('./trainWorker.mjs', import.meta.url), { workerData });
  const fromWorker = await new Promise<Parameters>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  await worker.terminate();
  const local = createEngine('wasm', sizes, x, y, m);
  local.setParameters(params);
  local.train(100, 0.05);
  assert.ok(bitIdentical(flatten(fromWorker), flatten(local.getParameters())));
});
