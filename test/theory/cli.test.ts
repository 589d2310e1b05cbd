import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { runCli } from '../helpers/cli.js';

describe('initlab theory (end to end; needs npm run build)', () => {
  it('prints q*, χ₁, c*, χ_c, ξ_q, ξ_c', async () => {
    const r = await runCli(['theory', '--activation', 'tanh', '--sigma-w2', '1.5', '--sigma-b2', '0.05']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stderr, '');
    for (const s of ['q*', 'χ₁', 'c*', 'χ_c', 'ξ_q', 'ξ_c', 'ordered']) assert.ok(r.stdout.includes(s), s);
  });

  it('--json prints {initlab, config, qStar, chi1, cStar, chiC, xiQ, xiC}, non-finite values as strings and explained in notes', async () => {
    const r = await runCli(['theory', '--activation', 'tanh', '--sigma-w2', '1.5', '--sigma-b2', '0.05', '--json']);
    assert.equal(r.code, 0, r.stderr);
    const doc = JSON.parse(r.stdout) as Record<string, unknown>;
    assert.deepEqual(Object.keys(doc), ['initlab', 'config', 'qStar', 'chi1', 'cStar', 'chiC', 'xiQ', 'xiC']);
    // The inputs and the version block, as compare's and diagnose's documents carry them.
    assert.deepEqual(doc.config, { activation: 'tanh', sigmaW2: 1.5, sigmaB2: 0.05 });
    assert.equal((doc.initlab as { version: string }).version, (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version);
    assert.ok(Math.abs((doc.qStar as number) - 0.41803720053) < 1e-8);
    assert.equal(doc.cStar, 1);
    const he = JSON.parse((await runCli(['theory', '--activation', 'relu', '--sigma-w2', '2', '--sigma-b2', '0', '--json'])).stdout) as Record<string, unknown>;
    assert.equal(he.qStar, 'NaN');
    assert.equal(he.xiQ, 'Infinity');
    assert.equal(he.xiC, 'Infinity');
    assert.ok(Array.isArray(he.notes) && (he.notes as string[]).some((n) => /q\* = NaN: .*every q is a fixed point/.test(n)), String(he.notes));
  });

  it('explains a NaN or ∞ in a note line (ReLU at He criticality, tanh with σ_b² = 0 in the ordered phase)', async () => {
    for (const [args, note] of [
      [['--activation', 'relu', '--sigma-w2', '2', '--sigma-b2', '0'], /note: q\* = NaN: .*every q is a fixed point/],
      [['--activation', 'tanh', '--sigma-w2', '0.5', '--sigma-b2', '0'], /note: q\* = 0 and c\*, χ_c, ξ_c = NaN: .*0\/0/],
    ] as const) {
      const r = await runCli(['theory', ...args]);
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, note);
    }
  });

  it('σ_w² = 1e300, σ_b² = 0: finite χ_c and ξ_c equal to mpmath (were Infinity), the JSON keys unchanged', async () => {
    const ref = (JSON.parse(readFileSync(new URL('../fixtures/mean-field-large-sigma.json', import.meta.url), 'utf8')) as { cases: Record<string, number | string>[] }).cases;
    for (const act of ['tanh', 'erf']) {
      const want = ref.find((c) => c.activation === act && c.sigmaW2 === 1e300 && c.sigmaB2 === 0)!;
      const r = await runCli(['theory', '--activation', act, '--sigma-w2', '1e300', '--sigma-b2', '0', '--json']);
      assert.equal(r.code, 0, r.stderr);
      const { initlab: _v, config: _c, ...doc } = JSON.parse(r.stdout) as Record<string, number>;
      assert.deepEqual(Object.keys(doc), ['qStar', 'chi1', 'cStar', 'chiC', 'xiQ', 'xiC']);
      for (const k of Object.keys(doc)) {
        const w = want[k] as number;
        assert.ok(w === doc[k] || Math.abs(doc[k]! - w) <= 1e-12 * Math.abs(w), `${act} ${k}: ${doc[k]} vs mpmath ${w}`);
      }
    }
  });

  for (const [what, args, message] of [
    ['an unknown activation', ['--activation', 'tahn', '--sigma-w2', '1', '--sigma-b2', '0'], /--activation 'tahn'.*Did you mean 'tanh'/],
    ['a negative σ_w²', ['--activation', 'tanh', '--sigma-w2', '-1', '--sigma-b2', '0'], /--sigma-w2 '-1'/],
    ['a non-number σ_b²', ['--activation', 'tanh', '--sigma-w2', '1', '--sigma-b2', 'abc'], /--sigma-b2 'abc'/],
    ['a missing --sigma-w2', ['--activation', 'tanh', '--sigma-b2', '0'], /--sigma-w2 is required/],
  ] as const) {
    it(`refuses ${what}: exit 2, one stderr line, nothing on stdout`, async () => {
      const r = await runCli(['theory', ...args]);
      assert.equal(r.code, 2, r.stderr);
      assert.equal(r.stdout, '');
      assert.match(r.stderr, message);
      assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
    });
  }
});
