/**
 * initlab's version. A literal rather than a read of package.json at run time (that needed
 * node:module's createRequire, which browsers and bundlers do not have). `npm version` rewrites
 * it through scripts/sync-version.mjs, and test/package/version.test.ts checks that it equals
 * package.json's version.
 */
export const VERSION: string = '0.1.0';
