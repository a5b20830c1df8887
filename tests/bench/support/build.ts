// The bench runs the app built from the sources as they are now, into a directory of its own: a stale dist/ would
// measure the wrong app, and other work rebuilding dist/ in this checkout could pull the files away mid-run. The
// layout is dist/'s (renderer/, web/cli.mjs, sandbox-cluster/), so the host finds its renderer where `npm run web`'s
// does: `../../dist/renderer` from its own file.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { buildElectron } from '../../../scripts/build-electron.mjs';

/**
 * Start-up's peer: a static page the host serves from the same directory as the app, holding the row start-up waits
 * for, with no script: what any page costs this host and this Chromium.
 */
export const STATIC_PAGE = '/bench-static.html';
export const STATIC_ROW = 'node-exporter';
const STATIC_PAGE_HTML = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Everynode bench: static page</title></head>
<body><h1>monitoring</h1><table><tr><th>Name</th><th>Ready</th></tr><tr><td>${STATIC_ROW}</td><td>6/6</td></tr></table></body></html>
`;

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
  writeFileSync(join(outDir, 'renderer', STATIC_PAGE.slice(1)), STATIC_PAGE_HTML);
  const built = await buildElectron({ outDir });
  return built.web;
}
