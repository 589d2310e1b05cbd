import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { collectErrors, launchChromium, startServe, type Served } from '../helpers/playground.js';

/*
 * Issue 15, defects 9–11 in chromium: the colour key and the definition of a dead unit sit next to
 * the panels; the phone layout at 390 × 844 (settings folded, the first panel on the first screen,
 * Play stays in view while scrolling, panels side by side and swipeable); and an axe-core scan
 * (WCAG 2 A/AA, contrast ≥ 4.5:1 among them) with no serious or critical violation, on the desktop
 * and the phone. Screenshots go to .test-out/web/.
 */

const OUT = '.test-out/web';
const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

let served: Served | undefined;
let browser: Browser | undefined;
let base = '';
const errors: string[] = [];

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

async function box(page: Page, selector: string): Promise<Box> {
  const b = await page.locator(selector).first().boundingBox();
  assert.ok(b, `${selector} is laid out`);
  return b;
}

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** axe-core's WCAG 2 A and AA rules on the page as it is; the serious and critical violations, one line each. */
async function seriousViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: AXE });
  const result = (await page.evaluate(`axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })`)) as { violations: AxeViolation[]; passes: { id: string }[] };
  console.log(`# axe-core: ${result.passes.length} rules pass, ${result.violations.length} violated (${result.violations.map((v) => `${v.id}:${v.impact}`).join(', ') || 'none'})`);
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join('; ')}`);
}

describe('the playground: colour key, phone layout and contrast, in chromium', { timeout: 120_000 }, () => {
  before(async () => {
    mkdirSync(OUT, { recursive: true });
    served = await startServe();
    base = served.url;
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    served?.stop();
  });

  it('desktop: the colour key and what "dead" means sit next to the panels; axe finds no serious violation', async () => {
    const page = await browser!.newPage({ viewport: { width: 1280, height: 800 } });
    collectErrors(page, errors);
    await page.goto(base);
    await page.waitForSelector('[data-testid="panel-2"][data-iteration="0"]');
    const key = await box(page, '[data-testid="color-key"]');
    const panel = await box(page, '[data-testid="panel-0"]');
    assert.ok(key.y + key.height <= panel.y && panel.y - (key.y + key.height) < 40, 'the key is right above the panels');
    assert.ok(key.y + key.height < 800, 'the key is on the first screen');
    assert.match((await page.textContent('[data-testid="color-key"]')) ?? '', /class 0.*class 1.*training point.*test point/s);
    assert.match((await page.textContent('[data-testid="dead-definition"]')) ?? '', /dead unit.*slope is 0 on every training point/s);
    assert.deepEqual(await seriousViolations(page), []);
    await page.close();
  });

  it('phone, 390 × 844: folded settings, the first panel on the first screen, sticky Play, panels side by side and swipeable', async () => {
    const page = await browser!.newPage({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
    collectErrors(page, errors);
    await page.goto(base);
    await page.waitForSelector('[data-testid="panel-2"][data-iteration="0"]');
    assert.equal(await page.getAttribute('[data-testid="controls-box"]', 'open'), null, 'settings start folded');
    const p0 = await box(page, '[data-testid="panel-0"]');
    const p1 = await box(page, '[data-testid="panel-1"]');
    assert.ok(p0.y < 844 * 0.6, `the first panel starts at ${p0.y.toFixed(0)} px, on the first screen`);
    assert.equal(Math.round(p1.y), Math.round(p0.y), 'panels side by side, not stacked');
    assert.ok(p0.x >= 0 && p0.x + p0.width <= 390, 'the first panel fits the screen');
    await page.screenshot({ path: `${OUT}/phone-top.png` });
    // Swipe: the panel row scrolls sideways and snaps panel 2 into view.
    const scroll = (await page.evaluate(`(() => { const p = document.querySelector('[data-testid="panels"]'); return [p.scrollWidth, p.clientWidth]; })()`)) as number[];
    assert.ok(scroll[0]! > scroll[1]!, 'the panel row is wider than the screen and scrolls');
    await page.evaluate(`document.querySelector('[data-testid="panels"]').scrollBy({ left: ${Math.round(p1.x - p0.x)}, behavior: 'instant' })`);
    await page.waitForTimeout(300);
    const p1After = await box(page, '[data-testid="panel-1"]');
    assert.ok(p1After.x >= 0 && p1After.x + p1After.width <= 390, `panel 2 in view after the swipe (x ${p1After.x.toFixed(0)})`);
    // Play stays on screen when the page scrolls.
    await page.evaluate('window.scrollTo(0, document.body.scrollHeight)');
    await page.waitForTimeout(200);
    const play = await box(page, '[data-testid="play"]');
    assert.ok(play.y >= 0 && play.y + play.height <= 844, `Play in view after scrolling (y ${play.y.toFixed(0)})`);
    await page.click('[data-testid="play"]');
    assert.equal(await page.getAttribute('[data-testid="status"]', 'data-playing'), 'true');
    await page.click('[data-testid="play"]');
    await page.screenshot({ path: `${OUT}/phone-scrolled.png` });
    // The settings unfold on demand.
    await page.evaluate('window.scrollTo(0, 0)');
    await page.click('[data-testid="controls-box"] > summary');
    assert.equal(await page.isVisible('[data-testid="hidden"]'), true);
    assert.deepEqual(await seriousViolations(page), []);
    await page.close();
  });

  it('logged no console error, page error or failed request', () => {
    assert.deepEqual(errors, []);
  });
});
