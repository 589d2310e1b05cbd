// Worker for worker.test.ts: trains on a kernel module posted by the main thread.
// It loads the TypeScript sources through tsx's API, since workers do not inherit the test's loader.
import { parentPort, workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
const { createEngine } = await import('../../src/kernels/index.ts');
const { module, sizes, x, y, m, params, iterations, learningRate } = workerData;
const engine = createEngine('wasm', sizes, x, y, m, module);
engine.setParameters(params);
engine.train(iterations, learningRate);
parentPort.postMessage(engine.getParameters());
