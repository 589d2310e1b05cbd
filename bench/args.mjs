// What every bench script shares: the repository root, its command-line flags, a --help line, and
// the Python that can run its peer. Benches are scripts, not library code, so this lives here.
import { spawnSync } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root. */
export const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** The script's flags: `flag(name)`, `option(name, fallback)` and `whole(name, fallback)`; prints `usage` and exits 0 on -h/--help. */
export function benchArgs(usage) {
  const args = process.argv.slice(2);
  const flag = (name) => args.includes(name);
  const option = (name, fallback) => {
    const i = args.indexOf(name);
    return i >= 0 && i + 1 < args.length ? args[i + 1] : fallback;
  };
  if (usage !== undefined && (flag('-h') || flag('--help'))) {
    process.stdout.write(`usage: ${usage}\n`);
    process.exit(0);
  }
  /** `name N` as a whole number ≥ 1 (fallback when absent); anything else exits 2 naming the script and the flag. */
  const whole = (name, fallback) => {
    const i = args.indexOf(name);
    if (i < 0) return fallback;
    const n = Number(args[i + 1]);
    if (!Number.isInteger(n) || n < 1) {
      const script = process.argv[1]?.split('/').pop()?.replace(/\.mjs$/, '') ?? 'bench';
      process.stderr.write(`${script}: ${name} expects a whole number ≥ 1, got '${args[i + 1]}'\n`);
      process.exit(2);
    }
    return n;
  };
  return { args, flag, option, whole };
}

/** The first of $PYTHON, /usr/bin/python3, python3 that can `import module`, and the list tried. */
export function pythonWith(module) {
  const tried = [process.env.PYTHON, '/usr/bin/python3', 'python3'].filter(Boolean);
  for (const py of tried) {
    const r = spawnSync(py, ['-c', `import ${module}`], { encoding: 'utf8' });
    if (!r.error && r.status === 0) return { python: py, tried };
  }
  return { python: undefined, tried };
}
