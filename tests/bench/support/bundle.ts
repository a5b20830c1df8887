// The browser host bundled with esbuild the way scripts/build-electron.mjs bundles the desktop app's main process:
// one CommonJS file, so start-up and memory are measured without tsx compiling TypeScript (and every file of
// client-node) at run time.
import { build } from 'esbuild';
import { join } from 'node:path';
import { HOST_ENTRY } from './web-host.js';

export async function bundleWebHost(dir: string): Promise<string> {
  const outfile = join(dir, 'web-host.cjs');
  await build({
    entryPoints: [HOST_ENTRY],
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
