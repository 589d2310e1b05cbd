import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, ensureChromium } from '../helpers/chromium.js';
import { runCli } from '../helpers/cli.js';

/*
 * `initlab report` end to end: a small real sweep (circles and a 3-arm spiral, three inits, two
 * depths, two seeds), its report opened from file:// in Debian's chromium. Any console error, page
 * error, dialog (an escaped name must never run) or request that leaves the file fails the test.
 * A full-page screenshot is kept in .test-out/report.png.
 */

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const SHOT_DIR = join(ROOT, '.test-out');
const NASTY = `tiny <script>alert('x')</script> & "co"`;

const SPEC = `name: ${JSON.stringify(NASTY)}
description: "A smoke test of the report <b>not bold</b>."
base:
  data: { name: circles, seed: 1, samples: 200, noise: 0.08 }
  network: { hidden: [8], activation: relu }
  training: { optimizer: sgd, learningRate: 0.5, iterations: 300, logEvery: 25 }
grid:
  data: [circles, { name: spiral, arms: 3, samples: 240 }]
  inits: [zeros, "random:scale=10", he]
  depth: [1, 2]
  seeds: 2
`;

describe('initlab report (in a real browser)', () => {
  let work: string;
  let sweepDir: string;
  let context: BrowserContext | undefined;
  let userData: string;

  before(async () => {
    // First: a missing browser fails here, with the install line (never a silent skip).
    const executablePath = ensureChromium();
    work = mkdtempSync(join(tmpdir(), 'initlab-report-'));
    sweepDir = join(work, 'sweep');
    writeFileSync(join(work, 'spec.yaml'), SPEC);
    const sweep = await runCli(['sweep', join(work, 'spec.yaml'), '--out', sweepDir, '--workers', '2']);
    assert.equal(sweep.code, 0, sweep.stderr);
    userData = mkdtempSync(join(tmpdir(), 'initlab-chromium-'));
    context = await chromium.launchPersistentContext(userData, { executablePath, args: [...CHROMIUM_ARGS], viewport: { width: 1280, height: 900 } });
  });

  after(async () => {
    await context?.close();
    if (userData) rmSync(userData, { recursive: true, force: true });
    if (work) rmSync(work, { recursive: true, force: true });
  });

  /** Opens a page on `file`, collecting every console error, page error, dialog and non-file request. */
  async function open(file: string): Promise<{ page: Page; problems: string[] }> {
    const page = await context!.newPage();
    const problems: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(`console error: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('dialog', (d) => {
      problems.push(`dialog: ${d.message()}`);
      void d.dismiss();
    });
    page.on('request', (r) => {
      if (!r.url().startsWith('file://')) problems.push(`request outside the file: ${r.url()}`);
    });
    page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()}`));
    await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
    return { page, problems };
  }

  it('writes DIR/report.html and DIR/figures/*.png; the page shows every table and figure, escaped, with no error', async () => {
    const r = await runCli(['report', sweepDir]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stderr, '', 'no warnings: every retrained network matched its record');
    const htmlPath = join(sweepDir, 'report.html');
    const html = readFileSync(htmlPath, 'utf8');
    const pngs = readdirSync(join(sweepDir, 'figures')).filter((f) => f.endsWith('.png'));
    // 4 settings: 4 loss panels, 2 depth panels (one per data set), 4 × 3 decision boundaries.
    assert.equal(pngs.length, 4 + 2 + 12, pngs.join(', '));
    assert.ok(!html.includes("<script>alert('x')"), 'the spec name is escaped');
    assert.ok(html.includes('&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;'));
    assert.ok(!/\b(?:src|href)="(?:https?:)?\/\//.test(html), 'no external resources');
    assert.equal(readdirSync(sweepDir).filter((f) => f.includes('partial')).length, 0, 'no staging files left');

    const { page, problems } = await open(htmlPath);
    try {
      // The screenshot first, so that a failing check below still leaves a picture to look at.
      mkdirSync(SHOT_DIR, { recursive: true });
      await page.screenshot({ path: join(SHOT_DIR, 'report.png'), fullPage: true });
      assert.equal(await page.title(), `initlab sweep report — ${NASTY}`);
      assert.equal(await page.locator('h1').innerText(), `initlab sweep report — ${NASTY}`);
      assert.equal(await page.locator('script').count(), 0);
      assert.equal(await page.locator('.description').innerText(), 'A smoke test of the report <b>not bold</b>.');

      for (const id of ['overview', 'summary', 'ranking', 'curves', 'shape', 'boundaries', 'spec']) {
        assert.ok(await page.locator(`section#${id}`).isVisible(), `section #${id} is visible`);
      }
      // Summary: one table per setting, three inits each, ranked; each with mean ± CI and a range.
      const tables = page.locator('table.summary');
      assert.equal(await tables.count(), 4);
      for (let i = 0; i < 4; i++) {
        const t = tables.nth(i);
        assert.ok(await t.isVisible());
        assert.equal(await t.locator('tbody tr').count(), 3);
        const headers = await t.locator('thead th').allInnerTexts();
        assert.deepEqual(headers.slice(3), ['final train loss', 'train accuracy', 'test accuracy', 'diverged', 'symmetric', 'iterations to target']);
        assert.match(await t.locator('tbody tr').first().innerText(), /±/);
        assert.equal((await t.locator('tbody tr td:first-child').allInnerTexts()).map(Number)[0], 1);
      }
      const zerosRow = page.locator('table.summary').first().locator('tbody tr', { hasText: 'zeros' });
      assert.match(await zerosRow.innerText(), /100%/, 'the zeros init stays symmetric in every run');
      const ranking = page.locator('table.ranking');
      assert.ok(await ranking.isVisible());
      assert.equal(await ranking.locator('tbody tr').count(), 4);

      // Figures: every PNG has its inline SVG, visible and of a real size, with a working PNG link.
      const figures = page.locator('figure');
      assert.equal(await figures.count(), pngs.length);
      for (let i = 0; i < pngs.length; i++) {
        const svg = figures.nth(i).locator('svg').first();
        await svg.scrollIntoViewIfNeeded();
        assert.ok(await svg.isVisible(), `figure ${i} is visible`);
        const box = await svg.boundingBox();
        assert.ok(box && box.width > 150 && box.height > 100, `figure ${i} has a real size (${JSON.stringify(box)})`);
        const href = await figures.nth(i).locator('a.png').getAttribute('href');
        assert.ok(href && existsSync(join(sweepDir, href)), `figure ${i} links an existing PNG (${href})`);
      }
      assert.equal(await page.locator('#curves figure').count(), 4);
      assert.equal(await page.locator('#shape figure').count(), 2);
      assert.equal(await page.locator('#boundaries figure').count(), 12);
      // The svgs carry the series: every init's label appears in the loss panel's legend.
      const firstCurve = await page.locator('#curves figure svg').first().innerHTML();
      for (const label of ['zeros', 'random', 'he']) assert.ok(firstCurve.includes(label), label);

      // The spec as written, and the environment.
      const spec = await page.locator('pre.spec').innerText();
      assert.ok(spec.includes('seeds: 2'), spec);
      assert.ok(spec.includes(JSON.stringify(NASTY)), spec);
      const env = await page.locator('table.env').innerText();
      assert.ok(env.includes(process.version), env);
      assert.match(env, /initlab \d+\.\d+\.\d+/);
      assert.match(env, /\d{4}-\d\d-\d\dT/);

      assert.deepEqual(problems, []);
    } finally {
      await page.close();
    }
  });

  it('--out FILE elsewhere puts the PNGs beside it; --no-boundaries leaves the boundaries out', async () => {
    const out = join(work, 'elsewhere', 'my report.html');
    const r = await runCli(['report', sweepDir, '--out', out, '--no-boundaries']);
    assert.equal(r.code, 0, r.stderr);
    const pngs = readdirSync(join(work, 'elsewhere', 'figures'));
    assert.equal(pngs.length, 6);
    const { page, problems } = await open(out);
    try {
      assert.equal(await page.locator('section#boundaries').count(), 0);
      assert.equal(await page.locator('figure').count(), 6);
      const href = await page.locator('figure a.png').first().getAttribute('href');
      assert.ok(href && existsSync(join(work, 'elsewhere', href)));
      assert.deepEqual(problems, []);
    } finally {
      await page.close();
    }
  });

  it('refuses a folder with no runs (exit 2, one line, nothing written)', async () => {
    const empty = join(work, 'empty');
    mkdirSync(empty);
    const r = await runCli(['report', empty]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /^initlab: .*no finished runs/);
    assert.equal(r.stderr.trim().split('\n').length, 1);
    assert.deepEqual(readdirSync(empty), []);
    const missing = await runCli(['report', join(work, 'nope')]);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /no such folder/);
  });
});
