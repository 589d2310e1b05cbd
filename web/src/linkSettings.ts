import type { Dtype } from '../../src/core/dtype.js';
import type { Activation } from '../../src/core/runConfig.js';
// The table and its zod-free checks only: the page bundles no schema library.
import { parseRuleText, ruleText } from '../../src/settings/check.js';
import { formatRuleValue, runSetting, type Setting } from '../../src/settings/table.js';
import type { ValueRule } from '../../src/settings/valueRule.js';
import type { OptimizerName } from '../../src/train/optimizers.js';
import { UsageError } from '../../src/util/errors.js';
import type { PlaygroundState } from './state.js';

/*
 * The run settings a playground link carries as one text value each (issue 11, item 4): their key,
 * type and range come from initlab's settings table (src/settings/table.ts, the `url` field and the
 * value rule), so `#lr=…` reads through the same number grammar and range as `--lr` and a sweep's
 * `lr:`. Where a browser tab trains less than the CLI (8 layers of 256 units, 10⁶ updates) the page
 * adds its own rule on top; a value passes both, so the page is never looser than the table.
 * The data set and the panels' initializers (`data`, `init`) have structured values; url.ts reads them.
 */

/** Hidden layers the page draws and trains (the table allows MAX_DEPTH). */
export const MAX_LAYERS = 8;
/** Units of one hidden layer on the page (the table allows util/limits MAX_WIDTH). */
export const MAX_WIDTH = 256;
/** Updates one panel trains on the page (the table allows util/limits MAX_ITERATIONS). */
export const MAX_ITERATIONS = 1_000_000;

/** One key of a link: how the state writes it and how a link's value is read back. */
export interface LinkField {
  key: string;
  /** Sets the key in `q`, or leaves it out (controls added after the first links stay out at their defaults). */
  write(q: URLSearchParams, s: PlaygroundState): void;
  /** Reads the key from `q` into `s`; a bad value is one line in `problems` and `s` keeps its default. */
  read(q: URLSearchParams, s: PlaygroundState, problems: string[]): void;
}

/** A run setting carried as one value: its table row, the page's rule for it and its text reader. */
export interface ScalarLink<T> extends LinkField {
  setting: Setting;
  /** Its name on the page, in messages ("learning rate"). */
  label: string;
  /** The values the page takes: the table's rule, or a stricter one. */
  rule: ValueRule;
  /** The value `text` spells, or a one-line UsageError naming `where`, the value and the range. */
  parse(text: string, where?: string): T;
}

/**
 * The text form of a setting's rule. A named setting (the optimizer) travels by its name alone: the
 * page has no control for its parameters.
 */
function textRule(setting: Setting): ValueRule {
  const rule = setting.rule;
  return rule.type === 'named' ? { type: 'choice', values: rule.names, what: rule.what } : rule;
}

interface ScalarOptions<T> {
  label: string;
  get: (s: PlaygroundState) => T;
  set: (s: PlaygroundState, v: T) => void;
  /** The page's stricter rule; absent: the table's. */
  page?: ValueRule;
  /** Links leave the value out when this holds. */
  omit?: (v: T) => boolean;
}

function scalar<T>(path: string, o: ScalarOptions<T>): ScalarLink<T> {
  const setting = runSetting(path);
  if (setting.url === undefined) throw new TypeError(`run setting '${path}' has no link key`);
  const key = setting.url;
  const tableRule = textRule(setting);
  const rule = o.page ?? tableRule;
  const parse = (text: string, where = o.label): T => {
    try {
      parseRuleText(tableRule, where, text);
      const value = parseRuleText(rule, where, text);
      // '-0' passes '≥ 0'; the state holds 0 so that it writes back as it reads.
      return (value === 0 ? 0 : value) as T;
    } catch (err) {
      if (!(err instanceof UsageError) || rule.type === 'choice') throw err; // a choice's message lists the names
      throw new UsageError(`${err.message.replace(/\.$/, '')}; allowed: ${ruleText(rule)}.`);
    }
  };
  return {
    key,
    setting,
    label: o.label,
    rule,
    parse,
    write(q, s) {
      const v = o.get(s);
      if (!o.omit?.(v)) q.set(key, formatRuleValue(v));
    },
    read(q, s, problems) {
      const text = q.get(key);
      if (text === null) return;
      try {
        o.set(s, parse(text, `${o.label} (${key})`));
      } catch (err) {
        problems.push(err instanceof Error ? err.message : String(err));
      }
    },
  };
}

export const DATA_SEED = scalar<number>('data.seed', { label: 'data seed', get: (s) => s.data.seed, set: (s, v) => (s.data.seed = v) });
export const HIDDEN = scalar<number[]>('network.hidden', {
  label: 'hidden layers',
  page: { type: 'widths', max: MAX_WIDTH, maxLength: MAX_LAYERS },
  get: (s) => s.hidden,
  set: (s, v) => (s.hidden = v),
});
export const ACTIVATION = scalar<Activation>('network.activation', { label: 'activation', get: (s) => s.activation, set: (s, v) => (s.activation = v) });
export const OPTIMIZER = scalar<OptimizerName>('training.optimizer', { label: 'optimizer', get: (s) => s.optimizer, set: (s, v) => (s.optimizer = v) });
// float64 is the default: links made before the control existed stay as they were.
export const DTYPE = scalar<Dtype>('dtype', { label: 'dtype', get: (s) => s.dtype, set: (s, v) => (s.dtype = v), omit: (v) => v === 'float64' });
export const LEARNING_RATE = scalar<number>('training.learningRate', { label: 'learning rate', get: (s) => s.learningRate, set: (s, v) => (s.learningRate = v) });
export const BATCH_SIZE = scalar<number>('training.batchSize', { label: 'batch size', get: (s) => s.batchSize, set: (s, v) => (s.batchSize = v) });
// At least one update: the page shows training (the CLI's 0 evaluates the initial network only).
export const ITERATIONS = scalar<number>('training.iterations', {
  label: 'iterations',
  page: { type: 'integer', min: 1, max: MAX_ITERATIONS },
  get: (s) => s.iterations,
  set: (s, v) => (s.iterations = v),
});
export const WEIGHT_SEED = scalar<number>('initSeed', { label: 'weight seed', get: (s) => s.weightSeed, set: (s, v) => (s.weightSeed = v) });
// The TF Playground controls (issue 15) are written only when set: links made before them stay as they were.
export const L2 = scalar<number>('training.l2', { label: 'L2 rate', get: (s) => s.l2, set: (s, v) => (s.l2 = v), omit: (v) => v === 0 });
export const L1 = scalar<number>('training.l1', { label: 'L1 rate', get: (s) => s.l1, set: (s, v) => (s.l1 = v), omit: (v) => v === 0 });

/** The link key of a table setting with a structured value (data, init); a TypeError where it has none (a bug). */
export function linkKey(path: string): string {
  const key = runSetting(path).url;
  if (key === undefined) throw new TypeError(`run setting '${path}' has no link key`);
  return key;
}
