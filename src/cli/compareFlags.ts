import type { CompareConfigInput } from '../experiments/config.js';
import { validateCompareInput } from '../experiments/config.js';
import { resolveInit } from '../init/spec.js';
import { COMPARE_SETTINGS } from '../settings/index.js';
import { flagsToLayer } from './settingFlags.js';
import { readTextFileBounded } from '../util/boundedRead.js';
import { UsageError } from '../util/errors.js';
import { MAX_SPEC_FILE_BYTES } from '../util/limits.js';
import { refuseForbiddenKeys } from '../util/untrustedKeys.js';

/** The raw `initlab compare` flags as commander hands them over (strings until validated). */
export interface CompareFlags {
  config?: string;
  inits?: string;
  hidden?: string;
  lr?: string;
  iterations?: string;
  logEvery?: string;
  trainSamples?: string;
  testSamples?: string;
  noise?: string;
  trainSeed?: string;
  testSeed?: string;
  /** The init seed (`--seed`; `--init-seed` before). */
  seed?: string;
  statsEvery?: string;
  dtype?: string;
}

/** Which flag sets which config field, so errors name what the user typed: from the settings table. */
export const FLAG_FOR_FIELD: Readonly<Record<string, string>> = Object.fromEntries(
  COMPARE_SETTINGS.flatMap((s) => (s.flag !== undefined ? [[s.path, s.flag] as const] : [])),
);

/** Reads and validates a `--config` JSON file; errors name the file and the field path. */
export function readConfigFile(path: string): CompareConfigInput {
  const text = readTextFileBounded(path, MAX_SPEC_FILE_BYTES, `--config ${path}`);
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw new UsageError(`--config ${path}: not valid JSON (${(err as Error).message}).`);
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new UsageError(`--config ${path}: the file must hold a JSON object such as {"training": {"iterations": 5000}}.`);
  }
  refuseForbiddenKeys(raw, `${path}: config`);
  const input = validateCompareInput(raw, `${path}: config`);
  input.inits?.forEach((spec, i) => resolveInit(spec, `${path}: config.inits[${i}]`));
  return input;
}

/** Turns flags into a config layer that overrides the file's values (every flag is a compare setting). */
export function flagsToConfig(flags: CompareFlags): CompareConfigInput {
  const { layer, names } = flagsToLayer(COMPARE_SETTINGS, flags as Readonly<Record<string, unknown>>);
  return validateCompareInput(layer, 'flags', names);
}
