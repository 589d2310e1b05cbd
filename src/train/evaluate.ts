import type { FloatArray } from '../core/dtype.js';
import type { Dataset } from '../data/types.js';
import { headCorrect, headLoss, squaredError } from '../nn/losses.js';
import type { OutputHead } from '../core/runConfig.js';
import type { Workspace } from '../nn/network.js';

/** What the evaluator needs of a workspace: its batch size, input buffer and loss scratch. */
export interface BatchWorkspace {
  readonly m: number;
  readonly input: FloatArray;
  readonly scratch: Float64Array;
}

/** A network the evaluator can run: DenseNetwork, or a LayerNetwork (src/nn/layers). */
export interface EvaluatedNetwork<W extends BatchWorkspace> {
  readonly output: OutputHead;
  readonly nOutputs: number;
  /** The most samples one evaluation pass may hold, when fewer than EVAL_CHUNK (a conv net's activations are large). */
  readonly evalChunk?: number;
  createWorkspace(m: number, training?: boolean): W;
  forward(x: FloatArray, ws: W): FloatArray;
}

/** Largest number of samples evaluated in one forward pass (bounds the evaluation buffers). */
export const EVAL_CHUNK = 4096;

/** What an evaluation's accuracy column holds: classification accuracy, or R² for regression. */
export type AccuracyKind = 'accuracy' | 'r2';

/**
 * Loss and accuracy of a network on a whole data set, in chunks of at most EVAL_CHUNK samples with
 * buffers made once. The loss is the mean data loss (no L2 term). The accuracy is the fraction of
 * correctly classified samples, or for `r2` the coefficient of determination
 * R² = 1 − Σ(z − y)² / Σ(y − ȳ)² (sklearn's r2_score: 1 for a perfect fit of constant targets, else 0
 * when Σ(y − ȳ)² = 0). An empty data set gives NaN for both.
 */
export class Evaluator<W extends BatchWorkspace = Workspace> {
  private readonly chunk: number;
  private readonly ws: W | undefined;
  private readonly wsLast: W | undefined;
  private readonly yBuf: Float64Array;
  private readonly yLast: Float64Array;
  private readonly totalSquares: number;
  loss = NaN;
  accuracy = NaN;

  constructor(private readonly net: EvaluatedNetwork<W>, private readonly data: Dataset, private readonly kind: AccuracyKind) {
    const m = data.nSamples;
    this.chunk = Math.min(m, EVAL_CHUNK, net.evalChunk ?? EVAL_CHUNK);
    const last = m - Math.max(0, Math.ceil(m / this.chunk) - 1) * this.chunk;
    this.ws = m > 0 ? net.createWorkspace(this.chunk, false) : undefined;
    this.wsLast = m > 0 ? (last === this.chunk ? this.ws : net.createWorkspace(last, false)) : undefined;
    this.yBuf = m > this.chunk ? new Float64Array(this.chunk) : data.y;
    this.yLast = m > this.chunk && last !== this.chunk ? new Float64Array(last) : this.yBuf;
    let mean = 0;
    for (let s = 0; s < m; s++) mean += data.y[s]!;
    mean /= m;
    let ss = 0;
    for (let s = 0; s < m; s++) ss += (data.y[s]! - mean) ** 2;
    this.totalSquares = ss;
  }

  /** Evaluates the network's current parameters; results in `loss` and `accuracy`. */
  run(): void {
    const { net, data } = this;
    const m = data.nSamples;
    if (m === 0 || !this.ws || !this.wsLast) {
      this.loss = NaN;
      this.accuracy = NaN;
      return;
    }
    const nOut = net.nOutputs;
    let lossSum = 0;
    let hits = 0;
    for (let start = 0; start < m; start += this.chunk) {
      const size = Math.min(this.chunk, m - start);
      const ws = size === this.chunk ? this.ws : this.wsLast;
      let x: FloatArray = data.x;
      let y = data.y;
      if (size !== m) {
        // The chunk's columns go straight into the network's input buffer (its memory and format),
        // so forward() copies nothing more. One set() per feature row: an element loop writing into
        // the wasm memory's view ran ~2.5 ns an element (50 ms of W2's 1.5 s); the row views are
        // the only allocation.
        x = ws.input;
        y = size === this.chunk ? this.yBuf : this.yLast;
        for (let f = 0; f < data.nFeatures; f++) x.set(data.x.subarray(f * m + start, f * m + start + size), f * size);
        for (let j = 0; j < size; j++) y[j] = data.y[start + j]!;
      }
      const z = net.forward(x, ws);
      lossSum += headLoss(net.output, z, y, nOut, size, ws.scratch) * size;
      hits += this.kind === 'r2' ? squaredError(z, y, size) : headCorrect(net.output, z, y, nOut, size);
    }
    this.loss = lossSum / m;
    if (this.kind === 'accuracy') this.accuracy = hits / m;
    else if (this.totalSquares === 0) this.accuracy = hits === 0 ? 1 : 0;
    else this.accuracy = 1 - hits / this.totalSquares;
  }
}
