import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { collectErrors, launchChromium, setField, linkParams, startServe, type Served } from '../helpers/playground.js';

/*
 * The playground's per-neuron heat maps (issue 6 §3, TensorFlow Playground's view) in Debian's
 * chromium: on the article's [2, 10, 5, 1] net every panel draws 10 + 5 maps; under zeros the
 * maps of a layer are pixel-identical (every unit computes the same function: the symmetry the
 * article is about), under He they are not; the view lives in the URL and a reload restores it;
 * a net too wide for the view says so; frames per second and training speed with the view off and
 * on are reported (not asserted: the machine is shared). Also the circles split hint: with the
 * article's testSeed the testFraction field is disabled and says why.
 * Screenshot: .test-out/web/neurons.png.
 */

const OUT = '.test-out/web';

let served: Served | undefined;
let browser: Browser | undefined;
let page: Page;
const errors: string[] = [];

type LayerPixels = Record<string, string[]>;

/** Each panel's neuron canvases as RGBA strings, grouped by layer (the canvases are one pixel per grid cell). */
async function neuronPixels(): Promise<LayerPixels[]> {
  // A string: the test's tsconfig has no DOM types, and tsx would wrap a function in helpers the page lacks.
  return (await page.evaluate(`(() => [0, 1, 2].map((i) => {
    const layers = {};
    for (const c of document.querySelectorAll('[data-testid="neurons-' + i + '"] canvas')) {
      const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
      (layers[c.dataset.layer] ??= []).push(Array.from(d).join(','));
    }
    return layers;
  }))()`)) as LayerPixels[];
}

const distinct = (maps: string[]): number => new Set(maps).size;

/** Frames per second and updates per second of panel 2 over `ms` of training. */
async function measure(ms: number): Promise<{ fps: number; updatesPerSecond: number }> {
  const it0 = Number(await page.getAttribute('[data-testid="panel-2"]', 'data-iteration'));
  await page.evaluate(`(() => {
    window.__frames = [];
    window.__measure = true;
    const loop = (t) => { window.__frames.push(t); if (window.__measure) requestAnimationFrame(loop); };
    requestAnimationFrame(loop);
  })()`);
  const t0 = Date.now();
  await page.waitForTimeout(ms);
  const frames = (await page.evaluate('(() => { window.__measure = false; return window.__frames; })()')) as number[];
  const it1 = Number(await page.getAttribute('[data-testid="panel-2"]', 'data-iteration'));
  const seconds = (Date.now() - t0) / 1000;
  return { fps: (frames.length - 1) / ((frames[frames.length - 1]! - frames[0]!) / 1000), updatesPerSecond: (it1 - it0) / seconds };
}

async function waitMaps(): Promise<void> {
  for (const i of [0, 1, 2]) await page.waitForSelector(`[data-testid="neurons-${i}"][data-view="maps"]`);
}

function checkSymmetry(pixels: LayerPixels[]): void {
  // Panel 0 is zeros, panel 2 He (the article's order).
  for (const [l, units] of [['1', 10], ['2', 5]] as const) {
    assert.equal(pixels[0]![l]!.length, units, `zeros: layer ${l} maps`);
    assert.equal(pixels[2]![l]!.length, units, `He: layer ${l} maps`);
    assert.equal(distinct(pixels[0]![l]!), 1, `zeros: every map of layer ${l} is the same`);
    assert.ok(distinct(pixels[2]![l]!) > 1, `He: layer ${l} maps differ (${distinct(pixels[2]![l]!)} distinct of ${units})`);
  }
}

describe('the neuron view in chromium', { timeout: 60_000 }, () => {
  before(async () => {
    mkdirSync(OUT, { recursive: true });
    served = await startServe();
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 1400 }, acceptDownloads: true });
    collectErrors(page, errors);
  });
  after(async () => {
    await browser?.close();
    served?.stop();
  });

  it('draws 10 + 5 maps per panel; zeros identical within a layer, He not; training and drawing keep their pace', async () => {
    await page.goto(served!.url);
    await page.waitForSelector('[data-testid="panel-2"][data-iteration="0"]');
    assert.equal(linkParams(page.url()).get('neurons'), 'off');
    assert.equal(await page.isHidden('[data-testid="neurons-0"]'), true, 'no maps while the view is off');
    await page.click('[data-testid="play"]');
    const off = await measure(2500);
    // A view control: the runs go on (no restart), the URL follows.
    await page.check('[data-testid="neurons"]');
    assert.equal(linkParams(page.url()).get('neurons'), 'on');
    await waitMaps();
    const on = await measure(2500);
    console.log(`# neuron view: off ${off.fps.toFixed(1)} frames/s, ${off.updatesPerSecond.toFixed(0)} updates/s (panel 3); on ${on.fps.toFixed(1)} frames/s, ${on.updatesPerSecond.toFixed(0)} updates/s`);
    await page.click('[data-testid="play"]');
    await page.waitForSelector('[data-testid="status"][data-playing="false"]');
    const iteration = Number(await page.getAttribute('[data-testid="panel-2"]', 'data-iteration'));
    assert.ok(iteration > 0, 'the panels trained');

    for (const i of [0, 1, 2]) {
      assert.equal(await page.locator(`[data-testid="neurons-${i}"] canvas`).count(), 15, `panel ${i}: 10 + 5 maps`);
      assert.equal(await page.locator(`[data-testid="neurons-${i}"] .neuron-layer[data-layer="1"] canvas`).count(), 10);
      assert.equal(await page.locator(`[data-testid="neurons-${i}"] .neuron-layer[data-layer="2"] canvas`).count(), 5);
    }
    const pixels = await neuronPixels();
    checkSymmetry(pixels);
    console.log(`# neuron view at iteration ${iteration}: distinct maps per layer — zeros ${distinct(pixels[0]!['1']!)}/${distinct(pixels[0]!['2']!)}, random×10 ${distinct(pixels[1]!['1']!)}/${distinct(pixels[1]!['2']!)}, He ${distinct(pixels[2]!['1']!)}/${distinct(pixels[2]!['2']!)}`);
    // Zeros: every hidden activation is exactly 0 (relu(0·x + 0)), and stays so: white squares, max |A| 0.
    assert.equal(pixels[0]!['1']![0]!.split(',').every((v) => v === '255'), true, 'zeros: white');
    assert.match((await page.textContent('[data-testid="neurons-0"] .neuron-layer[data-layer="1"] .neuron-layer-label')) ?? '', /10 units · max \|A\| 0$/);
    assert.match((await page.textContent('[data-testid="neurons-0"] .neurons-caption')) ?? '', /zeros .* identical/);
    assert.match((await page.getAttribute('[data-testid="neuron-2-1-1"]', 'aria-label')) ?? '', /^he, layer 1 unit 1: activation from [-\d.e]+ to [-\d.e]+$/);
    await page.screenshot({ path: `${OUT}/neurons.png`, fullPage: true });
    // The panel's PNG carries the maps too (taller than without them: 86 px of histograms + the two layers).
    const [png] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="png-2"]')]);
    await png.saveAs(`${OUT}/panel-neurons.png`);
    const bytes = readFileSync(`${OUT}/panel-neurons.png`);
    assert.deepEqual([...bytes.subarray(1, 4)], [0x50, 0x4e, 0x47], 'a PNG file');
  });

  it('the URL carries the view and a reload restores it', async () => {
    const url = page.url();
    await page.goto('about:blank');
    await page.goto(url);
    await page.waitForSelector('[data-testid="panel-2"][data-iteration="0"]');
    assert.equal(await page.isChecked('[data-testid="neurons"]'), true);
    await waitMaps();
    // At the initial weights: zeros' units already identical, He's already different.
    checkSymmetry(await neuronPixels());
    await page.uncheck('[data-testid="neurons"]');
    assert.equal(linkParams(page.url()).get('neurons'), 'off');
    await page.waitForSelector('[data-testid="neurons-0"][data-view="off"]', { state: 'hidden' });
  });

  it('a net too wide for the view says why instead of drawing', async () => {
    await page.check('[data-testid="neurons"]');
    await setField(page, 'hidden', '32,5');
    await page.waitForSelector('[data-testid="neurons-0"][data-view="unavailable"]');
    assert.match((await page.textContent('[data-testid="neurons-reason-0"]')) ?? '', /≤ 16 units per hidden layer\); this one has a layer of 32/);
    assert.equal(await page.locator('[data-testid="neurons-0"] canvas:visible').count(), 0);
    assert.match((await page.textContent('#ctl-neurons-hint')) ?? '', /layer of 32/);
  });

  it("circles: the article's separate test set disables testFraction, testSeed −1 disables testSamples", async () => {
    await page.click('[data-testid="preset"]');
    await page.waitForSelector('[data-testid="panel-2"][data-iteration="0"]');
    assert.equal(await page.isDisabled('[data-testid="param-testFraction"]'), true);
    assert.equal(await page.isDisabled('[data-testid="param-testSamples"]'), false);
    assert.match((await page.textContent('[data-testid="hint-testFraction"]')) ?? '', /unused: testSeed 2 draws a separate test set/);
    assert.match((await page.textContent('[data-testid="hint-samples"]')) ?? '', /training points only/);
    await setField(page, 'param-testSeed', '-1');
    await page.waitForSelector('[data-testid="data-count"][data-train="225"][data-test="75"]');
    assert.equal(await page.isDisabled('[data-testid="param-testFraction"]'), false);
    assert.equal(await page.isDisabled('[data-testid="param-testSamples"]'), true);
    assert.equal(linkParams(page.url()).get('testSeed'), '-1');
  });

  it('logged no console error, page error or failed request', () => {
    assert.deepEqual(errors, []);
  });
});
