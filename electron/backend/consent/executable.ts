import fs from 'node:fs';
import path from 'node:path';
import { loginShellPath, mergePaths } from '../session/login-path.js';

/**
 * The user's own PATH: the login shell's entries, then the process's. A kubeconfig's `env: PATH` only reaches the
 * program's own children; it never decides which program runs.
 */
export async function userPath(): Promise<string> {
  return mergePaths(await loginShellPath(), process.env.PATH);
}

async function isExecutableFile(file: string): Promise<boolean> {
  try {
    if (!(await fs.promises.stat(file)).isFile()) return false;
    await fs.promises.access(file, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * The absolute file a command names: an absolute path as it is, a bare name looked up on `searchPath` (absolute
 * entries only: a relative entry would depend on the host's working directory). Undefined when there is none.
 */
export async function findExecutable(command: string, searchPath: string): Promise<string | undefined> {
  if (path.isAbsolute(command)) return (await isExecutableFile(command)) ? path.normalize(command) : undefined;
  const extensions =
    process.platform === 'win32' ? ['', ...(process.env.PATHEXT ?? '.EXE;.CMD;.BAT').split(';')] : [''];
  for (const dir of searchPath.split(path.delimiter)) {
    if (!path.isAbsolute(dir)) continue;
    for (const extension of extensions) {
      const candidate = path.join(dir, command + extension);
      if (await isExecutableFile(candidate)) return candidate;
    }
  }
  return undefined;
}
