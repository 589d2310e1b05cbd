/**
 * A bump allocator over the memory the GEMM kernels address by byte offsets: the wasm module's
 * linear memory, or a plain ArrayBuffer for the TypeScript fallback. Buffers are never freed one by
 * one; `mark()`/`release(mark)` drop everything allocated after a mark (e.g. a network's buffers,
 * rebuilt per run). Growing the memory replaces its ArrayBuffer, so typed-array views taken before
 * an `alloc` may be stale: take views after allocating, or re-take them (`f64`/`f32` are cheap).
 */

import type { WasmMemory } from './webassembly.js';
const PAGE = 65536;
/** wasm32 addresses 4 GiB; offsets travel as i32 through the kernels' exports, so stop at 2 GiB. */
const MAX_BYTES = 0x7fffffff;

/** Where the bytes live: `buffer` is the current one (it changes when the memory grows). */
export interface ArenaBacking {
  readonly buffer: ArrayBuffer;
  /** Makes the memory at least `bytes` long, keeping its contents. */
  grow(bytes: number): void;
}

/** A bump allocator of 16-byte aligned blocks in the kernels' memory (a WebAssembly memory or an ArrayBuffer), freed all at once. */
export class KernelArena {
  private top: number;

  /** Allocations start at `base` (rounded up to 16), so that offset 0 never names a buffer. */
  constructor(private readonly backing: ArenaBacking, readonly base: number) {
    if (!Number.isInteger(base) || base < 1) throw new RangeError(`arena base must be a positive integer, got ${base}`);
    this.top = alignUp(base, 16);
  }

  /** The memory's current ArrayBuffer (replaced whenever the memory grows). */
  get buffer(): ArrayBuffer {
    return this.backing.buffer;
  }

  /** First free byte. */
  get end(): number {
    return this.top;
  }

  /** Byte offset of `bytes` fresh, zeroed bytes aligned to `align` (a power of two, default 16). */
  alloc(bytes: number, align = 16): number {
    if (!Number.isInteger(bytes) || bytes < 0) throw new RangeError(`alloc needs a byte count ≥ 0, got ${bytes}`);
    if (!Number.isInteger(align) || align < 1 || (align & (align - 1)) !== 0) {
      throw new RangeError(`alignment must be a power of two, got ${align}`);
    }
    const at = alignUp(this.top, align);
    const end = at + bytes;
    if (end > MAX_BYTES) throw new RangeError(`the kernel memory would need ${end} bytes; it addresses at most ${MAX_BYTES}`);
    if (end > this.backing.buffer.byteLength) this.backing.grow(end);
    // Memory below `top` may hold a released allocation's bytes.
    new Uint8Array(this.backing.buffer, at, bytes).fill(0);
    this.top = end;
    return at;
  }

  /** The current top, to hand to `release` later. */
  mark(): number {
    return this.top;
  }

  /** Frees everything allocated after `mark` (the memory itself does not shrink). */
  release(mark: number): void {
    if (!Number.isInteger(mark) || mark < alignUp(this.base, 16) || mark > this.top) {
      throw new RangeError(`release needs a mark from this arena, got ${mark}`);
    }
    this.top = mark;
  }

  /** A Float64Array over `length` doubles at byte offset `at` (8-aligned). */
  f64(at: number, length: number): Float64Array {
    return new Float64Array(this.backing.buffer, at, length);
  }

  /** A Float32Array over `length` floats at byte offset `at` (4-aligned). */
  f32(at: number, length: number): Float32Array {
    return new Float32Array(this.backing.buffer, at, length);
  }
}

function alignUp(n: number, align: number): number {
  return Math.ceil(n / align) * align;
}

/** The backing of a wasm instance's linear memory (grown by whole 64 KiB pages). */
export function wasmBacking(memory: WasmMemory): ArenaBacking {
  return {
    get buffer() {
      return memory.buffer;
    },
    grow(bytes: number) {
      const have = memory.buffer.byteLength;
      if (bytes > have) memory.grow(Math.ceil((bytes - have) / PAGE));
    },
  };
}

/** A plain ArrayBuffer backing that doubles (at least) when it grows, copying its contents. */
export function arrayBacking(initialBytes = PAGE): ArenaBacking {
  let buffer = new ArrayBuffer(initialBytes);
  return {
    get buffer() {
      return buffer;
    },
    grow(bytes: number) {
      if (bytes <= buffer.byteLength) return;
      const next = new ArrayBuffer(Math.min(MAX_BYTES, Math.max(bytes, 2 * buffer.byteLength)));
      new Uint8Array(next).set(new Uint8Array(buffer));
      buffer = next;
    },
  };
}
