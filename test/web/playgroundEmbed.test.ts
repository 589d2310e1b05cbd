import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { runCli } from '../helpers/cli.js';
import { collectErrors, finals, launchChromium, linkParams, startServe, waitFinished, type PanelFinal, type Served } from '../helpers/playground.js';

/*
 * The embeddable figure (issue 15): `embed=1` shows the panels alone (no control column, no
 * add-panel), plays by itself, fits an 900 × 760 <iframe>, and trains the same numbers as the full
 * page; `initlab figure --out DIR` writes one self-contained HTML file that does the same from
 * disk. Also records frames per second with 3 and 6 panels (reported, not asserted).
 */

const OUT = '.test-out/web';
const LINK = 'init=zeros&init=random:scale=10&init=he&iters=2000';

let served: Served | undefined;
let browser: Browser | undefined;
let base = '';
const errors: string[] = [];
let tmp = '';

async function newPage(width: number, height: number): Promise<Page> {
  const page = await browser!.newPage({ viewport: { width, height } });
  collectErrors(page, errors);
  return page;
}

/** Frames per second while the page trains for `ms`, from requestAnimationFrame timestamps. */
async function fps(page: Page, ms: number): Promise<{ fps: number; median: number; p95: number }> {
  await page.evaluate(`(() => { window.__frames = []; window.__measure = true; const loop = (t) => { window.__frames.push(t); if (window.__measure) requestAnimationFrame(loop); }; requestAnimationFrame(loop); })()`);
  await page.waitForTimeout(ms);
  const frames = (await page.evaluate('(() => { window.__measure = false; return window.__frames; })()')) as number[];
  const gaps = frames.slice(1).map((t, i) => t - frames[i]!).sort((a, b) => a - b);
  return { fps: (frames.length - 1) / ((frames[frames.length - 1]! - frames[0]!) / 1000), median: gaps[gaps.length >> 1]!, p95: gaps[Math.floor(gaps.length * 0.95)]! };
}

describe('the playground: embed mode and the self-contained figure, in chromium', { timeout: 180_000 }, () => {
  let full: PanelFinal[] = [];

  before(async () => {
    mkdirSync(OUT, { recursive: true });
    tmp = mkdtempSync(join(tmpdir(), 'initlab-figure-'));
    served = await startServe();
    base = served.url;
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    served?.stop();
    rmSync(tmp, { recursive: true, force: true });
  });

  it('embed=1: panels only, no add-panel, autoplay, the same numbers as the full page', async () => {
    const page = await newPage(1280, 900);
    await page.goto(`${base}#${LINK}`);
    await page.waitForSelector('[data-testid="panel-2"][data-iteration="0"]');
    await page.click('[data-testid="play"]');
    await waitFinished(page, 3, 60_000);
    full = await finals(page, 3);
    await page.close();

    const embed = await newPage(900, 760);
    await embed.goto(`${base}#${LINK}&embed=1`);
    await embed.waitForSelector('[data-testid="panel-2"]');
    assert.equal(await embed.locator('[data-testid="add-panel"]').count(), 0, 'no add-panel');
    assert.equal(await embed.locator('[data-testid="controls-box"]').count(), 0, 'no control column');
    assert.equal(await embed.locator('section.panel').count(), 3);
    // Autoplay: it trains without a click.
    await waitFinished(embed, 3, 60_000);
    assert.deepEqual(await finals(embed, 3), full, 'the figure trains the numbers of the full page');
    assert.equal(linkParams(embed.url()).get('embed'), '1', 'the flag stays in the link');
    const fullLink = linkParams(`${base.replace(/\/$/, '')}${(await embed.getAttribute('[data-testid="open-full"]', 'href')) ?? ''}`);
    assert.equal(fullLink.get('embed'), null, '"open in the playground" drops embed=1');
    assert.equal(fullLink.get('iters'), '2000');
    assert.deepEqual(fullLink.getAll('init'), ['zeros', 'random:scale=10', 'he']);
    const last = await embed.locator('[data-testid="panel-2"]').boundingBox();
    assert.ok(last && last.x + last.width <= 900, 'three panels fit 900 px side by side');
    await embed.screenshot({ path: `${OUT}/embed.png` });
    await embed.close();
  });

  it('the README\'s one-line iframe shows the figure', async () => {
    const host = await newPage(960, 820);
    await host.setContent(`<!doctype html><title>a post</title><p>Three inits, one network:</p><iframe src="${base}#${LINK}&embed=1" width="900" height="760" style="border:0" title="initlab: zeros, random×10 and He"></iframe>`);
    const frame = host.frameLocator('iframe');
    await frame.locator('[data-testid="panel-2"][data-finished="true"]').waitFor({ timeout: 60_000 });
    assert.equal(await frame.locator('[data-testid="add-panel"]').count(), 0);
    await host.screenshot({ path: `${OUT}/embed-iframe.png` });
    await host.close();
  });

  it('initlab figure --out DIR writes one self-contained file that trains the same numbers from disk', async () => {
    const r = await runCli(['figure', '--out', tmp, '--link', `http://127.0.0.1:8080/#${LINK}`]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /initlab-figure\.html .*self-contained/);
    const file = join(tmp, 'initlab-figure.html');
    const html = readFileSync(file, 'utf8');
    assert.doesNotMatch(html, /<script[^>]+src=|<link[^>]+stylesheet|assets\//, 'nothing loaded from beside the file');
    const page = await newPage(900, 760);
    await page.goto(pathToFileURL(file).href);
    await waitFinished(page, 3, 60_000);
    assert.deepEqual(await finals(page, 3), full);
    assert.equal(await page.locator('[data-testid="add-panel"]').count(), 0);
    await page.close();
    // A missing --out is a one-line usage error, exit 2, and no file.
    const bad = await runCli(['figure', '--link', LINK]);
    assert.equal(bad.code, 2);
    assert.equal(bad.stdout, '');
    assert.equal(bad.stderr.trim().split('\n').length, 1);
    assert.equal(existsSync(join(tmp, 'initlab-figure.html.tmp')), false);
  });

  it('records frames per second with 3 and 6 panels (reported)', async () => {
    const page = await newPage(1280, 1100);
    for (const n of [3, 6]) {
      await page.goto(`${base}#${Array.from({ length: n }, () => 'init=he').join('&')}&iters=200000&hist=activations`);
      await page.waitForSelector(`[data-testid="panel-${n - 1}"][data-iteration="0"]`);
      await page.click('[data-testid="play"]');
      await page.waitForTimeout(500);
      const m = await fps(page, 3000);
      const iters = await page.evaluate(`[...document.querySelectorAll('section.panel')].map((p) => Number(p.dataset.iteration))`) as number[];
      console.log(`# playground fps with ${n} panels: ${m.fps.toFixed(1)} frames/s (median frame ${m.median.toFixed(1)} ms, 95th percentile ${m.p95.toFixed(1)} ms); updates per panel after 3.5 s: ${iters.join(', ')}`);
      assert.ok(m.fps > 0);
      await page.click('[data-testid="play"]');
    }
    await page.close();
  });

  it('logged no console error, page error or failed request', () => {
    assert.deepEqual(errors, []);
  });
});
