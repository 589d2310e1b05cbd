/** The report's style sheet (inlined: the page needs no other file). */
export const REPORT_CSS = `
:root { color-scheme: light; --ink: #1d232b; --muted: #5b6572; --line: #d9dee4; --bg-alt: #f5f7f9; --bad: #a32020; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", "DejaVu Sans", sans-serif; color: var(--ink); background: #fff; }
main { max-width: 1200px; margin: 0 auto; padding: 24px 20px 64px; }
h1 { font-size: 1.6rem; margin: 0 0 4px; }
h2 { font-size: 1.3rem; margin: 40px 0 8px; padding-bottom: 4px; border-bottom: 2px solid var(--line); }
h3 { font-size: 1.02rem; margin: 24px 0 8px; }
.meta, .note { color: var(--muted); }
.note { font-size: 0.9rem; max-width: 80ch; }
code, pre { font-family: ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 0.85em; }
pre.spec { background: var(--bg-alt); border: 1px solid var(--line); border-radius: 6px; padding: 12px 14px; overflow: auto; max-height: 480px; }
nav ol { margin: 4px 0; }
.scroll { overflow-x: auto; }
table { border-collapse: collapse; margin: 4px 0 12px; font-size: 0.88rem; }
th, td { padding: 5px 10px; border-bottom: 1px solid var(--line); vertical-align: top; text-align: left; }
thead th { background: var(--bg-alt); border-bottom: 2px solid var(--line); white-space: nowrap; }
td.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
td.bad { color: var(--bad); font-weight: 600; }
.range { color: var(--muted); font-size: 0.85em; }
.init { font-weight: 600; }
table.kv th { font-weight: normal; color: var(--muted); }
.panels { display: flex; flex-wrap: wrap; gap: 16px; }
figure { margin: 0; }
figure.plot { border: 1px solid var(--line); border-radius: 6px; padding: 8px; background: #fff; max-width: 100%; }
figure svg { display: block; max-width: 100%; height: auto; }
figcaption { font-size: 0.8rem; color: var(--muted); text-align: right; }
.boundary-row { display: flex; flex-wrap: wrap; gap: 10px; }
figure.cell, div.cell { border: 1px solid var(--line); border-radius: 6px; padding: 4px; }
div.cell.empty { width: 220px; padding: 10px; color: var(--muted); font-size: 0.85rem; }
a.png { font-size: 0.75rem; }
details { margin: 8px 0; }
`;
