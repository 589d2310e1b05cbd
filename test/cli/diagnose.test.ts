import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runCli } from '../helpers/cli.js';

interface Layer { layer: number; preStd: number; postStd: number; gradStd: number; deadFraction: number; saturatedFraction: number | null; predictedPreVar: number | null }
interface Doc { runs: { init: { name: string; scale?: number }; layers: Layer[]; verdicts: { kind: string; layers: number[]; value: number; message: string }[] }[] }

describe('initlab diagnose', () => {
  it('tanh: N(0, 0.01²) vanishes, N(0, 1) saturates near 0.98, zeros is symmetric; measured std beside theory', async () => {
    const r = await runCli(['diagnose', '--width', '256', '--depth', '6', '--batch', '1000', '--activation', 'tanh', '--inits', 'random:scale=0.01,random:scale=1,zeros', '--json']);
    assert.equal(r.code, 0, r.stderr);
    const doc = JSON.parse(r.stdout) as Doc;
    const [small, big, zeros] = doc.runs;
    assert.equal(small!.layers.length, 6);
    for (const key of ['layer', 'preStd', 'postStd', 'gradStd', 'deadFraction', 'saturatedFraction', 'predictedPreVar']) assert.ok(key in small!.layers[0]!, key);
    assert.ok(small!.verdicts.some((v) => v.kind === 'vanishing'));
    assert.ok(big!.verdicts.some((v) => v.kind === 'saturated'));
    assert.ok(zeros!.verdicts.some((v) => v.kind === 'symmetry'));
    // Per layer, σ_w·√fan_in = 0.01·√256 = 0.16: the std shrinks by that factor (tanh is linear near 0).
    const last = small!.layers[5]!.preStd;
    assert.ok(last < 1e-3 && last > 1e-6, String(last));
    for (const l of big!.layers) assert.ok(Math.abs(l.postStd - 0.98) < 0.02, `post std ${l.postStd}`);
    // Theory (mean-field q^l) against the measured pre-activation std: at width 256 each layer's
    // weights move the variance by a few percent (and the batch's sample covariance), and that spread
    // accumulates over the 6 layers, so the bound is 5% (the issue's ~2% is for width 512, batch 1000).
    for (const run of [small!, big!]) for (const l of run.layers) {
      const predicted = Math.sqrt(l.predictedPreVar!);
      assert.ok(Math.abs(l.preStd / predicted - 1) < 0.05, `layer ${l.layer}: ${l.preStd} vs ${predicted}`);
    }
  });

  it('rejects bad input with one line and exit 2', async () => {
    for (const args of [['--depth', '0'], ['--activation', 'swish'], ['--hidden', '8,8', '--width', '8'], ['--inits', 'hee']]) {
      const r = await runCli(['diagnose', ...args]);
      assert.equal(r.code, 2, args.join(' '));
      assert.equal(r.stdout, '');
      assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
    }
  });
});
