// The types of cjs/esm-only.cjs, which `require('initlab')` resolves to: nothing is exported, so
// a CommonJS TypeScript file that writes `import { initialize } from 'initlab'` (compiled to
// require) fails to compile, as it would fail at run time. `await import('initlab')` resolves to
// the real ES module and its types.
export {};
