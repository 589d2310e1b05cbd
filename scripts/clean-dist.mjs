// Empties dist/ before tsc writes it again, except dist/web (the playground, built by vite in its
// own step): a module whose source was moved or deleted would otherwise stay in dist/ and ship in
// the tarball (test/package/tarball.test.ts checks that none does).
import { readdirSync, rmSync } from 'node:fs';
const dist = new URL('../dist/', import.meta.url);
let names = [];
try {
  names = readdirSync(dist);
} catch {
  // No dist/ yet: nothing to clean.
}
for (const name of names) if (name !== 'web') rmSync(new URL(name, dist), { recursive: true, force: true });
