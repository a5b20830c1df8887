// The browser host bundled with esbuild the way scripts/build-electron.mjs bundles the desktop app's main process:
// one CommonJS file, so start-up and memory are measured without tsx compiling TypeScript (and every file of
// client-node) at run time. It sits in dist/bench/ so that the host finds dist/renderer where it looks for it.
import { build } from 'esbuild';
import { join } from 'node:path';

export async function bundleWebHost(): Promise<string> {
  const outfile = join(process.cwd(), 'dist', 'bench', 'web-host.cjs');
  await build({
    entryPoints: ['electron/web/cli.ts'],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    logLevel: 'warning',
    define: { 'import.meta.url': '__everynodeImportMetaUrl' },
    banner: { js: "const __everynodeImportMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
  });
  return outfile;
}
