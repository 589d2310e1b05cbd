#!/usr/bin/env node
import { Command, CommanderError, Option } from 'commander';
import { UsageError } from '../util/errors.js';
import { VERSION } from '../version.js';
import { compareCommand } from './compareCommand.js';
import { diagnoseCommand } from './diagnoseCommand.js';
import { explainCommand } from './explainCommand.js';
import { initsCommand } from './initsCommand.js';
import { reportCommand } from './reportCommand.js';
import { sampleCommand } from './sampleCommand.js';
import { summarizeCommand } from './summarizeCommand.js';
import { sweepCommand } from './sweepCommand.js';
import { theoryCommand } from './theoryCommand.js';

/** Usage errors exit with 2 and one line on stderr; anything else is a bug and exits with 1. */
function fail(err: unknown): never {
  if (err instanceof UsageError) {
    process.stderr.write(`initlab: ${err.message}\n`);
    process.exit(2);
  }
  process.stderr.write(`initlab: internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
}

// `initlab inits | head` closes stdout early: that is not an error.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(0);
  throw err;
});

const program = new Command('initlab')
  .description('Study how the initial weights of a neural network decide whether it learns.')
  .version(VERSION, '-v, --version', 'print the version')
  .showSuggestionAfterError(true)
  // commander puts its "(Did you mean …?)" on a second line; errors here are one line.
  .configureOutput({ outputError: (text, write) => write(`${text.trimEnd().replace(/\n+/g, ' ')}\n`) })
  .exitOverride();

program
  .command('compare')
  .description("train the same network from several initializations and compare them (default: the course's zeros / random×10 / He experiment)")
  .option('--config <file>', 'JSON config file; flags override its fields (see README, "Config file")')
  .option('--inits <specs>', "comma-separated initializer specs, e.g. 'zeros,random:scale=0.01,he' (default: zeros,random:scale=10,he)")
  .option('--hidden <sizes>', 'hidden layer sizes, e.g. 10,5 (default: 10,5)')
  .option('--lr <number>', 'learning rate of full-batch gradient descent (default: 0.01)')
  .option('--iterations <n>', 'gradient-descent iterations (default: 15000)')
  .option('--log-every <n>', 'record the cost every n iterations (default: 1000)')
  .option('--stats-every <k>', 'record per-layer statistics (activation and gradient std, dead units, update ratio) every k iterations into results.json, with figures under --out (default: off)')
  .option('--train-samples <n>', 'training points of make_circles (default: 300)')
  .option('--test-samples <n>', 'test points (default: 100)')
  .option('--noise <number>', 'standard deviation of the Gaussian noise added to the circles (default: 0.05)')
  .option('--train-seed <n>', 'numpy seed of the training set (default: 1)')
  .option('--test-seed <n>', 'numpy seed of the test set (default: 2)')
  .option('--init-seed <n>', 'numpy seed drawn again before each initialization (default: 3)')
  .option('--out <dir>', 'write results.json and the figures (SVG and PNG) into this folder')
  .option('--json', 'print only the results document (JSON) on stdout')
  .option('--workers <n>', 'worker threads for the independent runs (default: one per init, at most the cores)')
  .addOption(new Option('--backend <name>', 'numerical kernels: wasm (WebAssembly SIMD) or js (plain TypeScript); default wasm when available'))
  .action(compareCommand);

program
  .command('diagnose')
  .description("per-layer signal statistics at initialization (forward std, backward std, dead and saturated units) beside mean-field theory's prediction, with verdicts")
  .option('--width <n>', 'hidden width (default 512)')
  .option('--depth <n>', 'number of hidden layers (default 10)')
  .option('--hidden <sizes>', 'hidden widths instead of --width/--depth, e.g. 512,256,128')
  .option('--input-dim <n>', 'input width (default: the first hidden width)')
  .option('--activation <name>', 'hidden activation (default tanh)')
  .option('--inits <specs>', "initializer specs (default 'random:scale=0.01,random:scale=1,xavier,he')")
  .option('--batch <n>', 'standard-normal inputs (default 1000)')
  .option('--seed <n>', 'seed of the inputs, weights and injected error signal (default 0)')
  .option('--json', 'print the diagnosis as JSON')
  .action(diagnoseCommand);

program
  .command('inits')
  .description('list every initializer: name, framework, distribution, formula, parameters')
  .option('--json', 'print the list as JSON')
  .action(initsCommand);

const SHAPE_HELP =
  "the tensor's shape in the initializer's framework layout, e.g. 256x512: PyTorch and initlab's own store a " +
  'dense weight as (out, in) and a conv weight as (out, in, kh, kw); Keras, TF.js and JAX as (in, out) and (kh, kw, in, out)';

program
  .command('explain')
  .description(
    'what an initializer really does to one tensor: distribution, bounds, fan_in/fan_out as its framework computes them, ' +
      'the std it aims at and the std it really produces (parent std for truncated normals), notes, and the same family in the ' +
      'other frameworks for the same layer, side by side',
  )
  .argument('<spec>', "initializer spec, e.g. 'he', 'torch:kaiming_normal:mode=fan_out' (see 'initlab inits')")
  .option('--shape <dims>', SHAPE_HELP)
  .option('--json', 'print the explanation as one JSON object')
  .addHelpText(
    'after',
    '\nThe other frameworks\' initializers get the same layer: the shape is translated between layouts\n' +
      '(PyTorch (out, in, kh, kw) <-> Keras/TF.js/JAX (kh, kw, in, out)), and "vs SPEC" is their std over SPEC\'s.\n\n' +
      'Examples:\n  initlab explain he --shape 256x512\n  initlab explain torch:kaiming_normal --shape 64x32x3x3 --json',
  )
  .action(explainCommand);

program
  .command('sample')
  .description('draw one tensor from an initializer and print its mean, std (population), min, max — and, for orthogonal initializers, the orthogonality error')
  .argument('<spec>', "initializer spec, e.g. 'he' or 'random:scale=0.01' (see 'initlab inits')")
  .option('--shape <dims>', SHAPE_HELP)
  .option('--seed <n>', 'seed of the random generator, 0 to 4294967295 (default: 0)')
  .addOption(new Option('--rng <kind>', "random generator: 'default' (xoshiro128**, fast) or 'numpy' (numpy's legacy RandomState, bit for bit) (default: default)"))
  .option('--json', 'print {spec, shape, fanIn, fanOut, expectedStd, stats, values} as JSON (values row-major)')
  .option('--format <format>', 'also write the tensor to --output as npy (NumPy), safetensors (tensor "weight") or csv')
  .option('--output <file>', 'the file to write (written atomically; needs --format)')
  .option('--dtype <dtype>', "float type in the file: f8 (float64, default) or f4 (float32)")
  .addHelpText(
    'after',
    '\nData-dependent initializers (lsuv) need a network and data and are refused; use them in compare.\n' +
      'csv: a "# shape: AxB…" line, then one line per index of the first dimension (the rest flattened, row-major).\n\n' +
      'Examples:\n  initlab sample he --shape 256x512 --seed 0\n  initlab sample he --shape 256x512 --rng numpy --format npy --output he.npy',
  )
  .action(sampleCommand);

program
  .command('sweep')
  .description(
    'run a grid of training runs described by a spec file (inits × seeds × data × depth × width × …) on worker threads, ' +
      'one record per finished run in DIR/runs.jsonl (re-running resumes), then print the summary',
  )
  .argument('<spec>', 'sweep spec, JSON (.json) or YAML (.yaml, .yml): a base run and a grid (see README, "Sweeps")')
  .requiredOption('--out <dir>', 'the sweep folder: sweep.json, runs.jsonl, summary.json, summary.csv')
  .option('--workers <n>', 'worker threads (default: the number of cores)')
  .option('--json', 'print the summary document (JSON) instead of the table')
  .addHelpText(
    'after',
    '\nSpec (YAML):\n' +
      '  base: { data: { name: circles, seed: 1 }, network: { hidden: [8, 8], activation: relu },\n' +
      '          training: { optimizer: sgd, learningRate: 0.1, iterations: 500, logEvery: 50, targetLoss: 0.3 } }\n' +
      '  grid: { inits: [zeros, "random:scale=10", he], depth: [1, 2], width: [8], seeds: 20 }\n\n' +
      'Runs are grouped by everything but the init seed: mean ± 95% CI (Student t) of the final loss and accuracies,\n' +
      'iterations to targetLoss, fractions diverged and symmetric, and a ranking of the inits per setting.',
  )
  .action(sweepCommand);

program
  .command('summarize')
  .description("summarize a sweep folder's finished runs (also while it runs, or after an interruption)")
  .argument('<dir>', "the --out folder of 'initlab sweep'")
  .option('--json', 'print the summary document (JSON) instead of the table')
  .option('--csv <file>', 'also write the summary as CSV (one row per group)')
  .action(summarizeCommand);

program
  .command('report')
  .description(
    "one self-contained HTML page for a sweep folder: summary tables and rankings, loss curves with seed bands, final metrics vs depth and width, " +
      'decision boundaries (2-D data), the spec and the environment; figures also as PNG in figures/ beside it',
  )
  .argument('<dir>', "the --out folder of 'initlab sweep'")
  .option('--out <file>', 'the HTML file to write (default: DIR/report.html)')
  .option('--no-boundaries', 'skip the decision boundaries (they retrain the first seed of each group on this thread)')
  .action(reportCommand);

program
  .command('theory')
  .description(
    'mean-field signal propagation of a deep random network (Poole et al. 2016; Schoenholz et al. 2017): the fixed points q* and c*, ' +
      'χ₁, χ_c and the depth scales ξ_q, ξ_c for weights N(0, σ_w²/fan_in) and biases N(0, σ_b²)',
  )
  .option('--activation <name>', 'tanh, relu, linear, sigmoid or erf')
  .option('--sigma-w2 <number>', 'weight variance times fan_in, σ_w² > 0')
  .option('--sigma-b2 <number>', 'bias variance σ_b² ≥ 0')
  .option('--json', 'print {qStar, chi1, cStar, chiC, xiQ, xiC} as JSON (Infinity and NaN as strings)')
  .addHelpText('after', '\nExample:\n  initlab theory --activation tanh --sigma-w2 1.5 --sigma-b2 0.05')
  .action(theoryCommand);

try {
  await program.parseAsync(process.argv);
} catch (err) {
  if (err instanceof CommanderError) {
    // commander has already printed its message (or the help / version text).
    process.exit(err.exitCode === 0 ? 0 : 2);
  }
  fail(err);
}
