import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { initializeDenseNetwork, resolveInit } from '../../src/init/index.js';
import { registerAllInitializers } from '../../src/init/frameworks/index.js';
import { NumpyRandomState } from '../../src/random/index.js';
import { courseCircles } from '../../src/data/circles.js';
import { parseInitSpec } from '../../src/init/spec.js';
import { trainNetwork } from '../../src/train/session.js';
import { asRegression } from '../../web/src/regressionVariant.js';
import { collectErrors, finals, launchChromium, linkParams, setField, startServe, value, waitFinished, type Served } from '../helpers/playground.js';

/*
 * TF Playground's controls in the playground (issue 15): input features, L2 regularization with a
 * rate, "discretize output" and "show test data", each reaching the link, the run (where it is a
 * training setting) and the drawing (where it is a view), and each restored by the link.
 * Fails on any console error, page error or failed request.
 */

const OUT = '.test-out/web';
/** Logistic regression (no hidden layer) on the article's circles. */
const LOGISTIC = 'hidden=&iters=2000&lr=0.5&init=zeros';

let served: Served | undefined;
let browser: Browser | undefined;
let page: Page;
let base = '';
const errors: string[] = [];

const heatmapPixels = (i: number): Promise<string> => page.evaluate(`document.querySelector('[data-testid="panel-${i}"] canvas.heatmap').toDataURL()`) as Promise<string>;

describe('the playground: TF Playground controls, in chromium', { timeout: 120_000 }, () => {
  before(async () => {
    mkdirSync(OUT, { recursive: true });
    served = await startServe();
    base = served.url;
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 1000 }, acceptDownloads: true });
    collectErrors(page, errors);
  });
  after(async () => {
    await browser?.close();
    served?.stop();
  });

  it('input features: x² and y² make the circles linearly separable; the link carries them', async () => {
    await page.goto(`${base}#${LOGISTIC}`);
    await page.waitForSelector('[data-testid="panel-0"][data-iteration="0"]');
    await page.click('[data-testid="play"]');
    await waitFinished(page, 1, 30_000);
    const plain = await value(page, 'train-acc-0');
    // The features by their checkboxes: x and y off, x² and y² on.
    for (const f of ['x2', 'y2', 'x', 'y']) {
      await page.click(`[data-testid="feature-${f}"]`);
      await page.waitForSelector('[data-testid="panel-0"][data-iteration="0"]');
    }
    assert.equal(linkParams(page.url()).get('feat'), 'x2,y2');
    await page.click('[data-testid="play"]');
    await waitFinished(page, 1, 30_000);
    const squared = await value(page, 'train-acc-0');
    console.log(`# logistic regression on circles: train accuracy ${plain} on (x, y), ${squared} on (x², y²)`);
    assert.ok(plain < 0.7, `(x, y) cannot separate circles by a line: ${plain}`);
    assert.ok(squared > 0.95, `(x², y²) can: ${squared}`);
    // The last feature cannot go.
    await page.click('[data-testid="feature-x2"]');
    await page.waitForSelector('[data-testid="panel-0"][data-iteration="0"]');
    await page.click('[data-testid="feature-y2"]');
    assert.match((await page.textContent('[data-testid="features-error"]')) ?? '', /at least one input feature/);
    assert.equal(await page.isChecked('[data-testid="feature-y2"]'), true);
    assert.equal(linkParams(page.url()).get('feat'), 'y2');
    // Round trip: a reload restores the checkboxes.
    await page.goto('about:blank');
    await page.goto(`${base}#${LOGISTIC}&feat=x,sinx,xy`);
    await page.waitForSelector('[data-testid="panel-0"][data-iteration="0"]');
    for (const [f, on] of [['x', true], ['y', false], ['x2', false], ['y2', false], ['xy', true], ['sinx', true], ['siny', false]] as const) {
      assert.equal(await page.isChecked(`[data-testid="feature-${f}"]`), on, f);
    }
    assert.equal(linkParams(page.url()).get('feat'), 'x,xy,sinx');
  });

  it('L2 regularization with a rate reaches the run (training.l2) and the link, and comes back from it', async () => {
    await page.goto(`${base}#iters=200&init=he`);
    await page.waitForSelector('[data-testid="panel-0"][data-iteration="0"]');
    assert.equal(await page.isDisabled('[data-testid="reg-rate"]'), true);
    await page.selectOption('[data-testid="regularization"]', 'l2');
    await page.waitForSelector('[data-testid="panel-0"][data-iteration="0"]');
    assert.equal(linkParams(page.url()).get('l2'), '0.001');
    await setField(page, 'reg-rate', '0.03');
    assert.equal(linkParams(page.url()).get('l2'), '0.03');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="export-json"]')]);
    const doc = JSON.parse(readFileSync((await download.path())!, 'utf8')) as { runs: { config: { training: { l2?: number } } }[] };
    assert.equal(doc.runs[0]!.config.training.l2, 0.03);
    const link = page.url();
    await page.goto('about:blank');
    await page.goto(link);
    await page.waitForSelector('[data-testid="panel-0"][data-iteration="0"]');
    assert.equal(await page.inputValue('[data-testid="regularization"]'), 'l2');
    assert.equal(await page.inputValue('[data-testid="reg-rate"]'), '0.03');
    await page.selectOption('[data-testid="regularization"]', 'none');
    assert.equal(linkParams(page.url()).get('l2'), null);
  });

  it('L1 regularization with a rate reaches the run (training.l1) and the link, and comes back from it', async () => {
    await page.goto(`${base}#iters=200&init=he`);
    await page.waitForSelector('[data-testid="panel-0"][data-iteration="0"]');
    await page.selectOption('[data-testid="regularization"]', 'l1');
    await page.waitForSelector('[data-testid="panel-0"][data-iteration="0"]');
    assert.equal(linkParams(page.url()).get('l1'), '0.001');
    assert.equal(linkParams(page.url()).get('l2'), null);
    await setField(page, 'reg-rate', '0.02');
    assert.equal(linkParams(page.url()).get('l1'), '0.02');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="export-json"]')]);
    const doc = JSON.parse(readFileSync((await download.path())!, 'utf8')) as { runs: { config: { training: { l1?: number; l2?: number } } }[] };
    assert.equal(doc.runs[0]!.config.training.l1, 0.02);
    assert.equal(doc.runs[0]!.config.training.l2, undefined);
    const link = page.url();
    await page.goto('about:blank');
    await page.goto(link);
    await page.waitForSelector('[data-testid="panel-0"][data-iteration="0"]');
    assert.equal(await page.inputValue('[data-testid="regularization"]'), 'l1');
    assert.equal(await page.inputValue('[data-testid="reg-rate"]'), '0.02');
  });

  it('discretize output and show test data redraw the heat maps without restarting, and travel in the link', async () => {
    await page.goto(`${base}#iters=300&init=he`);
    await page.waitForSelector('[data-testid="panel-0"][data-iteration="0"]');
    await page.click('[data-testid="play"]');
    await waitFinished(page, 1, 30_000);
    const shaded = await heatmapPixels(0);
    await page.click('[data-testid="discretize"]');
    assert.equal(linkParams(page.url()).get('disc'), 'on');
    await page.waitForFunction(`document.querySelector('[data-testid="panel-0"] canvas.heatmap').toDataURL() !== ${JSON.stringify(shaded)}`);
    assert.equal(await page.getAttribute('[data-testid="panel-0"]', 'data-iteration'), '300', 'a view toggle keeps the run');
    const discrete = await heatmapPixels(0);
    await page.click('[data-testid="show-test"]');
    assert.equal(linkParams(page.url()).get('showtest'), 'off');
    await page.waitForFunction(`document.querySelector('[data-testid="panel-0"] canvas.heatmap').toDataURL() !== ${JSON.stringify(discrete)}`);
    await page.screenshot({ path: `${OUT}/features-discretized.png` });
    const link = page.url();
    await page.goto('about:blank');
    await page.goto(link);
    await page.waitForSelector('[data-testid="panel-0"][data-iteration="0"]');
    assert.equal(await page.isChecked('[data-testid="discretize"]'), true);
    assert.equal(await page.isChecked('[data-testid="show-test"]'), false);
  });

  it('regression: TF Playground\'s plane and gaussian sets train with the linear head, R² shown; the link carries the set', async () => {
    await page.goto(`${base}#data=plane&hidden=&iters=300&lr=0.01&init=zeros`);
    await page.waitForSelector('[data-testid="panel-0"][data-iteration="0"]');
    assert.equal(await page.getAttribute('[data-testid="data-count"]', 'data-task'), 'regression');
    assert.equal(await page.getAttribute('[data-testid="data-count"]', 'data-train'), '300');
    assert.match((await page.textContent('[data-testid="panel-0"] .stats')) ?? '', /train R²/);
    await page.click('[data-testid="play"]');
    await waitFinished(page, 1, 30_000);
    const r2 = await value(page, 'train-acc-0');
    console.log(`# plane, linear model: train R² ${r2}`);
    assert.ok(r2 > 0.99, `a plane is fit by a linear model: R² ${r2}`);
    await page.selectOption('[data-testid="data-set"]', 'gaussian');
    await page.waitForSelector('[data-testid="panel-0"][data-iteration="0"]');
    assert.equal(linkParams(page.url()).get('data'), 'gaussian');
    await page.screenshot({ path: `${OUT}/regression-gaussian.png` });
    const link = page.url();
    await page.goto('about:blank');
    await page.goto(link);
    await page.waitForSelector('[data-testid="panel-0"][data-iteration="0"]');
    assert.equal(await page.inputValue('[data-testid="data-set"]'), 'gaussian');
    assert.equal(await page.getAttribute('[data-testid="data-count"]', 'data-task'), 'regression');
  });

  it("problem=regression: a classification set's regression variant trains with the linear head, shows R² equal to Node's, and travels in the link", async () => {
    const panel0 = '[data-testid="panel-0"][data-iteration="0"]';
    await page.goto(`${base}#iters=2000&lr=0.03&init=he`);
    await page.waitForSelector(panel0);
    assert.equal(await page.inputValue('[data-testid="problem"]'), 'classification');
    assert.equal(linkParams(page.url()).get('problem'), null, 'the default is not written');
    assert.match((await page.textContent('[data-testid="problem-hint"]')) ?? '', /2c\/\(k−1\) − 1/);
    await page.selectOption('[data-testid="problem"]', 'regression');
    await page.waitForSelector(panel0);
    assert.equal(linkParams(page.url()).get('problem'), 'regression');
    const count = '[data-testid="data-count"]';
    assert.equal(await page.getAttribute(count, 'data-task'), 'regression');
    // The same points: the article's 300 + 100 split stays.
    assert.equal(await page.getAttribute(count, 'data-train'), '300');
    assert.equal(await page.getAttribute(count, 'data-test'), '100');
    assert.match((await page.textContent('[data-testid="panel-0"] .stats')) ?? '', /train R²/);
    assert.match((await page.textContent('[data-testid="key-shade"]')) ?? '', /predicted value, −1 orange … \+1 blue, dark line at 0/);
    await page.click('[data-testid="play"]');
    await waitFinished(page, 1, 30_000);
    const [f] = await finals(page, 1);
    // The same run in Node: the course's circles with targets ±1, He, the linear head.
    const { train, test } = courseCircles();
    const node = trainNetwork(
      { data: { name: 'circles', seed: 1 }, network: { hidden: [10, 5], activation: 'relu', output: 'linear' }, init: parseInitSpec('he'), initSeed: 3,
        training: { optimizer: { name: 'sgd' }, learningRate: 0.03, iterations: 2000, logEvery: 2000 } },
      asRegression({ train, test, nClasses: 2, task: 'binary' }),
    );
    console.log(`# circles' regression variant, He, 2000 updates at lr 0.03: train R² ${f!.trainAcc}, test R² ${f!.testAcc} (Node: ${node.final.trainAccuracy}, ${node.final.testAccuracy})`);
    assert.equal(f!.trainAcc, node.final.trainAccuracy, 'train R²: page vs Node');
    assert.equal(f!.testAcc, node.final.testAccuracy, 'test R²: page vs Node');
    assert.equal(f!.trainLoss, node.final.trainLoss, 'train MSE: page vs Node');
    assert.ok(f!.trainAcc > 0.5, `the net learns the target: R² ${f!.trainAcc}`);
    await page.screenshot({ path: `${OUT}/regression-variant-circles.png` });
    // The link restores it.
    const link = page.url();
    await page.goto('about:blank');
    await page.goto(link);
    await page.waitForSelector(panel0);
    assert.equal(await page.inputValue('[data-testid="problem"]'), 'regression');
    assert.equal(await page.getAttribute(count, 'data-task'), 'regression');
    // Another set keeps the problem; TF Playground's regression sets have no other.
    await page.selectOption('[data-testid="data-set"]', 'moons');
    await page.waitForSelector(panel0);
    assert.equal(await page.getAttribute(count, 'data-task'), 'regression');
    assert.equal(linkParams(page.url()).get('problem'), 'regression');
    await page.selectOption('[data-testid="data-set"]', 'plane');
    await page.waitForSelector(panel0);
    assert.equal(await page.isDisabled('[data-testid="problem"]'), true);
    assert.equal(await page.inputValue('[data-testid="problem"]'), 'regression');
    // Back to classification: the key leaves the link.
    await page.selectOption('[data-testid="data-set"]', 'xor');
    await page.waitForSelector(panel0);
    await page.selectOption('[data-testid="problem"]', 'classification');
    await page.waitForSelector(panel0);
    assert.equal(await page.getAttribute(count, 'data-task'), 'classification');
    assert.equal(linkParams(page.url()).get('problem'), null);
    assert.match((await page.textContent('[data-testid="key-shade"]')) ?? '', /P\(class 1\)/);
  });

  it('the network graph: nodes per layer, weight and gradient norms per layer, live; a summary for wide nets', async () => {
    await page.goto(`${base}#init=zeros&init=he&iters=400&graph=on`);
    await page.waitForSelector('[data-testid="graph-1"][data-view="graph"]');
    assert.equal(await page.isChecked('[data-testid="graph"]'), true);
    assert.equal(await page.getAttribute('[data-testid="graph-1"]', 'data-sizes'), '2,10,5,1');
    const norms = async (i: number, what: 'weight-norms' | 'grad-norms'): Promise<number[]> => ((await page.getAttribute(`[data-testid="graph-${i}"]`, `data-${what}`)) ?? '').split(',').map(Number);
    assert.deepEqual(await norms(0, 'weight-norms'), [0, 0, 0], 'zeros: every ‖W‖ is 0');
    // He's initial weights drawn in Node by the library with the same seed: the same Frobenius norms.
    registerAllInitializers();
    const p = initializeDenseNetwork(resolveInit('he', 'init'), [2, 10, 5, 1], new NumpyRandomState(), 3, { x: new Float64Array(0), m: 0, activation: 'relu' });
    const expected = p.weights.map((w) => Math.sqrt(w.reduce((s, v) => s + v * v, 0)));
    const shown = await norms(1, 'weight-norms');
    shown.forEach((v, l) => assert.ok(Math.abs(v - expected[l]!) <= 1e-12 * expected[l]!, `He ‖W${l + 1}‖ ${v} vs ${expected[l]}`));
    const grad0 = await norms(1, 'grad-norms');
    assert.ok(grad0.every((g) => g > 0 && Number.isFinite(g)));
    await page.click('[data-testid="play"]');
    await waitFinished(page, 2, 30_000);
    const gradEnd = await norms(1, 'grad-norms');
    assert.notDeepEqual(gradEnd, grad0, 'the norms follow the training');
    assert.equal(await page.locator('[data-testid="graph-norms-1"] tr').count(), 4, 'a header and one row per layer');
    // Tall enough that the sticky Play bar does not cover the panel in its screenshot (the README's).
    await page.setViewportSize({ width: 1280, height: 2200 });
    await page.evaluate('window.scrollTo(0, 0)');
    await page.locator('[data-testid="panel-1"]').screenshot({ path: `${OUT}/graph-he.png` });
    await page.setViewportSize({ width: 1280, height: 1000 });
    await page.click('[data-testid="graph"]');
    assert.equal(linkParams(page.url()).get('graph'), null);
    await page.waitForSelector('[data-testid="graph-1"]', { state: 'hidden' });
    // Too wide to draw: per-layer summaries, and it says so.
    await page.goto(`${base}#hidden=64,64&init=he&graph=on`);
    await page.waitForSelector('[data-testid="graph-0"][data-view="summary"]');
    assert.match((await page.textContent('[data-testid="graph-0"] .graph-caption')) ?? '', /too wide to draw unit by unit \(a layer of 64 units/);
    assert.equal(await page.locator('[data-testid="graph-norms-0"] tr').count(), 4);
  });

  it('logged no console error, page error or failed request', () => {
    assert.deepEqual(errors, []);
  });
});
