/*
 * The browser build's stand-in for node:fs. src/data/makeDataset.ts reads the user's CSV/.npy files
 * through src/data/userData.ts; the page never asks it to (it passes uploaded points itself), so
 * this is only here to keep the file reader out of the bundle. Calling it is a bug.
 */
export function readFileSync(path: string): never {
  throw new Error(`the playground cannot read files by path ('${path}'): upload the file instead`);
}
