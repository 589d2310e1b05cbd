import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { runCli } from '../helpers/cli.js';
import { PNG_SIGNATURE, pngSize } from '../report/helpers.js';

interface Cell { sigmaW2: number; sigmaB2: number; qStar: number; chi1: number; cStar: number; chiC: number; xiC: number | string; phase: string }
interface PhaseDoc {
  initlab: { version: string };
  config: { activation: string; sigmaW2Range: number[]; sigmaB2Range: number[]; grid: number[]; linePoints: number; xiCap: number };
  cells: Cell[];
  criticalLine: { sigmaB2: number; sigmaW2: number }[];
}

describe('initlab theory --phase-diagram (end to end; needs npm run build)', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'initlab-phase-'));
  after(() => rmSync(tmp, { recursive: true, force: true }));

  it('writes phase-diagram.json (version, config, cells, critical line), .svg and .png', async () => {
    const out = join(tmp, 'pd');
    const r = await runCli(['theory', '--phase-diagram', '--out', out, '--grid', '10x4', '--sigma-b2-range', '0,0.05']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stderr, '');
    assert.match(r.stdout, /phase diagram of tanh: σ_w² ∈ \[0\.5, 4\], σ_b² ∈ \[0, 0\.05\], 10 × 4 cells/);
    assert.match(r.stdout, /σ_b² = 0 → σ_w² = 1;/);
    assert.match(r.stdout, /σ_b² = 0\.05 → σ_w² = 1\.76/);
    assert.deepEqual(readdirSync(out).sort(), ['phase-diagram.json', 'phase-diagram.png', 'phase-diagram.svg']);
    const doc = JSON.parse(readFileSync(join(out, 'phase-diagram.json'), 'utf8')) as PhaseDoc;
    const version = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
    assert.equal(doc.initlab.version, version);
    assert.deepEqual(doc.config, { activation: 'tanh', sigmaW2Range: [0.5, 4], sigmaB2Range: [0, 0.05], grid: [10, 4], linePoints: 25, xiCap: 1000 });
    assert.equal(doc.cells.length, 40);
    for (const c of doc.cells) {
      for (const k of ['sigmaW2', 'sigmaB2', 'qStar', 'chi1', 'cStar', 'chiC'] as const) assert.equal(typeof c[k], 'number', k);
      assert.ok(typeof c.xiC === 'number' || c.xiC === 'Infinity');
      assert.ok(c.phase === 'ordered' || c.phase === 'chaotic');
    }
    assert.equal(doc.criticalLine.length, 25);
    assert.deepEqual([doc.criticalLine[0]!.sigmaB2, doc.criticalLine[24]!.sigmaB2], [0, 0.05]);
    assert.ok(Math.abs(doc.criticalLine[24]!.sigmaW2 - 1.761) < 5e-4);
    const png = readFileSync(join(out, 'phase-diagram.png'));
    assert.deepEqual([...png.subarray(0, 8)], PNG_SIGNATURE);
    const { width, height } = pngSize(png);
    assert.ok(width >= 1200 && width <= 2000 && height >= 700 && height <= 1200, `${width} × ${height}`);
  });

  it('--json prints the same document it writes', async () => {
    const out = join(tmp, 'pd-json');
    const r = await runCli(['theory', '--phase-diagram', '--activation', 'TANH', '--out', out, '--grid', '3x2', '--json']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, readFileSync(join(out, 'phase-diagram.json'), 'utf8'));
    assert.equal((JSON.parse(r.stdout) as PhaseDoc).config.activation, 'tanh');
  });

  it('refuses bad input: exit 2, one stderr line, nothing written', async () => {
    const file = join(tmp, 'a-file');
    writeFileSync(file, 'keep');
    const x = join(tmp, 'x');
    const cases = [
      ['--phase-diagram without --out', ['--phase-diagram'], /--phase-diagram writes files: add --out DIR/],
      ['--out naming a file', ['--phase-diagram', '--out', file], /a file of that name exists/],
      ['--out without --phase-diagram', ['--activation', 'tanh', '--sigma-w2', '1', '--sigma-b2', '0', '--out', x], /--out belongs to --phase-diagram/],
      ['a point and --phase-diagram', ['--phase-diagram', '--sigma-w2', '1.5', '--out', x], /--sigma-w2-range/],
      ['relu', ['--phase-diagram', '--activation', 'relu', '--out', x], /relu has no phase diagram here .*σ_w² = 2/],
      ['a reversed range', ['--phase-diagram', '--sigma-w2-range', '4,1', '--out', x], /--sigma-w2-range '4,1'/],
      ['a zero σ_w²', ['--phase-diagram', '--sigma-w2-range', '0,1', '--out', x], /0 < LO < HI/],
      ['a bad grid', ['--phase-diagram', '--grid', '1x5', '--out', x], /--grid '1x5'/],
      ['a huge grid', ['--phase-diagram', '--grid', '1000x1000', '--out', x], /1000000 cells is more than 40000/],
    ] as const;
    // Each is a fresh process that fails before any work: run them side by side.
    const results = await Promise.all(cases.map(([, args]) => runCli(['theory', ...args])));
    cases.forEach(([what, , message], i) => {
      const r = results[i]!;
      assert.equal(r.code, 2, `${what}: ${r.stderr}`);
      assert.equal(r.stdout, '', what);
      assert.match(r.stderr, message, what);
      assert.equal(r.stderr.trim().split('\n').length, 1, `${what}: ${r.stderr}`);
    });
    assert.equal(existsSync(x), false);
    assert.equal(readFileSync(file, 'utf8'), 'keep');
    assert.deepEqual(readdirSync(tmp).filter((n) => n.includes('partial')), []);
  });
});
