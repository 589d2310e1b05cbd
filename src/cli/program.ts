import { Command, Option } from 'commander';
import { VERSION } from '../version.js';
// Each command's module (and its dependencies) loads only when that command runs: see lazyCommands.ts.
import {
  compareCommand,
  diagnoseCommand,
  explainCommand,
  figureCommand,
  initsCommand,
  reportCommand,
  sampleCommand,
  serveCommand,
  summarizeCommand,
  sweepCommand,
  theoryCommand,
  trainabilityCommand,
  workerCommand,
} from './lazyCommands.js';
import { deprecatedAlias } from './aliases.js';
import { completionScript, SHELLS } from './completion.js';
import { examplesHelp } from './examples.js';
import { addSettingOptions } from './settingOptions.js';
import { COMPARE_SETTINGS } from '../settings/compareSettings.js';
import { DIAGNOSE_DEFAULT_TEXTS, DIAGNOSE_DEFAULTS, DIAGNOSE_NOTES, DIAGNOSE_SETTINGS, TRAINABILITY_SETTINGS, trainabilityDefaultsAsConfig } from './commandSettings.js';

/** What compare's flags mean there beyond the setting's doc. */
const COMPARE_NOTES: Readonly<Record<string, string>> = {
  'training.learningRate': 'compare trains by full-batch gradient descent',
  'training.statsEvery': 'into results.json, with figures under --out',
  dtype: 'float32 trains on the general engine and reports the stable cross-entropy',
};

const WIDE_HELP = 'keep tables at their natural width (default: fit $COLUMNS, else the terminal; a pipe or a file gets natural widths)';

/**
 * Every command, flag and help text of `initlab`, parsed by nothing yet: main.ts parses argv with
 * it, scripts/gen-readme-settings.mjs reads the option tables of the README from it, and tests
 * check it against the settings table. Actions load their modules only when they run.
 */
export function buildProgram(): Command {
  const program = new Command('initlab')
    .description('Study how the initial weights of a neural network decide whether it learns.')
    .version(VERSION, '-v, --version', 'print the version')
    .showSuggestionAfterError(true)
    // commander puts its "(Did you mean …?)" on a second line; errors here are one line.
    .configureOutput({ outputError: (text, write) => write(`${text.trimEnd().replace(/\n+/g, ' ')}\n`) })
    .exitOverride();

  // Every setting of compare's config is a flag: src/settings/compareSettings.ts.
  addSettingOptions(
    program
      .command('compare')
      .description("train the same network from several initializations and compare them (default: the course's zeros / random×10 / He experiment)")
      .option('--config <file>', 'JSON config file; flags override its fields (see README, "Config file")'),
    COMPARE_SETTINGS,
    { notes: COMPARE_NOTES },
  )
    .option('--out <dir>', 'write results.json and the figures (SVG and PNG) into this folder')
    .option('--json', 'print only the results document (JSON) on stdout')
    .option('--workers <n>', 'worker threads for the independent runs (default: one per init, at most the cores)')
    .addOption(new Option('--backend <name>', 'numerical kernels: wasm (WebAssembly SIMD) or js (plain TypeScript), the same numbers (default: wasm when available)'))
    .option('--max-memory <size>', 'refuse work whose estimated memory exceeds this, e.g. 2G or 512MiB (default: half of the free memory)')
    .option('--wide', WIDE_HELP)
    .action(compareCommand);
  deprecatedAlias(program.commands.at(-1)!, '--init-seed <n>', '--seed');

  // The run settings among diagnose's flags: src/cli/commandSettings.ts.
  addSettingOptions(
    program
      .command('diagnose')
      .description("per-layer signal statistics at initialization (forward std, backward std, dead and saturated units) beside mean-field theory's prediction, with verdicts")
      .option('--width <n>', 'hidden width (default: 512)')
      .option('--depth <n>', 'number of hidden layers (default: 10)')
      .option('--input-dim <n>', 'input width (default: the first hidden width)'),
    DIAGNOSE_SETTINGS,
    { notes: DIAGNOSE_NOTES, defaults: DIAGNOSE_DEFAULTS, defaultTexts: DIAGNOSE_DEFAULT_TEXTS },
  )
    .option('--inits <specs>', "initializer specs (default: random:scale=0.01,random:scale=1,xavier,he)")
    .option('--batch <n>', 'standard-normal inputs (default: 1000)')
    .option('--seed <n>', 'seed of the inputs, weights and injected error signal (default: 0)')
    .option('--config <file>', "a run config or a sweep spec (.json, .yaml): its network, its data's first --batch training points and its init(s) (a sweep: the first setting of its grid, with every init of the grid); replaces --width/--depth/--hidden/--activation/--data/--input-dim; a network.layers network gets a row per layer (residual block) and the residual variance recursion as its prediction")
    .option('--json', 'print the diagnosis as JSON (initlab version, config and seed, runs with per-layer histograms)')
    .option('--out <dir>', 'also write diagnosis.json and the figures (activation and gradient histograms per layer, std against depth) as SVG and PNG')
    .option('--max-memory <size>', 'refuse work whose estimated memory exceeds this, e.g. 2G or 512MiB (default: half of the free memory)')
    .option('--wide', WIDE_HELP)
    .action(diagnoseCommand);

  program
    .command('inits')
    .description('list every initializer: name, framework, distribution, formula, parameters')
    .option('--json', 'print the list as JSON')
    .option('--wide', WIDE_HELP)
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
    .option('--wide', WIDE_HELP)
    .addHelpText(
      'after',
      '\n' +
        'The other frameworks\' initializers get the same layer: the shape is translated\n' +
        'between layouts (PyTorch (out, in, kh, kw) <-> Keras/TF.js/JAX (kh, kw, in,\n' +
        'out)), and "vs SPEC" is their std over SPEC\'s.',
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
    .option('--out <file>', 'also write the tensor to this file (atomically), in the format its extension names: .npy (NumPy), .safetensors (tensor "weight"), .csv or .json (the --json document)')
    .option('--format <format>', "the file's format when its name has no such extension: npy, safetensors, csv or json")
    .option('--dtype <dtype>', 'float type in the file: float64 (default) or float32 (also written f8, f4)')
    .addHelpText(
      'after',
      '\n' +
        'Data-dependent initializers (lsuv) need a network and data and are refused;\n' +
        'use them in compare.\n' +
        'csv: a "# shape: AxB…" line, then one line per index of the first dimension\n' +
        '(the rest flattened, row-major).',
    )
    .action(sampleCommand);
  deprecatedAlias(program.commands.at(-1)!, '--output <file>', '--out');

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
    .option('--queue <url>', "run on a BullMQ queue in Redis, redis://[user:pass@]HOST:PORT[/db] or rediss:// (TLS; the password may come from REDIS_PASSWORD), trained by 'initlab worker' processes on any machines (see README, \"Running a sweep on many machines\")")
    .option('--wide', WIDE_HELP)
    .addHelpText(
      'after',
      '\nSpec (YAML):\n' +
        '  base:\n' +
        '    data: { name: circles, seed: 1 }\n' +
        '    network: { hidden: [8, 8], activation: relu }\n' +
        '    training: { optimizer: sgd, learningRate: 0.1, iterations: 500,\n' +
        '                logEvery: 50, targetLoss: 0.3 }\n' +
        '  grid: { inits: [zeros, "random:scale=10", he], depth: [1, 2], width: [8],\n' +
        '          seeds: 20 }\n\n' +
        'Runs are grouped by everything but the init seed: mean ± 95% CI (Student t) of\n' +
        'the final loss and accuracies, iterations to targetLoss, fractions diverged and\n' +
        'symmetric, and a ranking of the inits per setting.\n\n' +
        'Beyond grids: method: random (count, seed, parameters: { lr: { distribution:\n' +
        '  log_uniform, min: 0.0001, max: 0.1 } }) or method: list (runs: [{ lr: 0.1 }]);\n' +
        'metric: { name: testLoss, goal: minimize } ranks the groups by it; earlyStop:\n' +
        '{ type: hyperband | median, min_iter: 100, eta: 3 } stops runs at rungs. Every\n' +
        'run\'s parameters go to DIR/params/<id>.safetensors (saveInitial: true adds the\n' +
        'initial ones).',
    )
    .action(sweepCommand);

  program
    .command('worker')
    .description("train the runs of sweeps queued with 'initlab sweep … --queue URL' on this machine, until SIGTERM/Ctrl-C (finishes its running jobs first), --max-jobs or --idle-exit")
    .requiredOption('--queue <url>', 'the Redis of the sweeps, redis://[user:pass@]HOST:PORT[/db] or rediss:// (TLS; the password may come from REDIS_PASSWORD)')
    .option('--concurrency <n>', 'runs trained at once, each on its own worker thread (default: 1)')
    .option('--max-jobs <k>', 'exit after starting k runs')
    .option('--idle-exit <seconds>', 'exit after this many seconds without a run')
    .option('--sweep <id>', "serve only this sweep (its id is in the sweep folder's sweep.json); default: every sweep registered in Redis")
    .action(workerCommand);

  program
    .command('summarize')
    .description("summarize a sweep folder's finished runs (also while it runs, or after an interruption)")
    .argument('<dir>', "the --out folder of 'initlab sweep'")
    .option('--json', 'print the summary document (JSON) instead of the table')
    .option('--out <file>', 'also write the summary to this file: JSON when it ends in .json, else CSV (one row per group)')
    .option('--wide', WIDE_HELP)
    .action(summarizeCommand);
  deprecatedAlias(program.commands.at(-1)!, '--csv <file>', '--out');

  program
    .command('report')
    .description(
      "one self-contained HTML page for a sweep folder: summary tables and rankings, loss curves with seed bands, final metrics vs depth and width, " +
        'decision boundaries (2-D data), the spec and the environment; figures also as PNG in figures/ beside it',
    )
    .argument('<dir>', "the --out folder of 'initlab sweep'")
    .option('--out <file>', 'the HTML file to write (default: DIR/report.html)')
    .option('--no-boundaries', "skip the decision boundaries (drawn from the sweep's stored parameters; a run without them is trained again)")
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
    .option('--json', 'print {qStar, chi1, cStar, chiC, xiQ, xiC} as JSON (Infinity and NaN as strings, explained in notes); with --phase-diagram, phase-diagram.json')
    .option('--phase-diagram', 'the (σ_w², σ_b²) plane instead of one point: ξ_c as a heat map with the χ₁ = 1 line (tanh or erf; needs --out)')
    .option('--out <dir>', 'with --phase-diagram: write phase-diagram.json, phase-diagram.svg and phase-diagram.png there')
    .option('--sigma-w2-range <lo,hi>', 'with --phase-diagram: σ_w² range (default: 0.5,4 for tanh, 0.25,3 for erf)')
    .option('--sigma-b2-range <lo,hi>', 'with --phase-diagram: σ_b² range (default: 0,0.3)')
    .option('--grid <NWxNB>', 'with --phase-diagram: cells along σ_w² and σ_b² (default: 70x30)')
    .action(theoryCommand);

  // The run settings among trainability's flags: src/cli/commandSettings.ts.
  addSettingOptions(
    program
      .command('trainability')
      .description(
        'train a grid of depth × σ_w² (weights N(0, σ_w²/fan_in), biases N(0, σ_b²)) or depth × initializer and draw the final accuracy ' +
          "as a heat map under mean-field theory's 6ξ_c line (Schoenholz et al. 2017); the folder is a sweep: re-running resumes",
      )
      .option('--width <n>', 'units per hidden layer (default: 32)')
      .option('--depth <list>', 'numbers of hidden layers, the y axis (default: 2,4,8,12,16,24,32,48)')
      .option('--sigma-w2 <list>', 'σ_w² values, the x axis (default: 0.25,0.5,1,1.5,2,3,6,12,24)')
      .option('--sigma-b2 <number>', 'bias variance σ_b² of every run (default: 0.05, as in Schoenholz et al.)')
      .option('--inits <specs>', "initializer specs as the x axis instead of σ_w², e.g. 'xavier,he,torch:linear_default' (markers at each one's 6ξ_c)"),
    TRAINABILITY_SETTINGS,
    { defaults: trainabilityDefaultsAsConfig() },
  )
    .option('--seeds <n|list>', 'init seeds per cell: a count n (seeds 0 … n−1) or a list such as 3,7,11; the heat map shows their mean (default: 1)')
    .option('--seed <n>', 'one init seed per cell instead of --seeds (default: 0)')
    .option('--metric <which>', "accuracy drawn: 'train' (trainability) or 'test' (default: train)")
    .option('--out <dir>', 'the sweep folder, also holding trainability.json, .svg and .png (default: trainability-out)')
    .option('--workers <n>', 'worker threads (default: the number of cores)')
    .option('--json', 'print the trainability document (JSON) instead of the table')
    .option('--wide', WIDE_HELP)
    .action(trainabilityCommand);
  deprecatedAlias(program.commands.at(-1)!, '--depths <list>', '--depth');

  program
    .command('serve')
    .description('serve the initialization playground (the built web app, dist/web) on http://127.0.0.1 only, until Ctrl-C')
    .option('--port <n>', 'TCP port, 0 to 65535; 0 = any free port (default: 8080)')
    .addHelpText('after', "\nThe page is built by 'npm run build' (and so by 'npm ci'); 'npm run web' is the\ndevelopment server.")
    .action(serveCommand);

  program
    .command('figure')
    .description("write the playground's embeddable figure (panels only, autoplay) as one self-contained HTML file, DIR/initlab-figure.html")
    .option('--out <dir>', 'the folder to write initlab-figure.html into (required)')
    .option('--link <link>', "a playground link (or the part after '#') whose panels the figure shows (default: the article's experiment)")
    .addHelpText('after', "\nThe page is the built web app (dist/web): run 'npm run build' first.")
    .action(figureCommand);

  program
    .command('completion')
    .description('print a shell completion script for bash, zsh or fish (every command and flag)')
    .argument('<shell>', SHELLS.join(', '))
    .action((shell: string) => void process.stdout.write(completionScript(program, shell)));

  // Every command's help ends with its Examples (src/cli/examples.ts).
  for (const cmd of program.commands) cmd.addHelpText('after', examplesHelp(cmd.name()));
  return program;
}
