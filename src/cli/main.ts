#!/usr/bin/env node
import { CommanderError } from 'commander';
import { UsageError } from '../util/errors.js';
import { applyAliases } from './aliases.js';
import { buildProgram } from './program.js';

/** Usage errors exit with 2 and one line on stderr; anything else is a bug and exits with 1. */
function fail(err: unknown): never {
  if (err instanceof UsageError) {
    process.stderr.write(`initlab: ${err.message}\n`);
    process.exit(2);
  }
  process.stderr.write(`initlab: internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
}

// `initlab inits | head` closes stdout early: that is not an error.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(0);
  throw err;
});

const program = buildProgram();

program.hook('preAction', (_program, action) => {
  applyAliases(action);
  // For the help-examples test: parse and fold aliases, run nothing.
  if (process.env['INITLAB_PARSE_ONLY'] === '1') {
    process.stdout.write(`parsed: ${action.name()}\n`);
    process.exit(0);
  }
});

try {
  await program.parseAsync(process.argv);
} catch (err) {
  if (err instanceof CommanderError) {
    // commander has already printed its message (or the help / version text).
    process.exit(err.exitCode === 0 ? 0 : 2);
  }
  fail(err);
}
