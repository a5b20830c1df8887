// The bench runs the app built from the sources as they are now, into a directory of its own: a stale dist/ would
// measure the wrong app, and other work rebuilding dist/ in this checkout could pull the files away mid-run. The
// layout is dist/'s (renderer/, web/cli.mjs, sandbox-cluster/), so the host finds its renderer where `npm run web`'s
// does: `../../dist/renderer` from its own file.
import { execFileSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { buildElectron } from '../../../scripts/build-electron.mjs';

/** Builds the renderer and the Node side (scripts/build-electron.mjs) under `dir`/dist; returns the host's CLI. */
export async function buildApp(dir: string, log: (message: string) => void): Promise<string> {
  const outDir = resolve(join(dir, 'dist'));
  log(`building the app into ${outDir}`);
  execFileSync(
    process.execPath,
    [
      'node_modules/vite/bin/vite.js',
      'build',
      '--logLevel',
      'warn',
      '--outDir',
      join(outDir, 'renderer'),
      '--emptyOutDir',
    ],
    { stdio: ['ignore', 'ignore', 'inherit'] },
  );
  const built = await buildElectron({ outDir });
  return built.web;
}
