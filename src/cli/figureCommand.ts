import { mkdir, readFile, readdir, rename, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { UsageError } from '../util/errors.js';
import { WEB_ROOT } from './serveCommand.js';

/*
 * `initlab figure --out DIR`: the playground's embed mode (issue 15: panels only, autoplay, sized
 * for an <iframe>) as ONE self-contained HTML file, DIR/initlab-figure.html, for a blog post or a
 * folder of notes: the built app's CSS and script inlined, and its training worker carried as a
 * string and started from a blob: URL (a page opened from disk cannot load a second script file
 * as a worker). The state comes from --link (a playground link or its fragment; default: the
 * article's experiment); the file opens on it and trains the same numbers as the full page.
 */

export const FIGURE_FILE = 'initlab-figure.html';

export interface FigureOptions {
  out?: string;
  link?: string;
}

/** Text that may sit inside a <script> element: no '</script' or '<!--' can end or bend it. */
export function scriptSafe(js: string): string {
  return js.replace(/<\/(script)/gi, '<\\/$1').replace(/<!--/g, '<\\!--');
}

/** The state part of a --link: what follows '#' (or '?' in an old link), without embed. */
export function linkFragment(link: string | undefined): string {
  if (link === undefined || link.trim() === '') return '';
  const text = link.trim();
  const at = text.indexOf('#') >= 0 ? text.indexOf('#') : text.indexOf('?');
  const body = at >= 0 ? text.slice(at + 1) : text;
  if (!/^[A-Za-z0-9_.~!$&'()*+,;=:@/?%-]*$/.test(body)) throw new UsageError(`--link '${text.slice(0, 60)}': not a playground link (copy it from the address bar, or give the part after '#').`);
  const q = new URLSearchParams(body);
  q.delete('embed');
  return q.toString();
}

async function builtAssets(root: string): Promise<{ html: string; css: string; main: string; worker: string }> {
  let html: string;
  let names: string[];
  try {
    html = await readFile(join(root, 'index.html'), 'utf8');
    names = await readdir(join(root, 'assets'));
  } catch {
    throw new UsageError(`the web app is not built (no ${join(root, 'index.html')}): run 'npm run build:web' (or 'npm run build') first.`);
  }
  const one = (re: RegExp, what: string): string => {
    const found = names.filter((n) => re.test(n));
    if (found.length !== 1) throw new UsageError(`the built web app in ${root} has ${found.length} ${what} files: rebuild it with 'npm run build:web'.`);
    return join(root, 'assets', found[0]!);
  };
  const [css, main, worker] = await Promise.all([
    readFile(one(/^index-.*\.css$/, 'style'), 'utf8'),
    readFile(one(/^index-.*\.js$/, 'page script'), 'utf8'),
    readFile(one(/^worker-.*\.js$/, 'worker'), 'utf8'),
  ]);
  return { html, css, main, worker };
}

/** The self-contained figure page for `fragment` (a playground link's state). */
export function figureHtml(assets: { html: string; css: string; main: string; worker: string }, fragment: string): string {
  const body = /<body>([\s\S]*)<\/body>/.exec(assets.html)?.[1];
  if (body === undefined) throw new UsageError("the built web app's index.html has no <body>: rebuild it with 'npm run build:web'.");
  const page = body.replace(/<script\b[^>]*src=[^>]*><\/script>/g, '').trimEnd();
  const hash = `#${fragment === '' ? '' : `${fragment}&`}embed=1`;
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8" />',
    '<meta name="viewport" content="width=device-width, initial-scale=1" />',
    '<link rel="icon" href="data:," />',
    '<title>initlab — initialization figure</title>',
    `<style>${assets.css.replace(/<\/(style)/gi, '<\\/$1')}</style>`,
    // Runs before the module script (module scripts are deferred): the state, then the worker.
    '<script>',
    `if (location.hash.length <= 1) history.replaceState(null, '', location.pathname + location.search + ${JSON.stringify(hash)});`,
    `window.__initlabWorkerUrl = URL.createObjectURL(new Blob([${scriptSafe(JSON.stringify(assets.worker))}], { type: 'text/javascript' }));`,
    '</script>',
    '</head>',
    '<body>',
    page,
    `<script type="module">${scriptSafe(assets.main)}</script>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

/** Writes DIR/initlab-figure.html (whole or not at all) and prints its path. */
export async function figureCommand(options: FigureOptions): Promise<void> {
  if (options.out === undefined || options.out.trim() === '') throw new UsageError("figure needs --out <dir>: the folder to write initlab-figure.html into, e.g. 'initlab figure --out figure'.");
  const fragment = linkFragment(options.link);
  const html = figureHtml(await builtAssets(WEB_ROOT), fragment);
  const dir = resolve(options.out);
  try {
    await mkdir(dir, { recursive: true });
  } catch (err) {
    throw new UsageError(`--out '${options.out}': cannot create that folder (${(err as NodeJS.ErrnoException).code ?? String(err)}); pick another.`);
  }
  const file = join(dir, FIGURE_FILE);
  const tmp = `${file}.${process.pid}.tmp`;
  await writeFile(tmp, html);
  await rename(tmp, file);
  process.stdout.write(`initlab figure: wrote ${file} (${(Buffer.byteLength(html) / 1024).toFixed(0)} KiB, self-contained; open it in a browser or put it in an <iframe>)\n`);
}
