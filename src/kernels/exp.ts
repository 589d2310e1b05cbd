// fdlibm's exp and the sigmoid built on it moved to src/math/exp.ts (below nn/ and init/, which use
// them too; issue 10, item 5). The kernels' fallback and existing imports keep this path.
export * from '../math/exp.js';
