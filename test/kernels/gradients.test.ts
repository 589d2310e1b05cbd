// Gradients against central finite differences of the course's cost
//   J = (1/m)·Σ[−y·log a − (1−y)·log(1−a)]
// computed here from forward() outputs, as the course's gradient-checking assignment does:
// difference = ‖grad − gradapprox‖ / (‖grad‖ + ‖gradapprox‖).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createEngine } from '../../src/kernels/index.js';
import type { FullBatchEngine, Parameters } from '../../src/kernels/types.js';
import { BACKENDS, cloneParams, flatten, makeData, makeParams } from './support.js';

function cost(a: Float64Array, y: Float64Array): number {
  let sum = 0;
  for (let s = 0; s < y.length; s++) sum += -y[s] * Math.log(a[s]) - (1 - y[s]) * Math.log(1 - a[s]);
  return sum / y.length;
}

/** Central differences of J with respect to every weight and bias, in flatten() order. */
function finiteDifferences(engine: FullBatchEngine, p: Parameters, y: Float64Array, h: number): Float64Array {
  const out: number[] = [];
  const groups: ('weights' | 'biases')[] = ['weights', 'biases'];
  for (const group of groups) {
    for (let l = 0; l < p[group].length; l++) {
      for (let i = 0; i < p[group][l].length; i++) {
        const plus = cloneParams(p);
        plus[group][l][i] += h;
        engine.setParameters(plus);
        const jPlus = cost(engine.forward(), y);
        const minus = cloneParams(p);
        minus[group][l][i] -= h;
        engine.setParameters(minus);
        const jMinus = cost(engine.forward(), y);
        out.push((jPlus - jMinus) / (2 * h));
      }
    }
  }
  engine.setParameters(p);
  return Float64Array.from(out);
}

function difference(a: Float64Array, b: Float64Array): number {
  let num = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    num += (a[i] - b[i]) ** 2;
    na += a[i] ** 2;
    nb += b[i] ** 2;
  }
  return Math.sqrt(num) / (Math.sqrt(na) + Math.sqrt(nb));
}

const cases = [
  { sizes: [3, 4, 3, 1], m: 7, seed: 11 },
  { sizes: [2, 5, 1], m: 17, seed: 12 },
  { sizes: [4, 16, 8, 4, 1], m: 33, seed: 13 },
];

for (const backend of BACKENDS) {
  for (const { sizes, m, seed } of cases) {
    test(`${backend}: gradients match central finite differences, layers [${sizes}], m=${m}`, () => {
      const { x, y } = makeData(sizes[0], m, seed);
      const p = makeParams(sizes, seed + 100);
      const engine = createEngine(backend, sizes, x, y, m);
      engine.setParameters(p);
      const analytic = flatten(engine.gradients());
      const numeric = finiteDifferences(engine, p, y, 1e-6);
      const d = difference(analytic, numeric);
      assert.ok(d < 1e-6, `relative difference ${d}`);
      // Every component, not just the norm: absolute error well below the gradient scale.
      const scale = Math.max(...analytic.map(Math.abs));
      analytic.forEach((g, i) => assert.ok(Math.abs(g - numeric[i]) < 1e-6 * scale, `component ${i}: ${g} vs ${numeric[i]}`));
      engine.dispose();
    });
  }
}
