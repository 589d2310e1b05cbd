import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Resvg } from '@resvg/resvg-js';
import { parse, View } from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import type { VegaLiteSpec } from './vegaSpec.js';

/**
 * The one font every plot uses. It ships with the `dejavu-fonts-ttf` package, so text renders the
 * same on a machine with no fonts installed (CI images, containers) as on a desktop.
 */
export const PLOT_FONT = 'DejaVu Sans';

/** Pixels per SVG unit in PNGs: 2× keeps text and thin lines crisp on high-density screens. */
export const DEFAULT_PNG_SCALE = 2;

let fontFilesCache: string[] | undefined;

/**
 * Paths of the DejaVu Sans faces the plots need: regular for labels, bold because vega draws
 * titles bold (without the bold face resvg would fake or drop them).
 */
export function plotFontFiles(): string[] {
  if (!fontFilesCache) {
    // Resolve through the package rather than a path relative to this file, which differs
    // between src/ (tsx) and dist/.
    const pkg = createRequire(import.meta.url).resolve('dejavu-fonts-ttf/package.json');
    const ttf = join(dirname(pkg), 'ttf');
    fontFilesCache = [join(ttf, 'DejaVuSans.ttf'), join(ttf, 'DejaVuSans-Bold.ttf')];
  }
  return fontFilesCache;
}

/**
 * Compiles a Vega-Lite spec and renders it headless to an SVG string. The plot font is the default
 * for every text element unless the spec's own config says otherwise.
 */
export async function renderVegaLiteToSvg(spec: VegaLiteSpec): Promise<string> {
  const { spec: vgSpec } = compile(spec as TopLevelSpec, { config: { font: PLOT_FONT } });
  // renderer 'none': no DOM and no canvas; toSVG() builds the markup from the scenegraph.
  const view = new View(parse(vgSpec), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/** How svgToPng / svgToRgba rasterize: the scale (pixels per SVG unit) and the background. */
export interface RasterOptions {
  /** Pixels per SVG unit (default 2). */
  scale?: number;
  /** CSS colour painted under the image; default: the SVG's own (vega-lite paints white). */
  background?: string;
}

/** An RGBA raster of an SVG: `pixels` holds width×height×4 bytes, row-major. */
export interface RgbaImage {
  width: number;
  height: number;
  pixels: Uint8Array;
}

function rasterize(svg: string, opts: RasterOptions) {
  const scale = opts.scale ?? DEFAULT_PNG_SCALE;
  if (!(scale > 0) || !Number.isFinite(scale)) throw new RangeError(`scale must be a positive number, got ${scale}`);
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'zoom', value: scale },
    // No system fonts: the output must not depend on what the machine happens to have.
    font: { loadSystemFonts: false, fontFiles: plotFontFiles(), defaultFontFamily: PLOT_FONT, sansSerifFamily: PLOT_FONT },
    ...(opts.background !== undefined ? { background: opts.background } : {}),
    logLevel: 'off',
  });
  return resvg.render();
}

/** Rasterizes an SVG to PNG bytes (2× by default). */
export function svgToPng(svg: string, opts: RasterOptions = {}): Uint8Array {
  return rasterize(svg, opts).asPng();
}

/** Rasterizes an SVG to raw RGBA pixels, the same raster svgToPng encodes (for checks and tests). */
export function svgToRgba(svg: string, opts: RasterOptions = {}): RgbaImage {
  const image = rasterize(svg, opts);
  return { width: image.width, height: image.height, pixels: new Uint8Array(image.pixels) };
}
