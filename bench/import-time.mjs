// The cost of `import('initlab')` as issue 11 defines it: the median of 5 cold
// `node --input-type=module -e "await import('initlab')"` runs minus the median of 5 bare
// `node -e 0` runs (each a fresh process, interleaved so that a load spike hits both alike).
// Run from the repository root after `npm run build` ('initlab' resolves to this package's own
// exports), or pass a directory whose node_modules holds an installed initlab. Prints one JSON line.
// On a shared, loaded machine wall times stretch with the load; the same commands' CPU time
// (process.cpuUsage() at the end, user + system, all threads) stretches far less, so it is
// reported beside them as importCpuMs.
import { spawnSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';

const cwd = process.argv[2] ?? process.cwd();
const specifier = process.argv[3] ?? 'initlab';
const RUNS = 5;

function wallMs(args) {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, args, { cwd, encoding: 'utf8' });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`node ${args.join(' ')} failed in ${cwd}: ${r.stderr.trim()}`);
  return ms;
}

/** CPU milliseconds (user + system) that `node <args>` used, as it reports on its last line. */
function cpuMs(args) {
  const r = spawnSync(process.execPath, args, { cwd, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`node ${args.join(' ')} failed in ${cwd}: ${r.stderr.trim()}`);
  return Number(r.stdout.trim().split('\n').pop());
}
const CPU = 'const u = process.cpuUsage(); console.log((u.user + u.system) / 1000);';

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const importRuns = [];
const bareRuns = [];
for (let i = 0; i < RUNS; i++) {
  bareRuns.push(wallMs(['-e', '0']));
  importRuns.push(wallMs(['--input-type=module', '-e', `await import(${JSON.stringify(specifier)})`]));
}
const importCpu = [];
const bareCpu = [];
for (let i = 0; i < RUNS; i++) {
  bareCpu.push(cpuMs(['--input-type=module', '-e', CPU]));
  importCpu.push(cpuMs(['--input-type=module', '-e', `await import(${JSON.stringify(specifier)}); ${CPU}`]));
}
const round = (x) => Math.round(x * 10) / 10;
console.log(JSON.stringify({
  specifier,
  importMedianMs: round(median(importRuns)),
  bareMedianMs: round(median(bareRuns)),
  importCostMs: round(median(importRuns) - median(bareRuns)),
  importRunsMs: importRuns.map(round),
  bareRunsMs: bareRuns.map(round),
  importCpuMs: round(median(importCpu) - median(bareCpu)),
}));
