import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { test } from 'node:test';
import type { TopLevelSpec } from 'vega-lite';
import { DEFAULT_PNG_SCALE, PLOT_FONT, plotFontFiles, renderVegaLiteToSvg, svgToPng, svgToRgba } from '../../src/report/index.js';
import { distinctColours, PNG_SIGNATURE, pixelDiff, pngSize, svgSize } from './helpers.js';

const line = (title: TopLevelSpec['title']): TopLevelSpec => ({
  ...(title !== undefined ? { title } : {}),
  width: 200,
  height: 120,
  data: { values: [{ a: 0, b: 1 }, { a: 1, b: 3 }, { a: 2, b: 2 }] },
  mark: 'line',
  encoding: { x: { field: 'a', type: 'quantitative' }, y: { field: 'b', type: 'quantitative' } },
});

test('the DejaVu font files ship with the dejavu-fonts-ttf package', () => {
  const files = plotFontFiles();
  assert.ok(files.some((f) => f.endsWith('DejaVuSans.ttf')));
  for (const f of files) assert.ok(existsSync(f), f);
});

test('renderVegaLiteToSvg: an SVG with the title, in the plot font', async () => {
  const svg = await renderVegaLiteToSvg(line('Plot title here'));
  assert.match(svg, /^<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
  assert.ok(svg.includes('Plot title here'));
  // Every text element uses the packaged font, none the browser default sans-serif.
  assert.ok(svg.includes(`font-family="${PLOT_FONT}"`));
  assert.ok(!/font-family="(?!DejaVu Sans")/.test(svg), 'a text element uses another font');
});

test('svgToPng: a PNG at 2× the SVG size by default, and at the scale asked for', async () => {
  const svg = await renderVegaLiteToSvg(line('Scaled'));
  const size = svgSize(svg);
  const png = svgToPng(svg);
  assert.deepEqual([...png.subarray(0, 8)], PNG_SIGNATURE);
  assert.equal(DEFAULT_PNG_SCALE, 2);
  assert.deepEqual(pngSize(png), { width: size.width * 2, height: size.height * 2 });
  assert.deepEqual(pngSize(svgToPng(svg, { scale: 1 })), size);
  assert.throws(() => svgToPng(svg, { scale: 0 }), RangeError);
});

test('the raster is not blank', async () => {
  const img = svgToRgba(await renderVegaLiteToSvg(line('Not blank')));
  // White background, grey grid and axes, black text, a blue line with anti-aliased edges.
  assert.ok(distinctColours(img) > 20, `only ${distinctColours(img)} colours`);
});

test('title text is rasterized (fonts load without system fonts)', async () => {
  // Same layout both times; the second title is painted white on white, i.e. invisible. If
  // no font were found, both would draw nothing and the images would be identical.
  const shown = svgToRgba(await renderVegaLiteToSvg(line({ text: 'Visible title', color: 'black' })));
  const hidden = svgToRgba(await renderVegaLiteToSvg(line({ text: 'Visible title', color: 'white' })));
  const diff = pixelDiff(shown, hidden);
  assert.ok(diff.count > 100, `only ${diff.count} pixels differ`);
  // …and only in the title band at the top (title font 13 px + offsets, at 2×).
  assert.ok(diff.maxRow < 2 * 30, `pixels differ down to row ${diff.maxRow}`);
});

test('a spec without a title renders too', async () => {
  const svg = await renderVegaLiteToSvg(line(undefined));
  assert.ok(!svg.includes('role-title'));
  assert.ok(svgToPng(svg).length > 1000);
});
