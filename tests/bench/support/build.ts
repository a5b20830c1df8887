// The bench runs the app built from the sources as they are now, into a directory of its own: a stale dist/ would
// measure the wrong app, and other work rebuilding dist/ in this checkout could pull the files away mid-run. The
// layout is dist/'s (renderer/, web/cli.mjs, sandbox-cluster/), so the host finds its renderer where `npm run web`'s
// does: `../../dist/renderer` from its own file.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
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
  const started = performance.now();
  const seconds = (): string => ((performance.now() - started) / 1000).toFixed(0);
  // The renderer (vite, its own process) and the Node side (esbuild, here) write disjoint directories: built side by
  // side, the build costs the longer of the two instead of their sum.
  const renderer = promisify(execFile)(
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
    { maxBuffer: 16 * 1024 * 1024 },
  ).then(({ stderr }) => {
    if (stderr) process.stderr.write(stderr);
    log(`renderer built (${seconds()} s)`);
  });
  const node = buildElectron({ outDir }).then((built) => {
    log(`host bundles built (${seconds()} s)`);
    return built;
  });
  const [built] = await Promise.all([node, renderer]);
  writeFileSync(join(outDir, 'renderer', STATIC_PAGE.slice(1)), STATIC_PAGE_HTML);
  return built.web;
}
