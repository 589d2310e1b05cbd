/**
 * A vega-lite specification as initlab's figure builders return it and `renderVegaLiteToSvg`
 * takes it: plain JSON (`JSON.stringify` gives a file the vega-lite editor opens).
 *
 * Declared here instead of using vega-lite's `TopLevelSpec` in the public signatures because
 * vega-lite's and vega-typings' declarations need lib.dom (`Element`, `RequestInit`, …): a
 * consumer of `initlab/report` without lib.dom and with `skipLibCheck: false` got 11 errors from
 * them. Every vega-lite `TopLevelSpec` is assignable to this type, and the builders still build
 * their specs as `TopLevelSpec`, so vega-lite checks them inside initlab.
 */
export interface VegaLiteSpec {
  readonly $schema?: string;
  readonly title?: unknown;
  readonly description?: string;
}
