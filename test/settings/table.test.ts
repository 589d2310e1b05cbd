import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import { buildProgram } from '../../src/cli/program.js';
import { DIAGNOSE_SETTINGS, TRAINABILITY_SETTINGS } from '../../src/cli/commandSettings.js';
import { flagsToLayer } from '../../src/cli/settingFlags.js';
import { flagKey } from '../../src/cli/settingOptions.js';
import { defaultCompareConfig, validateCompareInput } from '../../src/experiments/config.js';
import { AXIS_ALIASES, defaultBaseConfig, expandSweep, parseSweepSpec } from '../../src/experiments/sweep/spec.js';
import { COMPARE_SETTINGS, formatRuleValue, getPath, RUN_SETTINGS, type Setting } from '../../src/settings/index.js';
import { PAGE_KEYS } from '../../web/src/url.js';

/*
 * "A new field appears in all" (issue 11, item 4). Each setting of the table must reach the sweep
 * spec's schema (as a base field and as a grid key), the flags of the commands that take it (with
 * its doc and default in --help), the playground's link keys and the README's generated tables.
 * SAMPLES below gives each setting a valid value other than its default: a setting added to the
 * table without one fails here first, and then each check below runs for it.
 */

interface Sample {
  value: unknown;
  /** Base fields the value needs (a layer list needs no dense hidden layers beside it). */
  base?: Record<string, unknown>;
}

const SAMPLES: Readonly<Record<string, Sample>> = {
  data: { value: { name: 'moons', seed: 4, noise: 0.2 } },
  'data.seed': { value: 7 },
  'network.hidden': { value: [3, 4, 2] },
  'network.layers': { value: [{ type: 'dense', units: 3 }], base: { network: { hidden: [] } } },
  'network.inputShape': { value: [2, 1, 1], base: { network: { hidden: [], layers: [{ type: 'dense', units: 3 }] } } },
  'network.activation': { value: 'tanh' },
  'network.slope': { value: 0.2 },
  'network.output': { value: 'softmax' },
  init: { value: { name: 'xavier' } },
  initSeed: { value: 11 },
  dtype: { value: 'float32' },
  exact: { value: 'course' },
  'training.optimizer': { value: { name: 'adam', beta1: 0.8 } },
  'training.learningRate': { value: 0.3 },
  'training.batchSize': { value: 16 },
  'training.shuffleSeed': { value: 5 },
  'training.iterations': { value: 40 },
  'training.logEvery': { value: 20 },
  'training.l2': { value: 0.001 },
  'training.l1': { value: 0.002 },
  'training.schedule': { value: { name: 'step', stepSize: 10, gamma: 0.5 } },
  'training.targetLoss': { value: 0.25 },
  'training.statsEvery': { value: 10 },
};

const sample = (s: Setting): Sample => {
  const found = SAMPLES[s.path];
  assert.ok(found, `setting '${s.path}' has no sample value in test/settings/table.test.ts: add one, then every check below runs for it`);
  return found;
};

const nest = (path: string, value: unknown): Record<string, unknown> =>
  path.split('.').reduceRight<Record<string, unknown>>((inner, key, i, keys) => (i === keys.length - 1 ? { [key]: value } : { [key]: inner }), {});

function deepMerge(a: Record<string, unknown>, b: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...a };
  for (const [k, v] of Object.entries(b)) {
    const here = out[k];
    out[k] = typeof v === 'object' && v !== null && !Array.isArray(v) && typeof here === 'object' && here !== null && !Array.isArray(here) ? deepMerge(here as Record<string, unknown>, v as Record<string, unknown>) : v;
  }
  return out;
}

/** `value` as a spec holds it: objects compared on the fields they give (defaults may be added). */
function assertCarries(actual: unknown, expected: unknown, what: string): void {
  if (typeof expected === 'object' && expected !== null && !Array.isArray(expected)) {
    for (const [k, v] of Object.entries(expected)) assertCarries((actual as Record<string, unknown>)?.[k], v, `${what}.${k}`);
  } else {
    assert.deepEqual(actual, expected, what);
  }
}

describe('settings table: every setting appears in every place it is defined for', () => {
  it('has one sample value per setting, different from its default', () => {
    for (const s of RUN_SETTINGS) assert.notDeepEqual(sample(s).value, s.default, s.path);
    assert.deepEqual(Object.keys(SAMPLES).sort(), RUN_SETTINGS.map((s) => s.path).sort());
  });

  it('defines each path, grid key, flag and link key once', () => {
    const once = (xs: string[], what: string) => assert.equal(new Set(xs).size, xs.length, `${what} repeated: ${xs.join(', ')}`);
    once(RUN_SETTINGS.map((s) => s.path), 'path');
    once(RUN_SETTINGS.flatMap((s) => [s.key, ...(s.aliases ?? [])]), 'grid key');
    once(RUN_SETTINGS.flatMap((s) => (s.flag ? [s.flag] : [])), 'flag');
    once(RUN_SETTINGS.flatMap((s) => (s.url ? [s.url] : [])), 'link key');
    for (const s of RUN_SETTINGS) assert.ok(s.doc.length > 5 && !s.doc.includes('\n'), `${s.path}: a one-line doc`);
  });

  it("the sweep's defaults are the settings' defaults", () => {
    const base = defaultBaseConfig();
    for (const s of RUN_SETTINGS) assert.deepEqual(getPath(base, s.path), s.default, s.path);
  });

  for (const s of RUN_SETTINGS) {
    it(`${s.path}: a sweep base field and grid key '${s.key}' both set it`, () => {
      const { value, base = {} } = sample(s);
      const viaBase = parseSweepSpec({ base: deepMerge(base, nest(s.path, value)) });
      assertCarries(getPath(viaBase.base, s.path), value, `base ${s.path}`);
      for (const key of [s.key, ...(s.aliases ?? [])]) {
        assert.equal(AXIS_ALIASES[key], s.path, `grid key ${key}`);
        if (key === 'seeds') continue; // a count or a list of init seeds: tested in test/sweep/spec.test.ts
        const runs = expandSweep(parseSweepSpec({ base, grid: { [key]: [value] } }));
        assert.equal(runs.length, 1);
        assertCarries(getPath(runs[0], s.path), value, `grid ${key}`);
      }
    });
  }

  const program = buildProgram();
  const commandFlags = (name: string) => program.commands.find((c) => c.name() === name)!.options;
  const commands: [string, readonly { path: string; flag?: string }[]][] = [
    ['compare', COMPARE_SETTINGS],
    ['diagnose', DIAGNOSE_SETTINGS],
    ['trainability', TRAINABILITY_SETTINGS],
  ];
  for (const [name, settings] of commands) {
    it(`${name}: every setting it takes is a flag whose help gives the setting's doc and a default`, () => {
      const options = commandFlags(name);
      for (const s of settings) {
        if (s.flag === undefined) continue;
        const option = options.find((o) => o.long === s.flag);
        assert.ok(option, `${name} has no ${s.flag}`);
        const setting = [...RUN_SETTINGS, ...COMPARE_SETTINGS].find((x) => x.path === s.path)!;
        assert.ok(option.description.startsWith(setting.doc), `${name} ${s.flag}: '${option.description}'`);
        assert.match(option.description, /\(default: [^)]+\)$/, `${name} ${s.flag}`);
      }
    });
  }

  it('every flag of the table is taken by at least one command, and read back to the same value', () => {
    for (const s of RUN_SETTINGS.filter((x) => x.flag !== undefined)) {
      assert.ok(commands.some(([name]) => commandFlags(name).some((o) => o.long === s.flag)), `no command takes ${s.flag}`);
      const { value } = sample(s);
      const { layer } = flagsToLayer([s], { [flagKey(s.flag!)]: formatRuleValue(value) });
      assertCarries(getPath(layer, s.path), value, `${s.flag} ${formatRuleValue(value)}`);
    }
  });

  it("compare's settings are its config's fields, with the course's values as defaults", () => {
    const config = defaultCompareConfig();
    for (const s of COMPARE_SETTINGS) {
      assert.deepEqual(getPath(config, s.path), s.default, s.path);
      // Each field accepted by the compare config schema (partial: one at a time).
      if (s.default !== undefined) validateCompareInput(nest(s.path, s.default));
    }
    // The course (test/fixtures/reference/coursera-initialization.json, field config): lr 0.01, 15000 iterations, seed 3.
    const course = JSON.parse(readFileSync(fileURLToPath(new URL('../fixtures/reference/coursera-initialization.json', import.meta.url)), 'utf8')) as { config: Record<string, unknown> };
    assert.ok(JSON.stringify(course.config).includes('15000'));
    assert.equal(config.training.iterations, 15000);
    assert.equal(config.training.learningRate, 0.01);
  });

  it("the README's compare config-file defaults are compare's settings' defaults", () => {
    const readme = readFileSync(fileURLToPath(new URL('../../README.md', import.meta.url)), 'utf8');
    const at = readme.indexOf('**Config file.** Every field is optional; these are the defaults:');
    assert.ok(at > 0, 'README section "Config file" is missing');
    const json = /```json\n([\s\S]*?)```/.exec(readme.slice(at))![1]!;
    assert.deepEqual(JSON.parse(json), defaultCompareConfig());
  });

  it('every link key of the table is a playground link key', () => {
    for (const s of RUN_SETTINGS.filter((x) => x.url !== undefined)) assert.ok((PAGE_KEYS as readonly string[]).includes(s.url!), `${s.url} (${s.path}) is not in web/src/url.ts PAGE_KEYS`);
  });

  it("the README's settings table has a row per setting, and its generated tables are current", () => {
    const readme = readFileSync(fileURLToPath(new URL('../../README.md', import.meta.url)), 'utf8');
    const block = readme.slice(readme.indexOf('<!-- settings:start -->'), readme.indexOf('<!-- settings:end -->'));
    for (const s of RUN_SETTINGS) assert.ok(block.includes(`| \`${s.path}\` |`), `README settings table lacks ${s.path}`);
    const root = fileURLToPath(new URL('../..', import.meta.url));
    const r = spawnSync(process.execPath, ['scripts/gen-readme-settings.mjs', '--check'], { cwd: root, encoding: 'utf8' });
    assert.equal(r.status, 0, r.stdout + r.stderr);
  });
});
