import { escapeHtml } from './escape.js';

/*
 * Vega's SVG, made fit to sit inline in an HTML page: no XML prolog, ids made unique per figure (two
 * inline SVGs sharing a clip-path id would clip each other), a role and an accessible name, and a
 * fixed aspect ratio that scales down with the page (width 100% at most, height auto).
 */

/** Returns the SVG markup to inline; `prefix` must be unique in the page. */
export function inlineSvg(svg: string, prefix: string, label: string): string {
  let out = svg.replace(/^<\?xml[^>]*>\s*/, '');
  const ids = new Set<string>();
  for (const m of out.matchAll(/\sid="([^"]+)"/g)) ids.add(m[1]!);
  if (ids.size > 0) {
    out = out.replace(/(\sid=")([^"]+)(")/g, (_m, a: string, id: string, b: string) => `${a}${prefix}-${id}${b}`);
    out = out.replace(/url\(#([^)]+)\)/g, (m, id: string) => (ids.has(id) ? `url(#${prefix}-${id})` : m));
    out = out.replace(/((?:xlink:)?href=")#([^"]+)(")/g, (m, a: string, id: string, b: string) => (ids.has(id) ? `${a}#${prefix}-${id}${b}` : m));
  }
  // The root element: an accessible name, and no fixed pixel size beyond its viewBox's (CSS scales it).
  return out.replace(/^<svg\b/, `<svg role="img" aria-label="${escapeHtml(label)}" preserveAspectRatio="xMidYMid meet"`);
}
