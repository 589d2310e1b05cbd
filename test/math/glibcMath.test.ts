import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { crCos, crLog, crSin } from '../../src/math/correctlyRounded.js';
import { glibcLog } from '../../src/math/glibcLog.js';
import { glibcCos, glibcSin } from '../../src/math/glibcSinCos.js';
import { glibcFixture, row, sameDouble, type GlibcSection } from './glibcFixture.js';

type Fn = (x: number) => number;

function mismatches(section: GlibcSection, part: 'hard' | 'random' | 'edges', f: Fn): number[] {
  const bad: number[] = [];
  for (const item of section[part]) {
    const [x, want] = row(item);
    if (!sameDouble(f(x!), want!)) bad.push(x!);
  }
  return bad;
}

const functions: [string, GlibcSection, Fn, Fn][] = [
  ['log', glibcFixture.log, glibcLog, crLog],
  ['sin', glibcFixture.sin, glibcSin, crSin],
  ['cos', glibcFixture.cos, glibcCos, crCos],
];

for (const [name, section, port, correctlyRounded] of functions) {
  describe(`glibc ${name} (x86-64 FMA variant) against glibc 2.36 itself`, () => {
    it(`equals glibc on every hard case (glibc ≠ long-double reference) of ${section.sampled} random inputs`, (t) => {
      t.diagnostic(`${section.hard.length} hard cases`);
      assert.ok(section.hard.length > 300);
      assert.deepEqual(mismatches(section, 'hard', port), []);
    });

    it('equals glibc on random inputs of every branch and on the edge cases (zeros, subnormals, ±inf, NaN, branch limits)', () => {
      assert.deepEqual(mismatches(section, 'random', port), []);
      assert.deepEqual(mismatches(section, 'edges', port), []);
    });

    it('the hard cases are real: a correctly rounded function differs from glibc on most of them', (t) => {
      // The correctly rounded functions reduce huge trig arguments only up to CR_TRIG_MAX_ARGUMENT.
      const finite = section.hard.map(row).filter(([x]) => Math.abs(x!) < 1e8);
      const differ = finite.filter(([x, want]) => !sameDouble(correctlyRounded(x!), want!)).length;
      t.diagnostic(`correctly rounded ≠ glibc on ${differ} of ${finite.length}`);
      assert.ok(differ > finite.length / 2);
    });
  });
}
