// Small readers for the report tests: PNG header fields, pixel statistics, SVG structure.
import { svgToRgba, type RgbaImage } from '../../src/report/index.js';

export const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** Width and height from a PNG's IHDR chunk (always the first chunk, right after the signature). */
export function pngSize(png: Uint8Array): { width: number; height: number } {
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  const type = String.fromCharCode(...png.subarray(12, 16));
  if (type !== 'IHDR') throw new Error(`first chunk is ${type}, not IHDR`);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

/** The SVG's own size in SVG units, from the root element's width/height attributes. */
export function svgSize(svg: string): { width: number; height: number } {
  const m = /<svg[^>]*\swidth="([\d.]+)"[^>]*\sheight="([\d.]+)"/.exec(svg);
  if (!m) throw new Error('no width/height on the root <svg>');
  return { width: Number(m[1]), height: Number(m[2]) };
}

export function distinctColours(img: RgbaImage): number {
  const seen = new Set<number>();
  const view = new DataView(img.pixels.buffer, img.pixels.byteOffset, img.pixels.byteLength);
  for (let i = 0; i < img.pixels.length; i += 4) seen.add(view.getUint32(i));
  return seen.size;
}

/** Pixels whose RGBA differs between two same-size images, with the range of rows they are on. */
export function pixelDiff(a: RgbaImage, b: RgbaImage): { count: number; minRow: number; maxRow: number } {
  if (a.width !== b.width || a.height !== b.height) throw new Error('images differ in size');
  let count = 0, minRow = Infinity, maxRow = -Infinity;
  for (let p = 0; p < a.width * a.height; p++) {
    const i = p * 4;
    if (a.pixels[i] !== b.pixels[i] || a.pixels[i + 1] !== b.pixels[i + 1] || a.pixels[i + 2] !== b.pixels[i + 2] || a.pixels[i + 3] !== b.pixels[i + 3]) {
      count++;
      const row = Math.floor(p / a.width);
      minRow = Math.min(minRow, row);
      maxRow = Math.max(maxRow, row);
    }
  }
  return { count, minRow, maxRow };
}

/** How many pixels have exactly this #rrggbb colour (fully opaque). */
export function countColour(img: RgbaImage, hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
  let n = 0;
  for (let i = 0; i < img.pixels.length; i += 4) {
    if (img.pixels[i] === r && img.pixels[i + 1] === g && img.pixels[i + 2] === b && img.pixels[i + 3] === 255) n++;
  }
  return n;
}

/** The inner markup of every `<g class="CLASS ...">` group (vega marks nest no groups inside these). */
export function markGroups(svg: string, cls: string): string[] {
  const re = new RegExp(`<g class="${cls}[^"]*"[^>]*>(.*?)</g>`, 'g');
  return [...svg.matchAll(re)].map((m) => m[1]!);
}

export const rgba = (svg: string, scale?: number) => svgToRgba(svg, scale === undefined ? {} : { scale });
