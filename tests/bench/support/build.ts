// The bench serves a renderer it built itself, from the sources as they are now, into a directory of its own: a stale
// dist/renderer would measure the wrong app, and other work rebuilding dist/renderer in this checkout could pull the
// files away mid-run.
import { execFileSync } from 'node:child_process';
import { join, resolve } from 'node:path';

export function buildRenderer(dir: string, log: (message: string) => void): string {
  const outDir = resolve(join(dir, 'renderer'));
  log(`building the renderer into ${outDir}`);
  execFileSync(
    process.execPath,
    ['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'warn', '--outDir', outDir, '--emptyOutDir'],
    { stdio: ['ignore', 'ignore', 'inherit'] },
  );
  return outDir;
}
