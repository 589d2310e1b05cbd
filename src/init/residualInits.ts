import { UsageError } from '../util/errors.js';
import { DE_2020, ZHANG_2019 } from './citations.js';
import { registerInitializer } from './registry.js';
import { resolveInit } from './spec.js';
import type { InitDescription, InitializerDefinition, ResolvedInit, ResolvedParams } from './types.js';

/*
 * Initializations of residual networks without normalization (issue 14, item 3). Both act on the
 * whole network, not on one tensor: every kernel is first drawn by a `base` initializer (default
 * torch:kaiming_normal, He et al. 2015 with PyTorch's fan rule), then
 *
 *   fixup     (Zhang, Dauphin & Ma 2019, §3 "Fixup initialization", rules 1–2) with L residual
 *             branches, a branch of m weight layers:
 *               the last layer of every branch and the classification (output) layer ← 0;
 *               the branch's other m − 1 weight layers × L^(−1/(2m−2)).
 *             With m = 1 only the zeroing applies (the exponent is undefined and no layer is left).
 *             (The paper's rule 3 — scalar multipliers and biases around every layer — is not added.)
 *   skipinit  (De & Smith 2020, §4 "SkipInit") every residual block computes x + α·B(x) with a
 *             trainable scalar α = 0, so that each block starts as the identity.
 *
 * A network without residual blocks has nothing for either to act on: refused, with the reason.
 */

const BASE_PARAM = {
  name: 'base', type: 'string' as const, default: 'torch:kaiming_normal',
  doc: 'the initializer every kernel is first drawn with (any that fills conv and dense kernels)',
};

function networkOnly(name: string): never {
  throw new UsageError(`'${name}' initializes a residual network as a whole (network.layers with residual blocks), not one tensor from its shape: use it in a run config or a sweep.`);
}

function notes(name: string, lines: string[]): InitDescription {
  return { distribution: `the base initializer's, then ${name}'s changes`, targetStd: Number.NaN, actualStd: Number.NaN, notes: lines };
}

export const fixup: InitializerDefinition = {
  name: 'fixup',
  framework: 'initlab',
  summary: 'Zhang et al. 2019 (Fixup): zero the last layer of each residual branch and the output layer, scale the other branch layers by L^(−1/(2m−2)).',
  distribution: 'base initializer, rescaled per residual branch',
  formula: 'W_branch,last = 0, W_output = 0;  W_branch,i = L^(−1/(2m−2)) · W_base (i < m; L branches, m weight layers per branch)',
  reference: `${ZHANG_2019} (§3, rules 1–2)`,
  parameters: [BASE_PARAM],
  label: (p: ResolvedParams) => `fixup (${String(p['base'])})`,
  expectedStd: () => Number.NaN,
  fill: () => networkOnly('fixup'),
  // Any kernel shape `explain` is asked about (PyTorch's layout and fans): the rule acts on the network.
  ranks: [2, 5],
  describe: () => notes('Fixup', [
    'a network-level rule: needs network.layers with residual blocks',
    'L = number of residual branches, m = weight layers (conv2d/dense) in a branch',
    'm = 1: only the zeroing applies (L^(−1/(2m−2)) is undefined and no other layer is left to scale)',
    "the paper's scalar multipliers and biases (rule 3) are not added",
  ]),
  family: 'fixup',
};

export const skipinit: InitializerDefinition = {
  name: 'skipinit',
  framework: 'initlab',
  summary: 'De & Smith 2020 (SkipInit): a trainable scalar α = 0 on every residual branch, y = f(x + α·B(x)); kernels from the base initializer.',
  distribution: 'base initializer, plus α = 0 per residual block',
  formula: 'y = f(x + α·B(x)),  α = 0 (trainable, one per block);  W ~ base',
  reference: `${DE_2020} (§4)`,
  parameters: [BASE_PARAM],
  label: (p: ResolvedParams) => `skipinit (${String(p['base'])})`,
  expectedStd: () => Number.NaN,
  fill: () => networkOnly('skipinit'),
  ranks: [2, 5],
  describe: () => notes('SkipInit', [
    'a network-level rule: needs network.layers with residual blocks',
    'α is a parameter like a bias (no L2 decay) and is trained with the rest',
  ]),
  family: 'skipinit',
};

/** How a layer network is initialized under `init`: which initializer draws the kernels, and what Fixup/SkipInit add. */
export interface LayerInitPlan {
  /** The initializer the kernels are drawn with (the base of fixup/skipinit, else `init` itself). */
  draw: ResolvedInit;
  fixup: boolean;
  skipInit: boolean;
}

/** Resolves fixup/skipinit to their base; refuses them on a network with no residual blocks. */
export function layerInitPlan(init: ResolvedInit, residualBlocks: number): LayerInitPlan {
  const name = init.definition.name;
  if (name !== fixup.name && name !== skipinit.name) return { draw: init, fixup: false, skipInit: false };
  if (residualBlocks === 0) {
    throw new UsageError(`'${name}' acts on residual branches, and this network has none: add { type: residual, layers: [...] } blocks to network.layers, or use '${String(init.params['base'])}' alone.`);
  }
  const base = String(init.params['base']);
  const draw = resolveInit(base, `init.base of ${name}`);
  if (draw.definition.name === fixup.name || draw.definition.name === skipinit.name) throw new UsageError(`init.base of ${name}: '${base}' is itself a residual rule; name a kernel initializer such as torch:kaiming_normal.`);
  return { draw, fixup: name === fixup.name, skipInit: name === skipinit.name };
}

/** Fixup's factor for a branch of m weight layers in a network of L branches: L^(−1/(2m−2)) (m ≥ 2). */
export function fixupScale(L: number, m: number): number {
  if (m < 2) throw new RangeError(`Fixup scales branches of m ≥ 2 weight layers, got m = ${m}`);
  return L ** (-1 / (2 * m - 2));
}

let registered = false;
export function registerResidualInitializers(): void {
  if (registered) return;
  registered = true;
  registerInitializer(fixup);
  registerInitializer(skipinit);
}
