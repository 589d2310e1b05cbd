import type { Dataset } from '../data/types.js';
import { shuffleWith } from '../random/discrete.js';
import type { RandomStream } from '../random/types.js';

/*
 * Mini-batches of a feature-major data set. Each epoch draws a fresh permutation of 0…m−1 exactly as
 * numpy's legacy `RandomState.permutation(m)` does (shuffle of arange(m), Fisher–Yates from the end),
 * from the sampler's own stream, and cuts it into consecutive batches of `batchSize`; the last batch
 * of an epoch holds the m mod batchSize left over (it is not dropped). A batch size of 0 or ≥ m is
 * the full batch: no shuffling, the data set itself every time.
 * `next()` gathers into buffers made once (one per batch size), so it allocates nothing.
 */
/** From this many features on, mini-batches gather from a sample-major copy of the data. */
const WIDE = 16;

export class BatchSampler {
  readonly fullBatch: boolean;
  readonly batchSize: number;
  /** Batches per epoch: ⌈m / batchSize⌉. */
  readonly batchesPerEpoch: number;
  /** Size of the last batch of an epoch (batchSize when it divides m). */
  readonly lastBatchSize: number;
  /** The current batch after `next()`: x (nFeatures × size), y (size), size. */
  x: Float64Array;
  y: Float64Array;
  size: number;
  /** Epochs started so far. */
  epoch = 0;

  private readonly order: Uint32Array;
  private position = 0;
  private readonly xFull: Float64Array;
  private readonly yFull: Float64Array;
  private readonly xLast: Float64Array;
  private readonly yLast: Float64Array;
  /**
   * The training inputs sample-major (m × nFeatures), made once for mini-batches of wide data: a
   * batch then reads each sample's features from one contiguous row instead of nFeatures rows far
   * apart (for 784 features and 10,000 samples, the gather ran 10× faster). Same values, same order.
   */
  private readonly bySample: Float64Array | undefined;

  constructor(private readonly data: Dataset, batchSize: number, private readonly rng: RandomStream) {
    const m = data.nSamples;
    if (!Number.isInteger(batchSize) || batchSize < 0) throw new RangeError(`batch size must be a non-negative integer, got ${batchSize}`);
    this.fullBatch = batchSize === 0 || batchSize >= m;
    this.batchSize = this.fullBatch ? m : batchSize;
    this.batchesPerEpoch = this.fullBatch ? 1 : Math.ceil(m / batchSize);
    this.lastBatchSize = m - (this.batchesPerEpoch - 1) * this.batchSize;
    this.order = new Uint32Array(this.fullBatch ? 0 : m);
    if (this.fullBatch) {
      this.xFull = this.xLast = data.x;
      this.yFull = this.yLast = data.y;
    } else {
      const f = data.nFeatures;
      this.xFull = new Float64Array(f * this.batchSize);
      this.yFull = new Float64Array(this.batchSize);
      this.xLast = this.lastBatchSize === this.batchSize ? this.xFull : new Float64Array(f * this.lastBatchSize);
      this.yLast = this.lastBatchSize === this.batchSize ? this.yFull : new Float64Array(this.lastBatchSize);
    }
    this.x = this.xFull;
    this.y = this.yFull;
    this.size = this.batchSize;
    const nf = data.nFeatures;
    if (!this.fullBatch && nf >= WIDE) {
      const t = new Float64Array(nf * m);
      for (let f = 0; f < nf; f++) {
        const row = f * m;
        for (let s = 0; s < m; s++) t[s * nf + f] = data.x[row + s]!;
      }
      this.bySample = t;
    }
  }

  /**
   * Where the sampler stands between batches — the position in the epoch, the epoch count and the
   * epoch's permutation — for a checkpoint; with the stream's own state (saved by its owner) it
   * continues exactly where it stopped.
   */
  saveState(): { position: number; epoch: number; order: Uint32Array } {
    return { position: this.position, epoch: this.epoch, order: this.order.slice() };
  }

  /** Restores `saveState()`'s result (on a sampler of the same data and batch size). */
  restoreState(state: { position: number; epoch: number; order: ArrayLike<number> }): void {
    const m = this.data.nSamples;
    if (state.order.length !== this.order.length || !Number.isInteger(state.position) || state.position < 0 || state.position >= Math.max(1, m)) {
      throw new RangeError(`sampler state does not fit this data (${m} samples, batch ${this.batchSize})`);
    }
    this.order.set(state.order);
    this.position = state.position;
    this.epoch = state.epoch;
  }

  /** Moves to the next batch (x, y, size). */
  next(): void {
    if (this.fullBatch) {
      if (this.position === 0) this.epoch++;
      return;
    }
    const m = this.data.nSamples;
    if (this.position === 0) {
      const order = this.order;
      for (let i = 0; i < m; i++) order[i] = i;
      shuffleWith(this.rng, order);
      this.epoch++;
    }
    const size = Math.min(this.batchSize, m - this.position);
    const x = size === this.batchSize ? this.xFull : this.xLast;
    const y = size === this.batchSize ? this.yFull : this.yLast;
    const src = this.data.x;
    const labels = this.data.y;
    const order = this.order;
    const start = this.position;
    for (let j = 0; j < size; j++) y[j] = labels[order[start + j]!]!;
    const nf = this.data.nFeatures;
    const t = this.bySample;
    if (t) {
      for (let j = 0; j < size; j++) {
        const from = order[start + j]! * nf;
        for (let f = 0; f < nf; f++) x[f * size + j] = t[from + f]!;
      }
    } else {
      for (let f = 0; f < nf; f++) {
        const row = f * m;
        const dst = f * size;
        for (let j = 0; j < size; j++) x[dst + j] = src[row + order[start + j]!]!;
      }
    }
    this.x = x;
    this.y = y;
    this.size = size;
    this.position = start + size === m ? 0 : start + size;
  }
}
