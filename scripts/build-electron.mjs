// Bundles Electron's main process and preload with esbuild.
// The preload must be ONE CommonJS file: a sandboxed preload gets a restricted `require` that knows only `electron`
// (and a few polyfills), so it cannot load the contract or zod from node_modules at run time.
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** @param {{ outDir?: string, minify?: boolean }} [options] */
export async function buildElectron(options = {}) {
  const outDir = options.outDir ?? path.join(root, 'dist');
  const common = {
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    sourcemap: true,
    minify: options.minify ?? false,
    logLevel: 'warning',
    absWorkingDir: root,
  };
  await Promise.all([
    build({
      ...common,
      entryPoints: [path.join(root, 'electron/main/main.ts')],
      outfile: path.join(outDir, 'main/main.cjs'),
      external: ['electron'],
      // The main bundle is CommonJS: give ESM-only code paths that read import.meta.url something real.
      define: { 'import.meta.url': '__everynodeImportMetaUrl' },
      banner: { js: "const __everynodeImportMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
    }),
    build({
      ...common,
      entryPoints: [path.join(root, 'electron/preload/preload.ts')],
      outfile: path.join(outDir, 'preload/preload.cjs'),
      external: ['electron'],
      // Sandboxed preloads run in a renderer, not in Node: no node builtins are available there.
      platform: 'browser',
      target: 'chrome132',
      // It is parsed on every page load, and it carries the contract's validators (zod) it does not need at run time.
      minify: true,
    }),
  ]);
  return { main: path.join(outDir, 'main/main.cjs'), preload: path.join(outDir, 'preload/preload.cjs') };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await buildElectron();
}
