import { ensureDebianPackage } from './debianPackage.js';

/*
 * The browser the report tests drive: Debian's chromium package at /usr/bin/chromium. When it is
 * missing and this process may install it (root, apt-get present) it is installed once per process;
 * otherwise the test FAILS with the install line — a browser test is never skipped silently.
 */

export const CHROMIUM = '/usr/bin/chromium';
export const INSTALL_LINE = 'apt-get install -y chromium';

/** The flags the tests launch chromium with (no sandbox as root, nothing that reaches the network). */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
] as const;

/** The chromium executable's path, installing it first when missing (the outcome is cached). Throws when it cannot be had. */
export function ensureChromium(): string {
  return ensureDebianPackage('chromium', CHROMIUM);
}
