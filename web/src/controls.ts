import { DTYPES, type Dtype } from '../../src/core/dtype.js';
import { describeRange, type ParamSpec } from '../../src/data/params.js';
import type { Activation } from '../../src/core/runConfig.js';
import { ACTIVATIONS } from '../../src/nn/activations.js';
import { OPTIMIZER_NAMES, type OptimizerName } from '../../src/train/optimizers.js';
import { dataParamHints, type ParamHint } from './dataParamHints.js';
import { FEATURE_LABELS, FEATURE_NAMES } from './features.js';
import { neuronViewProblem } from './neurons.js';
import { TASKS } from './regressionVariant.js';
import { CUSTOM_DATA, dataInfo, dataParams, GENERATOR_NAMES, isRegressionSet, type HistogramView, type PlaygroundState } from './state.js';
import { MAX_LAYERS, MAX_WIDTH, parseBatchSize, parseHidden, parseIterations, parseL2, parseLearningRate, parseSeed } from './url.js';

/*
 * The control column (issue 6 §4): every control is a labelled native form element (keyboard
 * operable as is), rebuilt from the state after each change with the focus put back. A change
 * is applied on 'change' (Enter or leaving the field); a refused value shows its one-line reason
 * next to the field and changes nothing.
 */

export type Action = 'play' | 'step' | 'reset' | 'new-weights' | 'preset' | 'export-json' | 'download-csv' | 'add-panel';

export interface ControlsContext {
  state: PlaygroundState;
  playing: boolean;
  /** Hand-placed or uploaded points are in use. */
  customData: boolean;
  /** The class a click on a heat map adds, or null (clicks add nothing). */
  clickClass: number | null;
  /** The points the panels train on now (generated, uploaded or hand-placed). */
  dataSummary: { train: number; test: number; nClasses: number; regression: boolean };
  stepSize: number;
  /** Applies a new state; `retrain` = the panels start over. */
  change(next: PlaygroundState, retrain: boolean): void;
  action(a: Action, arg?: string): void;
  upload(file: File): void;
  setClickClass(c: number | null): void;
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, text?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  if (text !== undefined) e.textContent = text;
  return e;
}

function clone(s: PlaygroundState): PlaygroundState {
  return structuredClone(s);
}

/** A labelled field whose parse errors show beside it. */
function field(id: string, label: string, input: HTMLInputElement | HTMLSelectElement, help?: string): { wrap: HTMLElement; error: HTMLElement } {
  const wrap = el('div', { class: 'field' });
  input.id = id;
  const l = el('label', { for: id }, label);
  if (help) l.title = help;
  const error = el('div', { class: 'field-error', role: 'alert', id: `${id}-error` });
  input.setAttribute('aria-describedby', `${id}-error`);
  wrap.append(l, input, error);
  return { wrap, error };
}

function select(options: readonly string[], value: string, testid: string): HTMLSelectElement {
  const s = el('select', { 'data-testid': testid });
  for (const o of options) s.append(el('option', { value: o }, o));
  s.value = value;
  return s;
}

function textInput(value: string, testid: string, type = 'text'): HTMLInputElement {
  return el('input', { type, value, 'data-testid': testid, spellcheck: 'false', autocomplete: 'off' });
}

/** Binds a text field to a parser; on success `apply` gets the value. */
function bind<T>(input: HTMLInputElement, error: HTMLElement, parse: (t: string) => T, apply: (v: T) => void): void {
  input.addEventListener('change', () => {
    try {
      const v = parse(input.value.trim());
      error.textContent = '';
      input.setAttribute('aria-invalid', 'false');
      apply(v);
    } catch (err) {
      error.textContent = err instanceof Error ? err.message : String(err);
      input.setAttribute('aria-invalid', 'true');
    }
  });
}

function paramValueText(v: unknown): string {
  return Array.isArray(v) ? v.join(',') : String(v);
}

function dataSection(ctx: ControlsContext): HTMLElement {
  const { state } = ctx;
  const box = el('fieldset', { class: 'group' });
  box.append(el('legend', {}, 'Data'));
  const names = ctx.customData ? [...GENERATOR_NAMES, CUSTOM_DATA] : GENERATOR_NAMES;
  const ds = select(names, ctx.customData ? CUSTOM_DATA : state.data.name, 'data-set');
  const f = field('ctl-data', 'data set', ds);
  ds.addEventListener('change', () => {
    if (ds.value === CUSTOM_DATA) return;
    const next = clone(state);
    next.data = { name: ds.value, seed: state.data.seed, params: dataParams(ds.value) };
    ctx.change(next, true);
  });
  box.append(f.wrap, problemField(ctx));
  const seed = textInput(String(state.data.seed), 'data-seed');
  const fs = field('ctl-data-seed', 'data seed', seed, 'the data stream (points and train/test split); separate from the weight seed');
  bind(seed, fs.error, (t) => parseSeed(t, 'data seed'), (v) => {
    const next = clone(state);
    next.data.seed = v;
    ctx.change(next, true);
  });
  box.append(fs.wrap);
  if (!ctx.customData) {
    const hints = dataParamHints(state.data.name, state.data.params);
    for (const p of dataInfo(state.data.name).params) box.append(paramField(ctx, p, hints[p.name]));
  } else {
    box.append(el('p', { class: 'note', 'data-testid': 'custom-note' }, 'Hand-placed or uploaded points cannot be put in a link: download them as CSV to share them with the link.'));
  }
  const { train, test, nClasses, regression } = ctx.dataSummary;
  box.append(el('p', { class: 'note data-count', 'data-testid': 'data-count', 'data-train': String(train), 'data-test': String(test), 'data-classes': String(nClasses), 'data-task': regression ? 'regression' : 'classification' }, `${train} training + ${test} test points, ${regression ? 'regression (linear head, R²)' : `${nClasses} classes`}`));
  if (regression) {
    // Hand-placed points carry a class; a regression set has values, so clicks add nothing here.
    box.append(el('p', { class: 'note' }, 'Values: −1 orange … +1 blue.'));
  } else {
    // Every class of the data can be placed by hand, not only 0 and 1 (blobs and spiral have k classes).
    const classes = Array.from({ length: Math.max(2, nClasses) }, (_, c) => `class ${c}`);
    const click = select(['off', ...classes], ctx.clickClass === null ? 'off' : `class ${ctx.clickClass}`, 'click-class');
    const fc = field('ctl-click', 'click on a heat map adds', click, 'a training point of this class where you click');
    click.addEventListener('change', () => ctx.setClickClass(click.value === 'off' ? null : Number(click.value.slice(6))));
    box.append(fc.wrap);
  }
  const upload = el('input', { type: 'file', accept: '.csv,text/csv', 'data-testid': 'upload' });
  const fu = field('ctl-upload', 'upload CSV (x0,x1,label[,split])', upload);
  upload.addEventListener('change', () => {
    const file = upload.files?.[0];
    if (file) ctx.upload(file);
  });
  box.append(fu.wrap);
  const csv = el('button', { type: 'button', 'data-testid': 'download-csv' }, 'download data as CSV');
  csv.addEventListener('click', () => ctx.action('download-csv'));
  box.append(csv);
  return box;
}

/** Classification or the set's regression variant (regressionVariant.ts); plane and gaussian are regression only. */
function problemField(ctx: ControlsContext): HTMLElement {
  const { state } = ctx;
  const fixed = !ctx.customData && isRegressionSet(state.data.name);
  const problem = select(TASKS, fixed ? 'regression' : state.task, 'problem');
  problem.disabled = fixed;
  const f = field('ctl-problem', 'problem', problem, 'regression: the class label as a target on [−1, 1], fitted by the linear head (MSE); R² is shown');
  problem.addEventListener('change', () => {
    const next = clone(state);
    next.task = problem.value === 'regression' ? 'regression' : 'classification';
    ctx.change(next, true);
  });
  const id = 'ctl-problem-hint';
  const text = fixed
    ? `${state.data.name} is a regression set (TF Playground's): its values are the targets.`
    : 'regression: target 2c/(k−1) − 1 for class c of k (±1 for two classes), linear head, MSE, R².';
  f.wrap.append(el('div', { class: 'field-hint', id, 'data-testid': 'problem-hint' }, text));
  problem.setAttribute('aria-describedby', `${problem.getAttribute('aria-describedby') ?? ''} ${id}`.trim());
  return f.wrap;
}

function paramField(ctx: ControlsContext, p: ParamSpec, hint?: ParamHint): HTMLElement {
  const { state } = ctx;
  const input = textInput(paramValueText(state.data.params[p.name]), `param-${p.name}`);
  const f = field(`ctl-param-${p.name}`, p.name, input, `${p.doc} (${describeRange(p)})`);
  if (hint) {
    // Disabled, not hidden: the value stays in the link, and the hint says how to make it count.
    input.disabled = hint.unused;
    const id = `ctl-param-${p.name}-hint`;
    f.wrap.append(el('div', { class: 'field-hint', id, 'data-testid': `hint-${p.name}` }, hint.text));
    input.setAttribute('aria-describedby', `${input.getAttribute('aria-describedby') ?? ''} ${id}`.trim());
  }
  bind(
    input,
    f.error,
    (t) => dataParams(state.data.name, { ...Object.fromEntries(Object.entries(state.data.params).map(([k, v]) => [k, paramValueText(v)])), [p.name]: t }),
    (params) => {
      const next = clone(state);
      next.data.params = params;
      ctx.change(next, true);
    },
  );
  return f.wrap;
}

/** A checkbox with its label on one row. */
function check(id: string, label: string, checked: boolean, testid: string, onChange: (on: boolean) => void, title?: string): { row: HTMLElement; box: HTMLInputElement } {
  const row = el('div', { class: 'check-row' });
  const box = el('input', { type: 'checkbox', id, 'data-testid': testid });
  box.checked = checked;
  const l = el('label', { for: id }, label);
  if (title) l.title = title;
  box.addEventListener('change', () => onChange(box.checked));
  row.append(box, l);
  return { row, box };
}

/** TF Playground's input features: which functions of (x, y) the network sees. */
function featuresSection(ctx: ControlsContext): HTMLElement {
  const { state } = ctx;
  const box = el('fieldset', { class: 'group' });
  box.append(el('legend', {}, 'Input features'));
  const grid = el('div', { class: 'feature-grid' });
  const error = el('div', { class: 'field-error', role: 'alert', 'data-testid': 'features-error' });
  for (const f of FEATURE_NAMES) {
    const c = check(`ctl-feature-${f}`, FEATURE_LABELS[f], state.features.includes(f), `feature-${f}`, (on) => {
      const next = clone(state);
      next.features = FEATURE_NAMES.filter((g) => (g === f ? on : state.features.includes(g)));
      if (next.features.length === 0) {
        c.box.checked = true;
        error.textContent = 'the network needs at least one input feature.';
        return;
      }
      ctx.change(next, true);
    });
    grid.append(c.row);
  }
  box.append(grid, error);
  return box;
}

function networkSection(ctx: ControlsContext): HTMLElement {
  const { state } = ctx;
  const box = el('fieldset', { class: 'group' });
  box.append(el('legend', {}, 'Network'));
  const hidden = textInput(state.hidden.join(','), 'hidden');
  const fh = field('ctl-hidden', 'hidden layers (widths)', hidden, `comma-separated widths, 1 to ${MAX_WIDTH}, at most ${MAX_LAYERS} layers`);
  bind(hidden, fh.error, parseHidden, (v) => {
    const next = clone(state);
    next.hidden = v;
    ctx.change(next, true);
  });
  const row = el('div', { class: 'button-row' });
  const add = el('button', { type: 'button', 'data-testid': 'add-layer' }, '+ layer');
  const remove = el('button', { type: 'button', 'data-testid': 'remove-layer' }, '− layer');
  add.disabled = state.hidden.length >= MAX_LAYERS;
  remove.disabled = state.hidden.length === 0;
  add.addEventListener('click', () => {
    const next = clone(state);
    next.hidden.push(next.hidden[next.hidden.length - 1] ?? 4);
    ctx.change(next, true);
  });
  remove.addEventListener('click', () => {
    const next = clone(state);
    next.hidden.pop();
    ctx.change(next, true);
  });
  row.append(add, remove);
  const act = select(ACTIVATIONS, state.activation, 'activation');
  const fa = field('ctl-activation', 'activation', act);
  act.addEventListener('change', () => {
    const next = clone(state);
    next.activation = act.value as Activation;
    ctx.change(next, true);
  });
  box.append(fh.wrap, row, fa.wrap);
  return box;
}

function trainingSection(ctx: ControlsContext): HTMLElement {
  const { state } = ctx;
  const box = el('fieldset', { class: 'group' });
  box.append(el('legend', {}, 'Training'));
  const opt = select(OPTIMIZER_NAMES, state.optimizer, 'optimizer');
  const fo = field('ctl-optimizer', 'optimizer', opt);
  opt.addEventListener('change', () => {
    const next = clone(state);
    next.optimizer = opt.value as OptimizerName;
    ctx.change(next, true);
  });
  const dt = select(DTYPES, state.dtype, 'dtype');
  const fd = field('ctl-dtype', 'dtype', dt, 'float64 reproduces the notebook exactly; float32 trains as frameworks do by default');
  dt.addEventListener('change', () => {
    const next = clone(state);
    next.dtype = dt.value as Dtype;
    ctx.change(next, true);
  });
  box.append(fo.wrap, fd.wrap);
  const numeric = <T>(id: string, label: string, value: string, testid: string, parse: (t: string) => T, apply: (s: PlaygroundState, v: T) => void, help?: string): void => {
    const input = textInput(value, testid);
    const f = field(id, label, input, help);
    bind(input, f.error, parse, (v) => {
      const next = clone(state);
      apply(next, v);
      ctx.change(next, true);
    });
    box.append(f.wrap);
  };
  numeric('ctl-lr', 'learning rate', String(state.learningRate), 'learning-rate', parseLearningRate, (s, v) => (s.learningRate = v));
  numeric('ctl-batch', 'batch size (0 = full batch)', String(state.batchSize), 'batch-size', parseBatchSize, (s, v) => (s.batchSize = v));
  numeric('ctl-iters', 'iterations (updates)', String(state.iterations), 'iterations', parseIterations, (s, v) => (s.iterations = v));
  // Regularization as TF Playground offers it: one kind at a time with its rate, the engine's
  // training.l2 (λ/2·‖W‖², gradient λ·W) or training.l1 (λ·Σ|W|, subgradient λ·sign(W)).
  const reg = el('select', { 'data-testid': 'regularization' });
  reg.append(el('option', { value: 'none' }, 'none'), el('option', { value: 'l2' }, 'L2 (weight decay)'), el('option', { value: 'l1' }, 'L1'));
  reg.value = state.l2 > 0 ? 'l2' : state.l1 > 0 ? 'l1' : 'none';
  const fr = field('ctl-reg', 'regularization', reg, 'L2: λ/2·‖W‖² added to the loss, gradient λ·W; L1: λ·Σ|W|, gradient λ·sign(W) (biases excluded)');
  box.append(fr.wrap);
  const current = state.l2 > 0 ? state.l2 : state.l1;
  const rate = textInput(String(current > 0 ? current : 0.001), 'reg-rate');
  rate.disabled = current === 0;
  const frr = field('ctl-reg-rate', 'regularization rate λ', rate);
  reg.addEventListener('change', () => {
    const next = clone(state);
    let r = 0.001;
    try {
      r = parseL2(rate.value.trim()) || 0.001;
    } catch {
      // A bad rate in the (disabled) field: the default rate.
    }
    next.l2 = reg.value === 'l2' ? r : 0;
    next.l1 = reg.value === 'l1' ? r : 0;
    ctx.change(next, true);
  });
  bind(rate, frr.error, parseL2, (v) => {
    const next = clone(state);
    if (state.l1 > 0) next.l1 = v;
    else next.l2 = v;
    ctx.change(next, true);
  });
  box.append(frr.wrap);
  numeric('ctl-wseed', 'weight seed', String(state.weightSeed), 'weight-seed', (t) => parseSeed(t, 'weight seed'), (s, v) => (s.weightSeed = v), 'the initializers\' numpy stream; shared by the panels that do not set their own');
  return box;
}

function viewSection(ctx: ControlsContext): HTMLElement {
  const { state } = ctx;
  const box = el('fieldset', { class: 'group' });
  box.append(el('legend', {}, 'Inside the network'));
  const hist = select(['off', 'activations', 'gradients'], state.histograms, 'histograms');
  const f = field('ctl-hist', 'per-layer histograms', hist, 'activations A_l or gradients ∂L/∂Z_l of every hidden layer, over the training set');
  hist.addEventListener('change', () => {
    const next = clone(state);
    next.histograms = hist.value as HistogramView;
    ctx.change(next, false);
  });
  box.append(f.wrap);
  box.append(neuronsToggle(ctx));
  const view = (key: 'discretize' | 'showTest', id: string, label: string, testid: string, title: string): void => {
    const c = check(id, label, state[key], testid, (on) => {
      const next = clone(state);
      next[key] = on;
      ctx.change(next, false);
    }, title);
    box.append(el('div', { class: 'field check-field' }, undefined));
    box.lastElementChild!.append(c.row);
  };
  const g = check('ctl-graph', 'network graph', state.graph, 'graph', (on) => {
    const next = clone(state);
    next.graph = on;
    ctx.change(next, false);
  }, 'neurons as nodes, weights as links (colour = sign, width = |w|), with each layer\'s weight and gradient norms');
  box.append(el('div', { class: 'field check-field' }, undefined));
  box.lastElementChild!.append(g.row);
  view('discretize', 'ctl-discretize', 'discretize output', 'discretize', 'heat maps in full class colours (the most likely class), no shades');
  view('showTest', 'ctl-show-test', 'show test data', 'show-test', 'draw the test points (hollow rings) on the heat maps');
  const spec = textInput('xavier', 'new-panel-spec');
  spec.setAttribute('list', 'init-names');
  const fp = field('ctl-new-panel', 'add a panel (initializer spec)', spec, "any initializer of the registry with its parameters, e.g. 'random:scale=0.01' or 'torch:kaiming_normal:mode=fan_out'");
  const add = el('button', { type: 'button', 'data-testid': 'add-panel' }, 'add panel');
  add.addEventListener('click', () => ctx.action('add-panel', spec.value.trim()));
  box.append(fp.wrap, add);
  return box;
}

/** The per-neuron heat maps (neurons.ts): a view toggle, so it changes nothing in the runs. */
function neuronsToggle(ctx: ControlsContext): HTMLElement {
  const { state } = ctx;
  const wrap = el('div', { class: 'field check-field' });
  const box = el('input', { type: 'checkbox', id: 'ctl-neurons', 'data-testid': 'neurons', 'aria-describedby': 'ctl-neurons-hint' });
  box.checked = state.neurons;
  const label = el('label', { for: 'ctl-neurons', title: "every hidden unit's activation over the input plane, as TensorFlow Playground draws it" }, 'per-neuron heat maps');
  box.addEventListener('change', () => {
    const next = clone(state);
    next.neurons = box.checked;
    ctx.change(next, false);
  });
  const problem = neuronViewProblem(state.hidden);
  const hint = el('div', { class: 'field-hint', id: 'ctl-neurons-hint' }, problem ?? 'small nets: ≤ 16 units per hidden layer');
  const row = el('div', { class: 'check-row' });
  row.append(box, label);
  wrap.append(row, hint);
  return wrap;
}

function actionBar(ctx: ControlsContext): HTMLElement {
  const bar = el('div', { class: 'actions', role: 'toolbar', 'aria-label': 'training' });
  const b = (label: string, action: Action, testid: string, title: string): HTMLButtonElement => {
    const button = el('button', { type: 'button', 'data-testid': testid, title }, label);
    button.addEventListener('click', () => ctx.action(action));
    bar.append(button);
    return button;
  };
  const play = b(ctx.playing ? 'Pause' : 'Play', 'play', 'play', 'train all panels (space)');
  play.classList.add('primary');
  play.setAttribute('aria-pressed', String(ctx.playing));
  b(`Step +${ctx.stepSize}`, 'step', 'step', 'pause and do one step of updates');
  b('Reset', 'reset', 'reset', 'start over from the same initial weights');
  b('New weights', 'new-weights', 'new-weights', 'draw a new weight seed (the data stay)');
  b("The article's experiment", 'preset', 'preset', 'circles 300/100, [2,10,5,1] relu, GD lr 0.01, 15000 updates, seed 3: zeros, random×10, He');
  b('Export JSON', 'export-json', 'export-json', 'the current results with version, config and seeds');
  return bar;
}

/** Rebuilds the controls inside `container` from the context, keeping the focused control focused. */
export function renderControls(container: HTMLElement, actions: HTMLElement, ctx: ControlsContext): void {
  const focused = document.activeElement instanceof HTMLElement ? document.activeElement.id || document.activeElement.dataset.testid : undefined;
  actions.replaceChildren(actionBar(ctx));
  container.replaceChildren(dataSection(ctx), featuresSection(ctx), networkSection(ctx), trainingSection(ctx), viewSection(ctx));
  if (focused) {
    const again = document.getElementById(focused) ?? document.querySelector<HTMLElement>(`[data-testid="${focused}"]`);
    again?.focus();
  }
}
