import type { ParamValue } from '../../src/data/params.js';

/*
 * Data set parameters that the current values make unused or change the meaning of, so the
 * controls can disable them and say why. circles has two ways to get a test set
 * (src/data/makeDataset.ts): testSeed ≥ 0 is the course's — `samples` training points from the
 * data seed and a separate make_circles of `testSamples` points from testSeed, testFraction
 * ignored; testSeed = −1 splits `samples` points by testFraction, testSamples ignored.
 */

export interface ParamHint {
  /** The control changes nothing with the current values. */
  unused: boolean;
  /** One line shown under the control. */
  text: string;
}

export function dataParamHints(name: string, params: Readonly<Record<string, ParamValue>>): Record<string, ParamHint> {
  if (name !== 'circles') return {};
  const testSeed = params.testSeed;
  if (typeof testSeed !== 'number') return {};
  if (testSeed >= 0) {
    return {
      samples: { unused: false, text: 'training points only: the test set is drawn separately (testSeed, testSamples).' },
      testFraction: { unused: true, text: `unused: testSeed ${testSeed} draws a separate test set of testSamples points; set testSeed to −1 to split by testFraction.` },
    };
  }
  return {
    testSamples: { unused: true, text: 'unused: testSeed is −1, so testFraction of the samples are the test set; set testSeed ≥ 0 for a separate test set.' },
  };
}
