import { createRequire } from 'node:module';

/** initlab's version, read from package.json (src/ and dist/ sit at the same depth below it). */
export const VERSION: string = (createRequire(import.meta.url)('../package.json') as { version: string }).version;
