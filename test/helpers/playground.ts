import { spawn, type ChildProcess } from 'node:child_process';
import { chromium, type Browser, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, ensureChromium } from './chromium.js';
import { CLI } from './cli.js';

/*
 * What the playground's browser tests share: the built `initlab serve` on a free port, Debian's
 * chromium with every console error/warning, page error and failed request collected (issue 6 §7:
 * the tests fail on any), and the page's test hooks (data-testid, data-value, data-finished).
 */

export interface Served {
  /** http://127.0.0.1:PORT/ */
  url: string;
  stop(): void;
}

/** Starts `initlab serve --port 0` from the built CLI and resolves with the URL it prints. */
export function startServe(): Promise<Served> {
  const server: ChildProcess = spawn(process.execPath, [CLI, 'serve', '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  server.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  return new Promise<Served>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`initlab serve printed no URL; stderr: ${err}`)), 15_000);
    server.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /http:\/\/127\.0\.0\.1:\d+\//.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ url: m[0], stop: () => server.kill('SIGTERM') });
      }
    });
    server.on('exit', (code) => reject(new Error(`initlab serve exited with ${code}: ${err.trim()}`)));
  });
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: ensureChromium(), args: [...CHROMIUM_ARGS] });
}

/** Records the page's console errors and warnings, page errors and failed requests into `errors`. */
export function collectErrors(page: Page, errors: string[]): void {
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') errors.push(`console ${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => errors.push(`page error: ${e.message}`));
  page.on('requestfailed', (r) => {
    // A panel's worker terminated (rebuild, preset, remove) while its script was still loading is
    // aborted by the browser, not failed; anything else that fails to load is an error.
    const aborted = r.failure()?.errorText === 'net::ERR_ABORTED' && /\/assets\/worker-[\w-]+\.js$/.test(new URL(r.url()).pathname);
    if (!aborted) errors.push(`request failed: ${r.url()} (${r.failure()?.errorText ?? 'unknown'})`);
  });
  // An HTTP error status is not a "failed request" to the browser: count it too.
  page.on('response', (r) => {
    if (r.status() >= 400) errors.push(`HTTP ${r.status()}: ${r.url()}`);
  });
}

/** A panel number's full-precision value (its data-value attribute). */
export async function value(page: Page, testid: string): Promise<number> {
  return Number(await page.getAttribute(`[data-testid="${testid}"]`, 'data-value'));
}

/** Waits until panels 0 … n−1 report data-finished="true". */
export async function waitFinished(page: Page, n: number, timeout: number): Promise<void> {
  // A string: the test's tsconfig has no DOM types, and tsx would wrap a function in helpers the page lacks.
  await page.waitForFunction(`[...Array(${n}).keys()].every((i) => document.querySelector('[data-testid="panel-' + i + '"]')?.dataset.finished === 'true')`, null, { timeout, polling: 250 });
}

export interface PanelFinal {
  trainAcc: number;
  testAcc: number;
  trainLoss: number;
  testLoss: number;
  iteration: number;
}

export async function finals(page: Page, n: number): Promise<PanelFinal[]> {
  const out: PanelFinal[] = [];
  for (let i = 0; i < n; i++) {
    out.push({
      trainAcc: await value(page, `train-acc-${i}`),
      testAcc: await value(page, `test-acc-${i}`),
      trainLoss: await value(page, `train-loss-${i}`),
      testLoss: await value(page, `test-loss-${i}`),
      iteration: await value(page, `iteration-${i}`),
    });
  }
  return out;
}

/** Changes a text control the way a keyboard user does: select all, type, Enter. */
export async function setField(page: Page, testid: string, text: string): Promise<void> {
  const input = page.locator(`[data-testid="${testid}"]`);
  await input.focus();
  await input.fill(text);
  await input.press('Enter');
}

/** The state a playground address carries: its fragment (issue 15), or its query for links made before. */
export function linkParams(url: string): URLSearchParams {
  const u = new URL(url);
  return new URLSearchParams(u.hash.length > 1 ? u.hash.slice(1) : u.search.slice(1));
}
