import { execFile } from 'node:child_process';

let resolved: Promise<string | undefined> | undefined;

/**
 * The PATH of the user's login shell. An app started from a desktop (Finder, a .desktop file) inherits a minimal
 * PATH, so exec credential plugins (aws, gke-gcloud-auth-plugin, kubelogin) installed by the user are not found.
 * Resolved once per process; undefined on Windows, without $SHELL, or when the shell does not answer in time.
 */
export function loginShellPath(timeoutMs = 3000): Promise<string | undefined> {
  resolved ??= readLoginShellPath(timeoutMs);
  return resolved;
}

function readLoginShellPath(timeoutMs: number): Promise<string | undefined> {
  const shell = process.env.SHELL;
  if (process.platform === 'win32' || shell === undefined || shell === '') return Promise.resolve(undefined);
  return new Promise((resolve) => {
    // -i and -l so both profile and rc files run; a marker separates the value from anything rc files print.
    execFile(
      shell,
      ['-ilc', 'echo "__EVERYNODE_PATH__$PATH"'],
      { timeout: timeoutMs, env: process.env, windowsHide: true },
      (error, stdout) => {
        if (error) return resolve(undefined);
        const line = stdout.split('\n').find((l) => l.startsWith('__EVERYNODE_PATH__'));
        const value = line?.slice('__EVERYNODE_PATH__'.length).trim();
        resolve(value !== undefined && value.includes('/') ? value : undefined);
      },
    );
  });
}

/** The login shell's entries first, then the process's own ones not already present. */
export function mergePaths(loginPath: string | undefined, processPath: string | undefined): string {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const part of [...(loginPath ?? '').split(':'), ...(processPath ?? '').split(':')]) {
    if (part !== '' && !seen.has(part)) {
      seen.add(part);
      out.push(part);
    }
  }
  return out.join(':');
}
