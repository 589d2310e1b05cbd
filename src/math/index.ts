/**
 * Numerics that must match numpy/glibc bit for bit (correctly rounded log/sin/cos, pairwise sums), and
 * fdlibm's expm1/tanh/log1p/log, which give the same bits on every JS engine (the training path's).
 */
export { crLog, crSin, crCos, CR_TRIG_MAX_ARGUMENT } from './correctlyRounded.js';
export { pairwiseSum, pairwiseNanSum } from './pairwiseSum.js';
export { fdlibmExpm1, fdlibmTanh, fdlibmLog1p, fdlibmLog } from './fdlibm.js';
