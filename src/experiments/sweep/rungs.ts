import type { MetricPoint, RunConfig, RunRecord } from '../../core/runConfig.js';
import { UsageError } from '../../util/errors.js';
import { decideRung, pointAt, rungsFor, type EarlyStopSpec, type SweepMetric } from './earlyStop.js';
import type { PausedRun } from './runner.js';
import { readCheckpoint, removeCheckpoint, removeEmptyCheckpoints, stoppedRecord } from './runFiles.js';
import type { RunStore } from './store.js';

/*
 * A sweep with early termination, rung by rung (the rules: ./earlyStop.ts).
 *
 * Phase j trains every run still in the race up to rung j (or to its end, when it has fewer
 * updates), on the workers, in any order. A run that ends first (diverged, targetLoss, or its last
 * update) is recorded as usual; one that reaches the rung pauses there, its checkpoint in
 * DIR/checkpoints. When all have answered, the rung is decided from the values at the rung in spec
 * order: the stopped ones are recorded (`"status": "stopped", "stoppedAt": rung`) from their
 * checkpoints, the promoted ones go on in phase j + 1 from theirs. After the last rung the
 * remaining runs train to their end.
 *
 * What each run did is read back from the folder (runs.jsonl, then its checkpoint), so a sweep
 * resumed after a crash takes every decision again from the same values — the same decisions — and
 * trains only what is missing.
 */

/** The value of every rung where each run stands: its logged points and how far it got. */
interface Standing {
  /** Points logged so far (a record's metrics, or a checkpoint's points); empty before any training. */
  points: readonly MetricPoint[];
  /** Updates done: a checkpoint's iteration; for a record, where it ended. */
  reached: number;
  /** The run has a record (it ended, or was stopped). */
  record?: RunRecord;
}

export interface RungContext {
  dir: string;
  configs: readonly RunConfig[];
  ids: readonly string[];
  store: RunStore;
  pending: readonly RunConfig[];
  pendingIds: readonly string[];
  spec: EarlyStopSpec;
  metric: SweepMetric;
  train: (indices: readonly number[], until: (i: number) => number | undefined, onAnswer: (i: number, answer: RunRecord | PausedRun) => void) => Promise<void>;
  /** Appends a finished run's record (pending index). */
  accept: (i: number, answer: RunRecord) => void;
}

/**
 * Trains every pending run to its end, or through the rungs of `earlyStop` when given, and then
 * removes an empty checkpoints folder: the part the local sweep (../run.ts) and the queue's
 * coordinator (./queue/coordinator.ts) share, each with its own `train` and `accept`.
 */
export async function trainPending(
  ctx: Omit<RungContext, 'spec' | 'metric'> & { earlyStop?: { spec: EarlyStopSpec; metric: SweepMetric } | undefined },
): Promise<void> {
  const { dir, pendingIds, earlyStop, train } = ctx;
  const finished = (i: number, answer: RunRecord | PausedRun): void => {
    if ('pausedAt' in answer) throw new Error(`run ${pendingIds[i]} paused at ${answer.pausedAt} with no rung there`);
    ctx.accept(i, answer);
    removeCheckpoint(dir, pendingIds[i]!);
  };
  if (earlyStop) await runRungs({ ...ctx, ...earlyStop, accept: finished });
  else await train(ctx.pending.map((_, i) => i), () => undefined, finished);
  removeEmptyCheckpoints(dir);
}

/** Where a record's run ended, in updates. */
function endOf(record: RunRecord): number {
  if (record.status === 'stopped') return record.stoppedAt ?? record.final.iteration;
  if (record.status === 'diverged') return record.divergedAt ?? record.final.iteration;
  return record.final.iteration;
}

/**
 * Refuses rungs that some run would not log at: every rung below a run's iterations must be a
 * multiple of its logEvery (the metric at the rung is the logged point there).
 */
export function checkRungs(spec: EarlyStopSpec, configs: readonly RunConfig[], where: string): void {
  for (const c of configs) {
    for (const r of rungsFor(spec, c.training.iterations)) {
      if (r % c.training.logEvery !== 0) {
        throw new UsageError(`${where}: rung ${r} (min_iter ${spec.min_iter} · eta^k) is not a multiple of training.logEvery ${c.training.logEvery}, so no metric is logged there; make min_iter a multiple of logEvery`);
      }
    }
  }
}

export async function runRungs(ctx: RungContext): Promise<void> {
  const { configs, ids, spec, metric, store, dir } = ctx;
  const pendingIndex = new Map(ctx.pendingIds.map((id, i) => [id, i]));
  const specIndex = new Map(ids.map((id, n) => [id, n]));
  const maxIterations = Math.max(...configs.map((c) => c.training.iterations));
  const rungs = rungsFor(spec, maxIterations);

  const standing = (n: number): Standing => {
    const id = ids[n]!;
    const record = store.records.find((r) => r.id === id);
    if (record) return { points: record.metrics, reached: endOf(record), record };
    const checkpoint = readCheckpoint(dir, id);
    if (checkpoint) return { points: checkpoint.points, reached: checkpoint.iteration };
    return { points: [], reached: 0 };
  };

  // Every run, in spec order, starts in the race.
  let alive = configs.map((_, n) => n);
  for (let j = 0; j <= rungs.length && alive.length > 0; j++) {
    const rung = rungs[j];
    // A run takes part in rung j when the rung lies below its last update.
    const atRung = (n: number) => rung !== undefined && rung < configs[n]!.training.iterations;
    const toTrain = alive.filter((n) => {
      const s = standing(n);
      return s.record === undefined && (!atRung(n) || s.reached < rung!);
    });
    await ctx.train(
      toTrain.map((n) => pendingIndex.get(ids[n]!)!),
      (i) => (atRung(specIndex.get(ctx.pendingIds[i]!)!) ? rung : undefined),
      (i, answer) => {
        if ('pausedAt' in answer) {
          if (answer.pausedAt !== rung) throw new Error(`run ${answer.id} paused at ${answer.pausedAt}, not at rung ${rung}`);
          return;
        }
        ctx.accept(i, answer);
      },
    );
    if (rung === undefined) break;

    // The rung's decision: every run that reported there, in spec order.
    const reporters: number[] = [];
    const values: number[] = [];
    for (const n of alive) {
      if (!atRung(n)) continue;
      const s = standing(n);
      // A run that ended at or before the rung did not report (a stopped one reported at its rung).
      const reported = s.record === undefined ? s.reached >= rung : s.record.status === 'stopped' ? s.reached >= rung : s.reached > rung;
      const point = pointAt(s.points, rung);
      if (!reported || point === undefined) continue;
      reporters.push(n);
      values.push(point[metric.name]);
    }
    const go = decideRung(spec, metric, values);
    const next = new Set<number>();
    reporters.forEach((n, k) => {
      if (go[k]) {
        next.add(n);
        return;
      }
      const id = ids[n]!;
      if (store.has(id)) return;
      const checkpoint = readCheckpoint(dir, id);
      if (!checkpoint) throw new Error(`run ${id} reported at rung ${rung} but has no checkpoint`);
      ctx.accept(pendingIndex.get(id)!, stoppedRecord(id, configs[n]!, checkpoint, rung, checkpointLayerSizes(checkpoint)));
      removeCheckpoint(dir, id);
    });
    alive = alive.filter((n) => next.has(n));
  }
}

/** [n_0, …, n_L] from a checkpoint's biases and first weight matrix. */
function checkpointLayerSizes(c: { weights: ArrayLike<number>[]; biases: ArrayLike<number>[] }): number[] {
  const n1 = c.biases[0]!.length;
  return [c.weights[0]!.length / n1, ...c.biases.map((b) => b.length)];
}
