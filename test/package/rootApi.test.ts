/**
 * What the root entry promises (issue 11, item 3): NumpyRandomState with standardNormal(),
 * normal(loc, scale) and uniform(low, high); makeCircles / makeMoons(rng, {nSamples, noise}) giving
 * {nSamples, nFeatures, x feature-major, y}; initialize; meanField. And what it no longer holds:
 * internals and the Node-only or figure parts, which live in initlab/node and initlab/report.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as root from '../../src/index.js';
import * as node from '../../src/node.js';
import * as report from '../../src/report.js';

// Expected draws from numpy 1.x/2.x legacy RandomState (python3 -c "import numpy as np;
// print(repr(np.random.RandomState(0).standard_normal()), repr(np.random.RandomState(0).normal(1, 2)),
// repr(np.random.RandomState(0).uniform(-1, 1)))").
test('NumpyRandomState draws standardNormal(), normal(loc, scale) and uniform(low, high) as numpy does', () => {
  assert.equal(new root.NumpyRandomState(0).standardNormal(), 1.764052345967664);
  assert.equal(new root.NumpyRandomState(0).normal(1, 2), 4.528104691935328);
  assert.equal(new root.NumpyRandomState(0).uniform(-1, 1), 0.0976270078546495);
});

test('makeCircles(rng, {nSamples, noise}) gives feature-major points on the two circles', () => {
  const d = root.makeCircles(new root.NumpyRandomState(0), { nSamples: 10, noise: 0 });
  assert.deepEqual([d.nSamples, d.nFeatures, d.x.length, d.y.length], [10, 2, 20, 10]);
  // sklearn: label 0 on the unit circle, label 1 on the inner one (radius factor = 0.8).
  for (let i = 0; i < 10; i++) {
    const r2 = d.x[i]! ** 2 + d.x[10 + i]! ** 2;
    assert.ok(Math.abs(r2 - (d.y[i] === 0 ? 1 : 0.64)) < 1e-12, `sample ${i}: r² = ${r2}, label ${d.y[i]}`);
  }
});

test('makeMoons(rng, {nSamples, noise}) gives feature-major points on the two half circles', () => {
  const d = root.makeMoons(new root.NumpyRandomState(0), { nSamples: 10, noise: 0 });
  assert.deepEqual([d.nSamples, d.nFeatures, d.x.length, d.y.length], [10, 2, 20, 10]);
  // sklearn: outer moon (cos t, sin t), label 0; inner moon (1 − cos t, 0.5 − sin t), label 1.
  for (let i = 0; i < 10; i++) {
    const [x0, x1] = [d.x[i]!, d.x[10 + i]!];
    const r2 = d.y[i] === 0 ? x0 ** 2 + x1 ** 2 : (x0 - 1) ** 2 + (x1 - 0.5) ** 2;
    assert.ok(Math.abs(r2 - 1) < 1e-12, `sample ${i}: r² = ${r2}, label ${d.y[i]}`);
  }
});

test('initialize and meanField are on the root', () => {
  const t = root.initialize('torch:kaiming_uniform', [4, 3], new root.NumpyRandomState(0));
  assert.equal(t.values.length, 12);
  // PyTorch kaiming_uniform_(a=0): bound = gain·√(3/fan_in) = √2·√(3/3) = √2.
  assert.ok(t.values.every((v) => Math.abs(v) <= Math.SQRT2));
  // ReLU: q* = σ_b² / (1 − σ_w²/2) = 0.05 / 0.25, χ₁ = σ_w²·E[φ′(z)²] = σ_w²/2 (Poole et al. 2016).
  const mf = root.meanField('relu', 1.5, 0.05);
  assert.ok(Math.abs(mf.qStar - 0.2) < 1e-12, String(mf.qStar));
  assert.ok(Math.abs(mf.chi1 - 0.75) < 1e-12, String(mf.chi1));
});

test('the root exports no internals and none of the Node-only or figure parts', () => {
  const names = new Set(Object.keys(root));
  for (const hidden of ['KERNELS_WASM_BASE64', 'kernelBytes', 'instantiateKernels', 'webAssemblyApi', 'createGemm', 'gemmScratchBytes', 'elementBytes', 'JsGemm', 'WasmGemm', 'KernelArena', 'arrayBacking', 'wasmBacking']) assert.ok(!names.has(hidden), hidden);
  for (const moved of ['writeFileAtomic', 'runComparison', 'runSweep', 'readSweepSpec', 'runOne', 'runId']) {
    assert.ok(!names.has(moved), moved);
    assert.equal(typeof (node as Record<string, unknown>)[moved], 'function', moved);
  }
  for (const moved of ['renderVegaLiteToSvg', 'svgToPng', 'comparisonFigures', 'renderTrainabilityFigure', 'phaseDiagramSpec']) {
    assert.ok(!names.has(moved), moved);
    assert.equal(typeof (report as Record<string, unknown>)[moved], 'function', moved);
  }
  const overlap = [...Object.keys(node), ...Object.keys(report)].filter((n) => names.has(n));
  assert.deepEqual(overlap, []);
});
