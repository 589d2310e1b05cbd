// Reads the records of scripts/glibc-math-stress.c (x, log x, sin x, cos x, a, b, c, fma(a, b, c) as
// float64) and counts where initlab's ports differ from glibc. Run by scripts/check-glibc-math.sh.
import { readFileSync } from 'node:fs';
import { fma } from '../src/math/fma.js';
import { glibcLog } from '../src/math/glibcLog.js';
import { glibcCos, glibcSin } from '../src/math/glibcSinCos.js';

const file = process.argv[2];
if (!file) {
  console.error('usage: node --import tsx scripts/check-glibc-math.ts <records.bin>');
  process.exit(2);
}
const bytes = readFileSync(file);
const d = new Float64Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length));
const same = (a: number, b: number): boolean => Object.is(a, b) || (Number.isNaN(a) && Number.isNaN(b));
const names = ['log', 'sin', 'cos', 'fma'];
const bad = [0, 0, 0, 0];
const n = d.length / 8;
for (let i = 0; i < n; i++) {
  const x = d[8 * i]!;
  const got = [glibcLog(x), glibcSin(x), glibcCos(x), fma(d[8 * i + 4]!, d[8 * i + 5]!, d[8 * i + 6]!)];
  for (let k = 0; k < 4; k++) {
    if (!same(got[k]!, d[8 * i + 1 + (k < 3 ? k : 6)]!)) {
      if (bad[k]! < 3) console.log(`${names[k]} differs at record ${i}: x = ${x}`);
      bad[k]!++;
    }
  }
}
console.log(`${n} records: ${names.map((m, k) => `${m} ${bad[k]} differ`).join(', ')}`);
process.exit(bad.some((b) => b > 0) ? 1 : 0);
