import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { decodeSafetensors, encodeSafetensors } from '../../src/io/safetensors.js';
import { UsageError } from '../../src/util/errors.js';

const fixture = new Uint8Array(readFileSync(new URL('../fixtures/io/three-tensors.safetensors', import.meta.url)));

function ramp(n: number, f32 = false): Float64Array {
  return new Float64Array(n).map((_, i) => (f32 ? Math.fround((i - 2.5) / 3) : (i - 2.5) / 3));
}

/**
 * An independent reader written from the format description (not using src/io): u64 LE header
 * size N; N bytes of JSON; then the byte buffer the data_offsets index.
 */
function readSafetensors(bytes: Uint8Array): { header: Record<string, unknown>; headerSize: number; tensors: Map<string, { dtype: string; shape: number[]; values: number[] }> } {
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const n = Number(dv.getBigUint64(0, true));
  const header = JSON.parse(Buffer.from(bytes.subarray(8, 8 + n)).toString('utf8')) as Record<string, unknown>;
  const tensors = new Map<string, { dtype: string; shape: number[]; values: number[] }>();
  for (const [name, entry] of Object.entries(header)) {
    if (name === '__metadata__') continue;
    const { dtype, shape, data_offsets: [a, b] } = entry as { dtype: string; shape: number[]; data_offsets: [number, number] };
    const width = dtype === 'F64' ? 8 : 4;
    const values: number[] = [];
    for (let p = 8 + n + a; p < 8 + n + b; p += width) values.push(width === 8 ? dv.getFloat64(p, true) : dv.getFloat32(p, true));
    tensors.set(name, { dtype, shape, values });
  }
  return { header, headerSize: n, tensors };
}

const INPUT = {
  weight: { values: ramp(6), shape: [2, 3] },
  scale: { values: ramp(4), shape: [2, 2], dtype: 'f4' as const },
  bias: { values: ramp(3), shape: [3] },
};
const META = { initlab: 'fixture', spec: 'he' };

describe('encodeSafetensors', () => {
  it('writes the same bytes as the Python writer of scripts/gen-io-fixtures.sh', () => {
    assert.deepEqual(encodeSafetensors(INPUT, META), fixture);
  });
  it('is read correctly by an independent reader', () => {
    const bytes = encodeSafetensors(INPUT, META);
    const r = readSafetensors(bytes);
    assert.equal(r.headerSize % 8, 0, 'header padded to 8 bytes');
    assert.deepEqual(r.header['__metadata__'], META);
    assert.deepEqual(r.tensors.get('weight'), { dtype: 'F64', shape: [2, 3], values: [...ramp(6)] });
    assert.deepEqual(r.tensors.get('bias'), { dtype: 'F64', shape: [3], values: [...ramp(3)] });
    assert.deepEqual(r.tensors.get('scale'), { dtype: 'F32', shape: [2, 2], values: [...ramp(4, true)] });
    // the byte buffer is covered exactly, without holes
    const spans = [...Object.entries(r.header)].filter(([k]) => k !== '__metadata__').map(([, e]) => (e as { data_offsets: [number, number] }).data_offsets).sort((x, y) => x[0] - y[0]);
    let end = 0;
    for (const [a, b] of spans) { assert.equal(a, end); end = b; }
    assert.equal(8 + r.headerSize + end, bytes.length);
  });
  it('omits __metadata__ when none is given, and handles 256x512 float64', () => {
    const big = new Float64Array(256 * 512).map((_, i) => Math.cos(i));
    const r = readSafetensors(encodeSafetensors({ w: { values: big, shape: [256, 512] } }));
    assert.equal('__metadata__' in r.header, false);
    assert.deepEqual(r.tensors.get('w')!.values, [...big]);
  });
});

describe('decodeSafetensors', () => {
  it('reads the Python-written file', () => {
    const d = decodeSafetensors(fixture);
    assert.deepEqual(d.metadata, META);
    assert.deepEqual(Object.keys(d.tensors).sort(), ['bias', 'scale', 'weight']);
    assert.deepEqual(d.tensors['weight'], { values: ramp(6), shape: [2, 3], dtype: 'f8' });
    assert.deepEqual(d.tensors['scale'], { values: ramp(4, true), shape: [2, 2], dtype: 'f4' });
  });
  it('round-trips', () => {
    const v = new Float64Array(24).map((_, i) => Math.sin(i) * 1e-3);
    const d = decodeSafetensors(encodeSafetensors({ 'layer.0.weight': { values: v, shape: [2, 3, 4] } }, { note: 'x' }));
    assert.deepEqual(d, { tensors: { 'layer.0.weight': { values: v, shape: [2, 3, 4], dtype: 'f8' } }, metadata: { note: 'x' } });
  });
  it('refuses malformed files with a UsageError', () => {
    assert.throws(() => decodeSafetensors(new Uint8Array(4)), UsageError);
    assert.throws(() => decodeSafetensors(fixture.subarray(0, fixture.length - 8)), /outside|unindexed|hole/);
    const header = (obj: unknown): Uint8Array => {
      const json = new TextEncoder().encode(JSON.stringify(obj));
      const out = new Uint8Array(8 + json.length + 8);
      new DataView(out.buffer).setBigUint64(0, BigInt(json.length), true);
      out.set(json, 8);
      return out;
    };
    assert.throws(() => decodeSafetensors(header({ a: { dtype: 'I64', shape: [1], data_offsets: [0, 8] } })), /only F64 and F32/);
    assert.throws(() => decodeSafetensors(header({ a: { dtype: 'F64', shape: [2], data_offsets: [0, 8] } })), /8 bytes for shape \[2\]/);
    assert.throws(() => decodeSafetensors(header({ a: { dtype: 'F32', shape: [1], data_offsets: [4, 8] } })), /hole/);
  });
});
