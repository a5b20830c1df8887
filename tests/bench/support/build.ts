// The browser host serves dist/renderer: a bench of stale renderer code would measure the wrong app.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

function newest(dir: string): number {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return latest;
}

export function ensureRendererBuilt(log: (message: string) => void): void {
  const index = 'dist/renderer/index.html';
  const sources = Math.max(newest('renderer'), newest('electron/contract'));
  if (existsSync(index) && statSync(index).mtimeMs >= sources) return;
  log('building the renderer (dist/renderer is missing or older than renderer/)');
  execFileSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'warn'], {
    stdio: 'inherit',
  });
}
