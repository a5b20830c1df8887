import type { CredentialProgram } from '../../contract/index.js';
import type { DeclaredProgram } from './launch.js';

/** Exactly what client-node will hand to child_process for a program, once its executable is known. */
export interface Launch {
  program: DeclaredProgram;
  /** The absolute file the command names (bare names found on the user's PATH). */
  executable: string;
  /** child_process.spawn(file, args, { env: { ...process.env, ...env } }), or execSync of a shell line. */
  spawn: { file: string; args: string[]; env: Record<string, string>; shell: boolean };
}

/** The line client-node's gcp and azure providers give to execSync. */
export const shellLine = (executable: string, cmdArgs: string[]): string =>
  cmdArgs.length > 0 ? `"${executable}" ${cmdArgs.join(' ')}` : `"${executable}"`;

/** How Node's execSync runs a line: /bin/sh -c on POSIX, cmd.exe on Windows (child_process normalizeSpawnArguments). */
function shellSpawn(line: string): { file: string; args: string[] } {
  if (process.platform === 'win32') {
    return { file: process.env.comspec ?? 'cmd.exe', args: ['/d', '/s', '/c', `"${line}"`] };
  }
  return { file: '/bin/sh', args: ['-c', line] };
}

export function buildLaunch(program: DeclaredProgram, executable: string, searchPath: string): Launch {
  if (program.source === 'gcp' || program.source === 'azure') {
    // execSync without options: the app's own environment, nothing from the kubeconfig.
    return { program, executable, spawn: { ...shellSpawn(shellLine(executable, program.args)), env: {}, shell: true } };
  }
  const env: Record<string, string> = {};
  for (const { name, value } of program.env) env[name] = value;
  // As kubectl does: the plugin finds its own helpers on the user's PATH, and learns it runs non-interactively.
  env.PATH ??= searchPath;
  env.KUBERNETES_EXEC_INFO ??= JSON.stringify({
    apiVersion: program.apiVersion ?? 'client.authentication.k8s.io/v1',
    kind: 'ExecCredential',
    spec: { interactive: false },
  });
  return { program, executable, spawn: { file: executable, args: [...program.args], env, shell: false } };
}

/**
 * The user stanza client-node loads: the checked plain fields plus the program rebuilt from the model, with its
 * executable as an absolute path so that no PATH is consulted again.
 */
export function clientUser(fields: Record<string, unknown>, launch: Launch | undefined): Record<string, unknown> {
  const user: Record<string, unknown> = { ...fields };
  if (!launch) return user;
  const { program, executable, spawn } = launch;
  if (program.source === 'gcp' || program.source === 'azure') {
    const provider = user['auth-provider'] as { name: string; config: Record<string, unknown> };
    user['auth-provider'] = { name: provider.name, config: { ...provider.config, 'cmd-path': executable } };
    return user;
  }
  delete user['auth-provider'];
  user.exec = {
    apiVersion: program.apiVersion ?? 'client.authentication.k8s.io/v1',
    command: spawn.file,
    args: [...spawn.args],
    env: Object.entries(spawn.env).map(([name, value]) => ({ name, value })),
  };
  return user;
}

/** What the user is shown: never an environment value. */
export function shownProgram(launch: Launch): CredentialProgram {
  const { program, executable, spawn } = launch;
  return {
    kind: program.source === 'exec' ? 'exec' : 'auth-provider',
    source: program.source,
    command: program.command,
    executable,
    args: [...program.args],
    envNames: program.env.map((e) => e.name),
    shell: spawn.shell,
    spawned: { file: spawn.file, args: [...spawn.args] },
  };
}
