// Writes package.json's version into src/version.ts (run by npm's `version` lifecycle script, so
// `npm version patch` keeps the two equal; test/package/version.test.ts checks that they are).
import { readFileSync, writeFileSync } from 'node:fs';
const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const file = new URL('../src/version.ts', import.meta.url);
const text = readFileSync(file, 'utf8');
const next = text.replace(/export const VERSION: string = '[^']*';/, `export const VERSION: string = '${pkg.version}';`);
if (!next.includes(`'${pkg.version}'`)) throw new Error('sync-version: no VERSION literal found in src/version.ts');
writeFileSync(file, next);
