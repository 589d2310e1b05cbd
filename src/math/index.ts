/** Numerics that must match numpy/glibc bit for bit: correctly rounded log/sin/cos, pairwise sums. */
export { crLog, crSin, crCos, CR_TRIG_MAX_ARGUMENT } from './correctlyRounded.js';
export { pairwiseSum, pairwiseNanSum } from './pairwiseSum.js';
