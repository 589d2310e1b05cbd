/**
 * Test helper: reads test/fixtures/random/numpy-glibc-vectors.json (scripts/gen-numpy-glibc-fixtures.sh):
 * numpy 1.24.2 RandomState streams and sklearn 1.2.1 make_circles / make_moons for eight seeds, made
 * with numpy's AVX512 loops off, so that every log/sin/cos is glibc's.
 */
import { readFileSync } from 'node:fs';

export interface NormalsCase {
  seed: number;
  standardNormal: string;
  'normal_1.5_0.25': string;
  'uniform_-3_5': string;
  'normal_-2_3': string;
}
export interface DatasetCase {
  name: 'circles' | 'moons';
  seed: number;
  nSamples: number;
  noise: number;
  X: string;
  y: string;
}
export interface NumpyGlibcFixture {
  numpy: string;
  sklearn: string;
  glibc: string;
  NPY_DISABLE_CPU_FEATURES: string;
  normals: NormalsCase[];
  datasets: DatasetCase[];
  defaultNumpyComparison: {
    normalsIdentical: boolean;
    datasetCoordinatesDiffering: number;
    datasetCoordinates: number;
    maxAbsDifference: number;
  };
}

export const numpyGlibc = JSON.parse(
  readFileSync(new URL('../fixtures/random/numpy-glibc-vectors.json', import.meta.url), 'utf8'),
) as NumpyGlibcFixture;

/** base64 of little-endian float64 → the doubles. */
export function decodeF64(b64: string): Float64Array {
  const bytes = Buffer.from(b64, 'base64');
  const out = new Float64Array(bytes.length / 8);
  for (let i = 0; i < out.length; i++) out[i] = bytes.readDoubleLE(8 * i);
  return out;
}

/** Indices where two arrays differ as doubles (Object.is). */
export function differing(got: ArrayLike<number>, want: ArrayLike<number>): number[] {
  const bad: number[] = [];
  for (let i = 0; i < want.length; i++) if (!Object.is(got[i], want[i])) bad.push(i);
  return bad;
}
