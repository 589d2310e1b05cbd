/* The kinds of value initlab's settings take (./table.ts); what follows from a rule: ./rules.ts. */

/** A value rule: the kinds of value initlab's settings have. */
export type ValueRule =
  /** A finite number, optionally bounded below (`minOpen`: strictly). */
  | { type: 'number'; min?: number; minOpen?: boolean }
  /** A whole number in [min, max]. */
  | { type: 'integer'; min: number; max: number }
  /** A seed of initlab's numpy-compatible streams: 0 … 2^32 − 1. */
  | { type: 'seed' }
  /** One of a fixed list of names; `what` names the kind in messages ("activation"). */
  | { type: 'choice'; values: readonly string[]; what: string }
  /** Hidden-layer widths: a list of at most `maxLength` whole numbers 1 … `max`. */
  | { type: 'widths'; max: number; maxLength: number }
  /**
   * An object with a `name` from `names` and parameters (data set, optimizer, schedule). In text,
   * `name:key=value:…`; `listParams`: parameters may be lists of numbers (data sets).
   */
  | { type: 'named'; names: readonly string[]; what: string; listParams?: boolean }
  /** An initializer spec object ({name, …params}); checked against the registry by resolveInit. */
  | { type: 'init' }
  /** A list of `count` … initializer specs (compare's inits). */
  | { type: 'inits' }
  /** network.layers: a list of layer objects, checked by src/nn/layers/plan.ts. */
  | { type: 'layers'; maxLength: number }
  /** One sample's [channels, height, width], each 1 … `max`. */
  | { type: 'shape3'; max: number };
