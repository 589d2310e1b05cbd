import Table from 'cli-table3';
import { diagnose, type Diagnosis } from '../diagnostics/diagnose.js';
import type { Activation } from '../experiments/runTypes.js';
import { registerAllInitializers } from '../init/frameworks/index.js';
import { parseInitList } from '../init/spec.js';
import { stringifyResults } from '../experiments/resultsDocument.js';
import { UsageError } from '../util/errors.js';

export interface DiagnoseFlags {
  width?: string;
  depth?: string;
  hidden?: string;
  inputDim?: string;
  activation?: string;
  inits?: string;
  batch?: string;
  seed?: string;
  json?: boolean;
}

const ACTIVATIONS: readonly Activation[] = ['relu', 'leaky_relu', 'elu', 'selu', 'gelu', 'tanh', 'sigmoid', 'softplus', 'linear'];

function whole(flag: string, text: string, min: number): number {
  if (!/^\d+$/.test(text.trim()) || Number(text) < min) throw new UsageError(`${flag}: expected a whole number ≥ ${min}, got '${text}'.`);
  return Number(text);
}

function hiddenFrom(flags: DiagnoseFlags): number[] {
  if (flags.hidden !== undefined) {
    if (flags.width !== undefined || flags.depth !== undefined) throw new UsageError('--hidden cannot be combined with --width/--depth: give one or the other.');
    return flags.hidden.split(',').map((w) => whole('--hidden', w, 1));
  }
  const width = whole('--width', flags.width ?? '512', 1);
  const depth = whole('--depth', flags.depth ?? '10', 1);
  return Array.from({ length: depth }, () => width);
}

const g = (x: number | null, digits = 4) => (x === null ? '—' : Number.isFinite(x) ? Number(x.toPrecision(digits)).toString() : String(x));

function formatDiagnosis(d: Diagnosis): string {
  const table = new Table({ head: ['layer', 'pre std', 'predicted √q', 'post std', 'grad std', 'dead', 'saturated'], style: { head: [], border: [] } });
  for (const l of d.layers) {
    table.push([String(l.layer), g(l.preStd), g(l.predictedPreVar === null ? null : Math.sqrt(l.predictedPreVar)), g(l.postStd), g(l.gradStd),
      `${g(100 * l.deadFraction, 3)}%`, l.saturatedFraction === null ? '—' : `${g(100 * l.saturatedFraction, 3)}%`]);
  }
  const verdicts = d.verdicts.length > 0 ? d.verdicts.map((v) => `  ${v.kind}: ${v.message}`) : ['  no problem detected'];
  return [`${Object.entries(d.init).map(([k, v]) => (k === 'name' ? v : `${k}=${String(v)}`)).join(':')}`, table.toString(), ...verdicts].join('\n');
}

/**
 * `initlab diagnose`: each init's per-layer forward/backward statistics on a batch of standard-normal
 * inputs, the theory's predicted pre-activation variance beside the measured std, and verdicts.
 */
export function diagnoseCommand(flags: DiagnoseFlags): void {
  registerAllInitializers();
  const hidden = hiddenFrom(flags);
  const activation = (flags.activation ?? 'tanh') as Activation;
  if (!ACTIVATIONS.includes(activation)) throw new UsageError(`--activation: expected one of ${ACTIVATIONS.join(', ')}, got '${flags.activation}'.`);
  const options = {
    hidden,
    inputDim: flags.inputDim !== undefined ? whole('--input-dim', flags.inputDim, 1) : hidden[0]!,
    activation,
    batch: whole('--batch', flags.batch ?? '1000', 1),
    seed: whole('--seed', flags.seed ?? '0', 0),
  };
  const specs = parseInitList(flags.inits ?? 'random:scale=0.01,random:scale=1,xavier,he');
  const runs = specs.map((spec) => diagnose(spec, options));
  if (flags.json) {
    process.stdout.write(stringifyResults({ config: { ...options, inits: runs.map((r) => r.init) }, runs }) + '\n');
    return;
  }
  process.stdout.write(`${hidden.length} hidden ${activation} layers [${hidden.join(', ')}], ${options.batch} N(0, 1) inputs of width ${options.inputDim}, seed ${options.seed}\n\n`);
  process.stdout.write(runs.map(formatDiagnosis).join('\n\n') + '\n');
}
