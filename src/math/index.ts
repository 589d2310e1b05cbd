/**
 * Numerics that must match numpy/glibc bit for bit (glibc 2.36's own log/sin/cos with an exact fma,
 * correctly rounded log/sin/cos, pairwise sums), and
 * fdlibm's expm1/tanh/log1p/log, which give the same bits on every JS engine (the training path's).
 */
export { crLog, crSin, crCos, CR_TRIG_MAX_ARGUMENT } from './correctlyRounded.js';
export { glibcLog } from './glibcLog.js';
export { glibcSin, glibcCos } from './glibcSinCos.js';
export { fma } from './fma.js';
export { pairwiseSum, pairwiseNanSum } from './pairwiseSum.js';
export { fdlibmExpm1, fdlibmTanh, fdlibmLog1p, fdlibmLog } from './fdlibm.js';
