// Bundles the Node side with esbuild: Electron's main process and preload, the built-in sandbox cluster, and the
// browser host's command line (`npm run web` runs dist/web/cli.mjs: through tsx it spent seconds at every start
// transforming all of @kubernetes/client-node).
// The preload must be ONE CommonJS file: a sandboxed preload gets a restricted `require` that knows only `electron`
// (and a few polyfills), so it cannot load the contract or zod from node_modules at run time.
import { build } from 'esbuild';
import { copyFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** @param {{ outDir?: string, minify?: boolean }} [options] */
export async function buildElectron(options = {}) {
  const outDir = options.outDir ?? path.join(root, 'dist');
  const common = {
    bundle: true,
    platform: 'node',
    target: 'node24',
    format: 'cjs',
    sourcemap: true,
    // Minified by default, for memory more than for speed: V8 keeps a module's whole source text on its heap, and
    // comments in the dependencies (a '–', a '§') make the unminified text a two-byte string: the browser host's
    // 7.2 MB bundle took 14.5 MB of heap, the minified ASCII one 2.9 MB (JS heap at rest 27 -> 15 MB). Source maps
    // keep stack traces readable.
    minify: options.minify ?? true,
    logLevel: 'warning',
    absWorkingDir: root,
  };
  // ES module bundles: bundled CommonJS dependencies still call require(), so give the module one.
  const esm = {
    ...common,
    format: 'esm',
    banner: {
      js: "import { createRequire as __everynodeRequire } from 'node:module';\nconst require = __everynodeRequire(import.meta.url);",
    },
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
      // Electron 45's Chromium is 153 or newer (153.0.8001.0 in its DEPS when 45 branched).
      target: 'chrome153',
      // It is parsed on every page load; it imports only the contract's channel names (no zod), so it stays small.
      minify: true,
    }),
    // The backend runs the built-in sandbox cluster in a process of its own, from a path computed at run time
    // (`../sandbox-cluster/child.js` from its own code), so the child entry gets its own ES module bundle there.
    build({
      ...esm,
      entryPoints: [path.join(root, 'electron/sandbox-cluster/child.ts')],
      outfile: path.join(outDir, 'sandbox-cluster/child.js'),
    }),
    // The browser host sits two levels below the output directory, like its source (electron/web/cli.ts): the paths
    // it computes from import.meta.url — `../../package.json`, `../../dist/renderer` and the backend's
    // `../sandbox-cluster/child.js` — land on the same files from both places when the output directory is dist/.
    // Split: the host's own code (command line, web server, electron/host's static files) is the entry; the backend
    // and the bridge, which electron/web/backend-loader.ts imports dynamically so that the server listens while they
    // load, are chunks beside it (same directory, so the relative paths they compute resolve alike).
    build({
      ...esm,
      entryPoints: { cli: path.join(root, 'electron/web/cli.ts') },
      outdir: path.join(outDir, 'web'),
      outExtension: { '.js': '.mjs' },
      splitting: true,
      chunkNames: '[name]-[hash]',
    }),
    // The kubeconfig parser's worker thread, one level below the output directory like main/ and web/, from which
    // electron/backend/kubeconfig/parse-off-thread.ts finds it (`../workers/kubeconfig-parse.mjs`).
    build({
      ...esm,
      entryPoints: [path.join(root, 'electron/backend/kubeconfig/parse-worker.ts')],
      outfile: path.join(outDir, 'workers/kubeconfig-parse.mjs'),
    }),
  ]);
  // The sandbox cluster's exec credential plugin is a separate script that kubeconfigs name by path: it sits next to
  // the sandbox bundle, where the sandbox looks for it.
  await copyFile(
    path.join(root, 'electron/sandbox-cluster/exec-plugin.mjs'),
    path.join(outDir, 'sandbox-cluster/exec-plugin.mjs'),
  );
  return {
    main: path.join(outDir, 'main/main.cjs'),
    preload: path.join(outDir, 'preload/preload.cjs'),
    web: path.join(outDir, 'web/cli.mjs'),
  };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await buildElectron();
}
