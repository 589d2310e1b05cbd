import { registerAllInitializers } from '../init/frameworks/index.js';
import { checkRedis } from '../experiments/sweep/queue/connection.js';
import { isSweepId } from '../experiments/sweep/queue/names.js';
import { parseQueueUrl } from '../experiments/sweep/queue/url.js';
import { startQueueWorker } from '../experiments/sweep/queue/worker.js';
import { UsageError } from '../util/errors.js';
import { parseDecimal, parseWholeText } from '../util/numberText.js';

export interface WorkerCommandOptions {
  queue: string;
  concurrency?: string;
  maxJobs?: string;
  idleExit?: string;
  sweep?: string;
}

function wholeNumber(flag: string, text: string | undefined, min: number): number | undefined {
  return text === undefined ? undefined : parseWholeText(flag, text, min);
}

function seconds(flag: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  // The decimal grammar of every number flag: Number() would also take '0x10' and ' '.
  const n = parseDecimal(flag, text);
  if (n === undefined || n <= 0) throw new UsageError(`${flag}: expected a number of seconds > 0, got '${text}'.`);
  return n;
}

/**
 * `initlab worker --queue URL`: trains the runs of queued sweeps (`initlab sweep … --queue URL`) on
 * this machine until SIGTERM / SIGINT, --max-jobs or --idle-exit. On the first signal it takes no
 * more jobs, finishes the running ones and returns any it held, then exits 0; a second signal exits
 * at once (its running jobs go back to the queue when their locks expire).
 */
export async function workerCommand(options: WorkerCommandOptions): Promise<void> {
  const target = parseQueueUrl(options.queue);
  const concurrency = wholeNumber('--concurrency', options.concurrency, 1) ?? 1;
  const maxJobs = wholeNumber('--max-jobs', options.maxJobs, 1);
  const idleExitSeconds = seconds('--idle-exit', options.idleExit);
  if (options.sweep !== undefined && !isSweepId(options.sweep)) {
    throw new UsageError(`--sweep: expected a sweep id (16 hex digits, as in the sweep folder's sweep.json, "queue": {"sweep": …}), got '${options.sweep}'.`);
  }
  registerAllInitializers();
  await checkRedis(target);
  const log = (line: string) => process.stdout.write(`${line}\n`);
  const worker = startQueueWorker({
    target,
    concurrency,
    ...(maxJobs !== undefined ? { maxJobs } : {}),
    ...(idleExitSeconds !== undefined ? { idleExitSeconds } : {}),
    ...(options.sweep !== undefined ? { sweep: options.sweep } : {}),
    log,
  });
  log(`initlab worker: pid ${process.pid}, ${concurrency} training thread${concurrency === 1 ? '' : 's'}, ${target.display}`);
  let signals = 0;
  const onSignal = (signal: NodeJS.Signals) => {
    if (++signals > 1) process.exit(128 + (signal === 'SIGINT' ? 2 : 15));
    log(`initlab worker: ${signal}: finishing the running jobs (again to quit at once)`);
    void worker.stop(signal);
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
  const { jobs, reason } = await worker.done;
  log(`initlab worker: ${jobs} job${jobs === 1 ? '' : 's'} done; exiting (${reason})`);
  process.removeListener('SIGTERM', onSignal);
  process.removeListener('SIGINT', onSignal);
}
