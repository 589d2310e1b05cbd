/*
 * Issue 11, item 6, second half: "numeric ones give formula and paper". Every NUMERIC function
 * exported from the root entry ('.') has a doc comment that states (a) a formula — the math it
 * computes — and (b) its source — the paper it follows (author + year) or the framework/library
 * behaviour it matches. Read with the TypeScript compiler (exportedDocs.ts), so a new numeric
 * export without either part fails here, naming it, its file and what is missing.
 *
 * NUMERIC means: a function of the root entry declared under one of NUMERIC_FOLDERS (the code that
 * computes numbers users rely on: theory, exact math ports, diagnostics, random streams, and
 * initializers' fans and weight draws) or in one of NUMERIC_FILES (the network's activations,
 * losses and dense products, and the course's cost and accuracy), minus the ALLOWLIST of helpers
 * there that compute no number (lookups, registration, parsing, text).
 *
 * The checks are deliberately simple regexes over the doc comment text (tags included):
 *   FORMULA — an equation or math notation: one of = ↦ √ Σ ∑ ∫ ‖ σ, or E[ / E_…[ (an
 *             expectation), or exp( / ln( / log( (a function applied); looked for in the prose only,
 *             outside `code spans` and @throws lines, so a usage example like `mode=fan_out` is no formula.
 *   PAPER   — an author followed by a year: "Poole et al. 2016", "Higham 1993", "Glorot & Bengio 2010",
 *             "Kronrod (1965)".
 *   FRAMEWORK — a library whose behaviour it matches: PyTorch, Keras, TF.js, JAX, numpy, scipy,
 *             scikit-learn (sklearn), glibc, fdlibm, QUADPACK, IEEE 754.
 * A doc comment passes (b) when it has PAPER or FRAMEWORK.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { exportedSymbols } from './exportedDocs.js';

/** Folders (relative to the repository root) whose root-entry functions count as numeric. */
const NUMERIC_FOLDERS = ['src/theory/', 'src/math/', 'src/diagnostics/', 'src/random/', 'src/init/'];
/** Single files elsewhere whose root-entry functions count as numeric. */
const NUMERIC_FILES = ['src/nn/activations.ts', 'src/nn/losses.ts', 'src/nn/matmul.ts', 'src/train/courseCost.ts'];

/** Functions in those folders that compute no number, `file name` → why they are exempt. */
const ALLOWLIST: Record<string, string> = {
  'src/theory/activations.ts theoryActivation': 'looks an activation up by name (a registry lookup)',
  'src/theory/explain.ts meanFieldNotes': 'writes explanatory text about meanField results (a text formatter)',
  'src/diagnostics/problems.ts detectProblems': 'turns statistics into verdicts by thresholds (classification, no new number)',
  'src/diagnostics/statistics.ts defaultHistogramRange': "returns an activation's output bounds or a fixed range (a lookup)",
  'src/diagnostics/diagnose.ts histogramSpan': "picks the bins' range shared by a run's histograms (presentation)",
  'src/random/index.ts createRandom': 'picks a generator class by kind (a factory; the generators document their algorithms)',
  'src/init/registry.ts registerInitializer': 'adds to the initializer registry',
  'src/init/registry.ts getInitializer': 'a registry lookup',
  'src/init/registry.ts listInitializers': 'lists the registry',
  'src/init/registry.ts initializerNames': "lists the registry's names",
  'src/init/frameworks/index.ts registerAllInitializers': 'registers the built-in initializers',
  'src/init/frameworks/index.ts registerFrameworkInitializers': 'registers the framework initializers',
  'src/init/spec.ts parseInitSpec': 'parses a spec string',
  'src/init/spec.ts formatInitSpec': 'formats a spec string',
  'src/init/spec.ts resolveInit': "validates a spec against the initializer's parameters",
  'src/init/spec.ts parseInitList': 'parses a comma-separated spec list',
  'src/init/initialize.ts describeInit': "describes an initializer in words (a text formatter)",
  'src/init/fans.ts checkShapeFor': 'validates a shape (no number computed)',
  'src/nn/losses.ts labelRows': "how many rows a head's label array has (a shape lookup)",
};

const FORMULA = /[=↦√Σ∑∫‖σ]|\bE(?:_\S+)?\[|\b(?:exp|ln|log)\(/u;
const PAPER = /\b\p{Lu}[\p{L}'’-]+(?: et al\.)?,? \(?(?:1[89]|20)\d\d\b/u;
/** The doc text FORMULA is looked for in: without `code spans` and @throws lines. */
const prose = (doc: string): string =>
  doc
    .replace(/`[^`]*`/g, '')
    .split('\n')
    .filter((line) => !line.includes('@throws'))
    .join('\n');
const FRAMEWORK = /\b(?:PyTorch|Keras|TF\.js|JAX|numpy|scipy|scikit-learn|sklearn|glibc|fdlibm|QUADPACK)\b|IEEE 754/i;

describe('numeric exports document formula and source', () => {
  const numeric = exportedSymbols().filter(
    (s) => s.entry === '.' && s.isFunction && (NUMERIC_FOLDERS.some((f) => s.file.startsWith(f)) || NUMERIC_FILES.includes(s.file)) && !(`${s.file} ${s.name}` in ALLOWLIST),
  );

  it('finds the numeric exports, and every allowlist entry is still an export', () => {
    assert.ok(numeric.length >= 45, `only ${numeric.length} numeric exports found`);
    for (const name of ['meanField', 'gaussianExpectation', 'pairwiseSum', 'glibcLog', 'moments', 'torchFans', 'shuffleWith', 'sigmoid', 'headLoss', 'courseCost']) {
      assert.ok(numeric.some((s) => s.name === name), `${name} is numeric`);
    }
    for (const file of NUMERIC_FILES) assert.ok(numeric.some((s) => s.file === file), `${file} has numeric root exports`);
    const all = new Set(exportedSymbols().filter((s) => s.entry === '.').map((s) => `${s.file} ${s.name}`));
    const stale = Object.keys(ALLOWLIST).filter((k) => !all.has(k));
    assert.deepEqual(stale, [], 'allowlist entries that are no longer root exports');
  });

  it('the regexes tell a formula and a source from plain prose', () => {
    assert.ok(FORMULA.test('q ↦ σ_w² E_z[φ(√q z)²] + σ_b²') && FORMULA.test('E[f(x)]') && FORMULA.test('log(1 + x)'));
    assert.ok(!FORMULA.test('The stable fixed point of the map, by bisection.'));
    assert.ok(!FORMULA.test(prose("Draws one tensor: `initialize('he:mode=fan_out', s)`.\n@throws RangeError unless n = 1")));
    assert.ok(PAPER.test('Poole et al. 2016') && PAPER.test('Glorot & Bengio 2010') && PAPER.test('Kronrod (1965)'));
    assert.ok(!PAPER.test('depth 2016') && !PAPER.test('The map, see above.'));
    assert.ok(FRAMEWORK.test("PyTorch's `_calculate_fan_in_and_fan_out`") && FRAMEWORK.test('np.sum as numpy does'));
    assert.ok(!FRAMEWORK.test('our own rule'));
  });

  it('every numeric export has a formula and a paper or framework in its doc comment', () => {
    const missing: string[] = [];
    for (const s of numeric) {
      const lacks = [FORMULA.test(prose(s.doc)) ? '' : 'formula', PAPER.test(s.doc) || FRAMEWORK.test(s.doc) ? '' : 'paper or framework'].filter(Boolean);
      if (lacks.length > 0) missing.push(`${s.name} (${s.file}): no ${lacks.join(', no ')}`);
    }
    assert.deepEqual(missing, [], `numeric exports whose doc comment lacks a part:\n${missing.join('\n')}`);
  });
});
