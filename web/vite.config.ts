import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/*
 * The playground's build: web/ → dist/web/ (served by `initlab serve`), relative asset paths so the
 * page works from any folder. The library's sources are imported directly (../src/*.ts); the one
 * Node module they reach, node:fs (src/data/userData.ts, behind makeDataset), is replaced by a stub
 * the page never calls. The version shown and exported is package.json's, fixed at build time.
 */
const here = fileURLToPath(new URL('.', import.meta.url));
const repo = fileURLToPath(new URL('..', import.meta.url));
const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };

export default defineConfig({
  root: here,
  base: './',
  define: { __INITLAB_VERSION__: JSON.stringify(pkg.version) },
  resolve: { alias: { 'node:fs': fileURLToPath(new URL('./src/shims/nodeFs.ts', import.meta.url)) } },
  build: {
    outDir: fileURLToPath(new URL('../dist/web', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    reportCompressedSize: false,
  },
  worker: { format: 'es' },
  server: { host: '127.0.0.1', fs: { allow: [repo] } },
  preview: { host: '127.0.0.1' },
});
