import { freemem } from 'node:os';
import { parseByteSize, type MemoryLimit } from '../util/limits.js';

/*
 * The memory limit a command runs under. It asks the operating system how much memory is free, so it
 * lives with the CLI (Node-only) rather than in util/limits.ts, which the browser bundle includes.
 */

/** The default of `--max-memory`: half of the memory the system reports free now. */
export function defaultMaxMemory(): number {
  return Math.floor(freemem() / 2);
}

/** The limit a command runs under: `--max-memory` when given, else half of the free memory. */
export function memoryLimit(text: string | undefined): MemoryLimit {
  if (text !== undefined) return { bytes: parseByteSize('--max-memory', text), source: `--max-memory ${text.trim()}` };
  return { bytes: defaultMaxMemory(), source: 'the default, half of the free memory; raise it with --max-memory' };
}
