/*
 * Escaping for the HTML report. Every string that comes from a spec, a record or the file system
 * goes through `escapeHtml` (text and attribute values alike: it escapes both quote kinds), so a
 * sweep named `<script>…` shows as text and never runs.
 */

const ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text or an attribute value, safe inside HTML. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}

/** An id/fragment made only of [A-Za-z0-9_-] (for `id="…"` and `href="#…"`). */
export function safeId(text: string): string {
  return text.replace(/[^A-Za-z0-9_-]+/g, '-').replace(/^-+|-+$/g, '') || 'x';
}
