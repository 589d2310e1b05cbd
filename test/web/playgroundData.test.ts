import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import type { Browser, Download, Page } from 'playwright-core';
import { collectErrors, finals, launchChromium, linkParams, startServe, value, waitFinished, type Served } from '../helpers/playground.js';

/*
 * The playground's data and view corners in chromium (issue 6 §3–§5, §8): a CSV upload the panels
 * train on, offered back as a file because a link cannot carry it; points added by clicking on a
 * heat map; the histograms toggle (off / activations / gradients); a three-class data set with a
 * softmax head; and keyboard operation with a label on every control. Fails on any console error,
 * page error or failed request. Screenshots go to .test-out/web/.
 */

const OUT = '.test-out/web';
/** The heat map's CSS size (web/src/panelView.ts HEATMAP_SIZE); the test measures it too. */
const HEATMAP_PX = 260;
/** The query keys a link may hold besides a generator's parameters: none of them carries points. */
const PAGE_KEYS = ['data', 'seed', 'hidden', 'act', 'opt', 'lr', 'batch', 'iters', 'wseed', 'init', 'hist', 'neurons'];

let served: Served | undefined;
let browser: Browser | undefined;
let page: Page;
let base = '';
const errors: string[] = [];

/** Two well-separated clusters, balanced (8 + 8 training points, 4 + 4 test points), labels known. */
const TRAIN: [number, number, number][] = [
  [-2.1, -1.2, 0], [-1.8, -0.9, 0], [-2.3, -0.7, 0], [-1.6, -1.4, 0], [-2, -1, 0], [-2.4, -1.3, 0], [-1.7, -0.6, 0], [-1.9, -1.5, 0],
  [2.1, 1.4, 1], [1.8, 1.7, 1], [2.3, 1.2, 1], [1.6, 1.9, 1], [2, 1.5, 1], [2.4, 1.6, 1], [1.7, 1.1, 1], [2.2, 1.8, 1],
];
const TEST: [number, number, number][] = [
  [-2.05, -1.05, 0], [-1.75, -1.25, 0], [-2.2, -0.85, 0], [-1.95, -1.35, 0],
  [1.95, 1.45, 1], [2.15, 1.65, 1], [1.85, 1.3, 1], [2.25, 1.55, 1],
];
const CSV = ['x0,x1,label,split', ...TRAIN.map((r) => `${r.join(',')},train`), ...TEST.map((r) => `${r.join(',')},test`)].join('\n') + '\n';

interface Row {
  x0: number;
  x1: number;
  label: number;
  split: string;
}

function parseCsv(text: string): Row[] {
  const [header, ...lines] = text.trim().split('\n');
  assert.equal(header, 'x0,x1,label,split');
  return lines.map((l) => {
    const [x0, x1, label, split] = l.split(',');
    return { x0: Number(x0), x1: Number(x1), label: Number(label), split: split! };
  });
}

/**
 * The heat map's window as the page documents it (web/src/data.ts plotBounds): the square around
 * every train and test point, 1.15 × the larger of the two ranges, centred on the points' box.
 */
function windowAround(rows: readonly Row[]): { xMin: number; yMin: number; side: number } {
  const xs = rows.map((r) => r.x0);
  const ys = rows.map((r) => r.x1);
  const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const side = Math.max(x1 - x0, y1 - y0) * 1.15;
  return { xMin: (x0 + x1) / 2 - side / 2, yMin: (y0 + y1) / 2 - side / 2, side };
}

async function downloadText(click: () => Promise<void>): Promise<string> {
  const [d] = (await Promise.all([page.waitForEvent('download'), click()])) as [Download, void];
  return readFileSync((await d.path())!, 'utf8');
}

const count = async (): Promise<{ train: number; test: number; classes: number }> => ({
  train: Number(await page.getAttribute('[data-testid="data-count"]', 'data-train')),
  test: Number(await page.getAttribute('[data-testid="data-count"]', 'data-test')),
  classes: Number(await page.getAttribute('[data-testid="data-count"]', 'data-classes')),
});

function queryKeys(url: string): string[] {
  return [...new Set(linkParams(url).keys())];
}

describe('the playground: data, histograms, multiclass and keyboard, in chromium', { timeout: 120_000 }, () => {
  before(async () => {
    mkdirSync(OUT, { recursive: true });
    served = await startServe();
    base = served.url;
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 1100 }, acceptDownloads: true });
    collectErrors(page, errors);
  });
  after(async () => {
    await browser?.close();
    served?.stop();
  });

  it('trains on an uploaded CSV, says a link cannot hold it and gives it back as the same file', async () => {
    await page.goto(`${base}?hidden=6&lr=0.1&iters=300&init=zeros&init=he&hist=activations`);
    await page.waitForSelector('[data-testid="panel-1"][data-iteration="0"]');
    assert.equal(await page.isVisible('[data-testid="custom-note"]'), false, 'no custom-data note for generated data');
    await page.setInputFiles('[data-testid="upload"]', { name: 'two-blobs.csv', mimeType: 'text/csv', buffer: Buffer.from(CSV) });
    await page.waitForSelector('[data-testid="data-count"][data-train="16"][data-test="8"]');
    assert.deepEqual(await count(), { train: 16, test: 8, classes: 2 });
    assert.equal(await page.inputValue('[data-testid="data-set"]'), 'custom');
    assert.match((await page.textContent('[data-testid="custom-note"]')) ?? '', /cannot be put in a link.*download them as CSV/);

    // The link says the data are custom and holds no point: only the page's own keys, no generator parameter.
    const link = page.url();
    assert.equal(linkParams(link).get('data'), 'custom');
    for (const k of queryKeys(link)) assert.ok(PAGE_KEYS.includes(k), `link key '${k}'`);

    await page.click('[data-testid="play"]');
    await waitFinished(page, 2, 30_000);
    const [zeros, he] = await finals(page, 2);
    // Zero weights: every hidden unit outputs 0, no weight gets a gradient, and on balanced labels
    // the output bias's gradient mean(p − y) is 0 too, so the loss stays ln 2.
    assert.ok(Math.abs(zeros!.trainLoss - Math.LN2) <= 1e-12, `zeros loss ${zeros!.trainLoss}`);
    assert.equal(he!.iteration, 300);
    assert.equal(he!.trainAcc, 1, 'He separates two distant clusters');
    assert.equal(he!.testAcc, 1);

    assert.equal(await downloadText(() => page.click('[data-testid="download-csv"]')), CSV, 'the CSV offered is the one uploaded');
    const doc = JSON.parse(await downloadText(() => page.click('[data-testid="export-json"]'))) as { data: { name: string; csv: string }; runs: { final: { trainAccuracy: number } }[] };
    assert.equal(doc.data.name, 'custom');
    assert.equal(doc.data.csv, CSV);
    assert.equal(doc.runs[1]!.final.trainAccuracy, 1);
    await page.screenshot({ path: `${OUT}/uploaded.png`, fullPage: true });

    // Opening the link elsewhere: the page says the points are not in it and shows the default data.
    const other = await browser!.newPage({ viewport: { width: 1280, height: 900 } });
    collectErrors(other, errors);
    await other.goto(link);
    await other.waitForSelector('[data-testid="notice"]:not([hidden])');
    assert.match((await other.textContent('[data-testid="notice"]')) ?? '', /hand-placed or uploaded points, which a link cannot carry.*CSV/);
    assert.equal(await other.inputValue('[data-testid="data-set"]'), 'circles');
    await other.close();
  });

  it('a click on a heat map adds a point of the chosen class where it was clicked', async () => {
    await page.goto(`${base}?data=moons&samples=60&hidden=6&iters=100&init=he&hist=off`);
    await page.waitForSelector('[data-testid="panel-0"][data-iteration="0"]');
    const start = await count();
    assert.equal(await page.isVisible('[data-testid="custom-note"]'), false);
    const heat = page.locator('[data-testid="panel-0"] canvas.heatmap');
    const box = (await heat.boundingBox())!;
    assert.equal(box.width, HEATMAP_PX);

    // Off: a click adds nothing.
    await heat.click({ position: { x: 130, y: 130 } });
    await page.waitForTimeout(300);
    assert.deepEqual(await count(), start);

    // Clicks near the middle: inside the points' box, so the window (and the mapping) stays the same.
    const clicks = [
      { cls: 1, x: 130, y: 130 },
      { cls: 0, x: 112, y: 147 },
    ];
    for (const [k, c] of clicks.entries()) {
      await page.selectOption('[data-testid="click-class"]', `class ${c.cls}`);
      await heat.click({ position: { x: c.x, y: c.y } });
      await page.waitForSelector(`[data-testid="data-count"][data-train="${start.train + k + 1}"]`);
    }
    assert.deepEqual(await count(), { train: start.train + 2, test: start.test, classes: 2 });
    assert.equal(await page.inputValue('[data-testid="data-set"]'), 'custom');
    assert.equal(await page.inputValue('[data-testid="click-class"]'), 'class 0', 'the chosen class stays chosen');
    assert.match((await page.textContent('[data-testid="custom-note"]')) ?? '', /cannot be put in a link/);
    assert.equal(linkParams(page.url()).get('data'), 'custom');
    for (const k of queryKeys(page.url())) assert.ok(PAGE_KEYS.includes(k), `link key '${k}'`);

    const rows = parseCsv(await downloadText(() => page.click('[data-testid="download-csv"]')));
    const train = rows.filter((r) => r.split === 'train');
    assert.equal(train.length, start.train + 2);
    assert.equal(rows.length - train.length, start.test);
    const original = rows.filter((_, i) => i < start.train || i >= start.train + 2);
    // Each click was mapped through the window of the points there were before it.
    for (const [k, c] of clicks.entries()) {
      const added = train[start.train + k]!;
      const before = [...original, ...train.slice(start.train, start.train + k)];
      const w = windowAround(before);
      const pixel = w.side / HEATMAP_PX;
      const expected = [w.xMin + (c.x / HEATMAP_PX) * w.side, w.yMin + (1 - c.y / HEATMAP_PX) * w.side];
      assert.equal(added.label, c.cls, `click ${k} label`);
      assert.ok(Math.abs(added.x0 - expected[0]!) <= pixel, `click ${k}: x0 ${added.x0}, expected ${expected[0]} ± ${pixel}`);
      assert.ok(Math.abs(added.x1 - expected[1]!) <= pixel, `click ${k}: x1 ${added.x1}, expected ${expected[1]} ± ${pixel}`);
    }
    await page.screenshot({ path: `${OUT}/click-added.png`, fullPage: true });
  });

  it('the histograms toggle: activations, gradients, off', async () => {
    // The page of the previous test: hand-placed moons, one He panel, relu, histograms off.
    const hist = '[data-testid="histograms-0"]';
    assert.equal(await page.isHidden(hist), true, 'off hides the histograms');
    const ranges = async (): Promise<{ label: string; lo: number[]; hi: number[] }> => {
      const label = (await page.getAttribute(`${hist} canvas`, 'aria-label')) ?? '';
      const m = [...label.matchAll(/from (\S+) to ([^;,\s]+)/g)];
      return { label, lo: m.map((x) => Number(x[1])), hi: m.map((x) => Number(x[2])) };
    };

    await page.selectOption('[data-testid="histograms"]', 'activations');
    await page.waitForSelector(`${hist}[data-view="activations"]`);
    assert.equal(await page.isVisible(`${hist} canvas`), true);
    assert.equal(linkParams(page.url()).get('hist'), 'activations');
    const act = await ranges();
    assert.match(act.label, /per-layer activations A of he — layer 1 \(6 units\): σ /);
    assert.equal(act.lo.length, 1, act.label);
    // relu activations are never negative.
    assert.ok(act.lo.every((v) => v >= 0) && act.hi.every((v) => v > 0), act.label);

    await page.selectOption('[data-testid="histograms"]', 'gradients');
    await page.waitForSelector(`${hist}[data-view="gradients"]`);
    assert.equal(linkParams(page.url()).get('hist'), 'gradients');
    const grad = await ranges();
    assert.match(grad.label, /per-layer gradients ∂L\/∂Z of he — layer 1 \(6 units\): σ /);
    // ∂L/∂Z_1 = (W_2ᵀ (p − y)) ⊙ relu′(Z_1): output weights and residuals of both signs give both signs.
    assert.ok(grad.lo[0]! < 0 && grad.hi[0]! > 0, grad.label);

    await page.selectOption('[data-testid="histograms"]', 'off');
    await page.waitForSelector(hist, { state: 'hidden' });
    assert.equal(linkParams(page.url()).get('hist'), 'off');
    assert.equal(await value(page, 'iteration-0'), 0, 'switching the view does not train or restart');
  });

  it('a three-class data set trains with a softmax head and draws three class regions', async () => {
    await page.goto(`${base}?data=blobs&samples=150&centers=-4,-3,4,-3,0,4&clusterStd=0.8&hidden=8&lr=0.1&iters=400&init=zeros&init=he&init=xavier&hist=activations`);
    await page.waitForSelector('[data-testid="panel-2"][data-iteration="0"]');
    assert.equal((await count()).classes, 3);
    // Zero weights: every logit is 0, the softmax gives 1/3 to each class, the loss is ln 3
    // (a sigmoid head would give ln 2).
    assert.ok(Math.abs((await value(page, 'train-loss-0')) - Math.log(3)) <= 1e-12, 'zeros loss at iteration 0 is ln 3');
    const options = await page.evaluate(`[...document.querySelectorAll('[data-testid="click-class"] option')].map((o) => o.textContent)`);
    assert.deepEqual(options, ['off', 'class 0', 'class 1', 'class 2']);

    await page.click('[data-testid="play"]');
    await waitFinished(page, 3, 40_000);
    const f = await finals(page, 3);
    for (const i of [1, 2]) {
      assert.equal(f[i]!.iteration, 400);
      assert.ok(f[i]!.trainAcc >= 0.95, `panel ${i} train accuracy ${f[i]!.trainAcc}`);
    }
    await page.screenshot({ path: `${OUT}/multiclass.png`, fullPage: true });
    // Play with every panel finished has nothing to run: the page stays paused instead of claiming to train.
    await page.click('[data-testid="play"]');
    assert.equal(await page.getAttribute('[data-testid="play"]', 'aria-pressed'), 'false');
    await page.waitForSelector('[data-testid="status"][data-playing="false"]');

    // The He panel's heat map: each pixel of a class region is that class's colour mixed with white
    // (web/src/heatmap.ts: 250 + (colour − 250)·t, t = 0.25 + 0.45·confidence ∈ [0.4, 0.7] for 3 classes).
    const pixels = (await page.evaluate(`(() => {
      const c = document.querySelector('[data-testid="panel-1"] canvas.heatmap');
      return Array.from(c.getContext('2d').getImageData(0, 0, c.width, c.height).data);
    })()`)) as number[];
    const colours = [[245, 147, 34], [8, 119, 189], [46, 160, 67]];
    const share = colours.map(() => 0);
    const n = pixels.length / 4;
    for (let p = 0; p < n; p++) {
      const v = [pixels[4 * p]!, pixels[4 * p + 1]!, pixels[4 * p + 2]!];
      colours.forEach((col, c) => {
        const d = col.map((x) => x - 250);
        const t = d.reduce((s, dk, k) => s + dk * (v[k]! - 250), 0) / d.reduce((s, dk) => s + dk * dk, 0);
        const off = Math.max(...d.map((dk, k) => Math.abs(250 + dk * t - v[k]!)));
        if (t >= 0.38 && t <= 0.72 && off <= 3) share[c]! += 1 / n;
      });
    }
    for (const [c, s] of share.entries()) assert.ok(s >= 0.1, `class ${c} covers ${(100 * s).toFixed(1)}% of the heat map`);
    console.log(`# multiclass heat map shares: ${share.map((s) => s.toFixed(3)).join(', ')}; finals ${JSON.stringify(f)}`);
  });

  it('every control has a label; Tab reaches Play, and Space and Enter press it', async () => {
    await page.goto(`${base}?data=circles&hidden=8,4&iters=1000000&init=zeros&init=he`);
    await page.waitForSelector('[data-testid="panel-1"][data-iteration="0"]');

    // Chromium's own accessibility tree: every form control and button has a non-empty name.
    const cdp = await page.context().newCDPSession(page);
    const { nodes } = (await cdp.send('Accessibility.getFullAXTree')) as { nodes: { ignored: boolean; role?: { value: string }; name?: { value: string } }[] };
    const controls = nodes.filter((x) => !x.ignored && ['button', 'textbox', 'combobox', 'spinbutton', 'checkbox', 'slider', 'searchbox'].includes(x.role?.value ?? ''));
    // Controls inside a hidden element (the cost confirmation until it is needed) are not in the tree.
    const domControls = Number(await page.evaluate(`[...document.querySelectorAll('input, select, button, textarea')].filter((e) => !e.closest('[hidden]')).length`));
    assert.ok(controls.length >= domControls, `${controls.length} controls in the accessibility tree, ${domControls} in the page`);
    const unnamed = controls.filter((x) => (x.name?.value ?? '').trim() === '').map((x) => x.role?.value);
    assert.deepEqual(unnamed, [], 'controls without an accessible name');
    console.log(`# playground accessibility: ${controls.length} named controls in the accessibility tree (${domControls} input/select/button elements)`);

    // The controls, found by their visible labels.
    const byLabel: [string, string][] = [
      ['data set', 'data-set'], ['data seed', 'data-seed'], ['samples', 'param-samples'], ['noise', 'param-noise'],
      ['hidden layers (widths)', 'hidden'], ['activation', 'activation'], ['optimizer', 'optimizer'], ['learning rate', 'learning-rate'],
      ['batch size (0 = full batch)', 'batch-size'], ['iterations (updates)', 'iterations'], ['per-layer histograms', 'histograms'],
      ['click on a heat map adds', 'click-class'], ['upload CSV (x0,x1,label[,split])', 'upload'], ['add a panel (initializer spec)', 'new-panel-spec'],
    ];
    for (const [label, testid] of byLabel) assert.equal(await page.getByLabel(label, { exact: true }).getAttribute('data-testid'), testid, label);
    const seeds = page.getByLabel('weight seed', { exact: true });
    assert.deepEqual(await Promise.all([0, 1, 2].map((i) => seeds.nth(i).getAttribute('data-testid'))), ['weight-seed', 'panel-seed-0', 'panel-seed-1']);
    assert.equal(await seeds.count(), 3);
    for (const name of ['Play', 'Step +5000', 'Reset', 'New weights', "The article's experiment", 'Export JSON', 'download data as CSV', 'remove panel 1', '+ layer', '− layer', 'add panel']) {
      assert.equal(await page.getByRole('button', { name, exact: true }).count() >= 1, true, `button '${name}'`);
    }

    // Keyboard: from nothing focused, Tab reaches Play; Space starts, Enter pauses.
    await page.evaluate('document.activeElement && document.activeElement.blur()');
    let tabs = 0;
    while ((await page.evaluate('document.activeElement?.dataset?.testid ?? null')) !== 'play' && tabs < 40) {
      await page.keyboard.press('Tab');
      tabs += 1;
    }
    assert.equal(await page.evaluate('document.activeElement?.dataset?.testid ?? null'), 'play', `Play reached in ${tabs} Tab presses`);
    await page.keyboard.press('Space');
    await page.waitForSelector('[data-testid="status"][data-playing="true"]');
    assert.equal(await page.getAttribute('[data-testid="play"]', 'aria-pressed'), 'true');
    assert.equal(await page.evaluate('document.activeElement?.dataset?.testid ?? null'), 'play', 'focus stays on Play');
    await page.waitForFunction(`Number(document.querySelector('[data-testid="iteration-1"]')?.dataset.value) > 0`, null, { timeout: 10_000 });
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-testid="status"][data-playing="false"]');
    assert.equal(await page.getAttribute('[data-testid="play"]', 'aria-pressed'), 'false');
    console.log(`# playground keyboard: Play reached in ${tabs} Tab presses`);
  });

  it('logged no console error, page error or failed request', () => {
    assert.deepEqual(errors, []);
  });
});
