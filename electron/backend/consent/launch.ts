// The one reading of a kubeconfig user stanza for what @kubernetes/client-node (1.x and 2.x: exec_auth, gcp_auth,
// azure_auth, file_auth, oidc_auth, config_types) would execute, and the stanza client-node is given instead of the
// user's. client-node picks the first authenticator whose isAuthProvider() matches, in this order: azure (provider
// name), gcp (provider name), exec (user.exec, provider name "exec" or provider config.exec), file (config.tokenFile),
// oidc (provider name). exec spawns `command` with `args` and `{ env }` (a non-array `args` would become spawn's
// options); gcp and azure run `"<cmd-path>" <cmd-args>` through /bin/sh with execSync when their token is missing or
// expired. Anything this reading does not fully understand is refused with a problem naming the field.
import { isRecord } from '../../../common/guards.js';

export type ProgramSource = 'exec' | 'auth-provider-exec' | 'gcp' | 'azure';

/** A program as the kubeconfig declares it, before its executable is found. */
export interface DeclaredProgram {
  source: ProgramSource;
  /** As written; a relative path with a separator already resolved against the kubeconfig's directory. */
  command: string;
  /** exec: the argument vector. gcp/azure: the cmd-args shell text ([] when there is none). */
  args: string[];
  /** The kubeconfig's own environment entries, in order, names unique. */
  env: { name: string; value: string }[];
  /** exec only: the ExecCredential apiVersion it asks for. */
  apiVersion?: string;
}

export type UserPlan =
  | {
      ok: true;
      /** The one program client-node could run for this user, if any. */
      program?: DeclaredProgram;
      /** The checked fields client-node gets besides the program (no file is read yet: see session-user.ts). */
      fields: Record<string, unknown>;
    }
  | { ok: false; problem: string };

const EXEC_KEYS = new Set([
  'apiVersion',
  'command',
  'args',
  'env',
  'installHint',
  'provideClusterInfo',
  'interactiveMode',
]);
// What client-node reads of a gcp or azure provider's config; the rest of the config is passed on untouched only for
// providers that run nothing.
const SHELL_PROVIDER_KEYS = ['access-token', 'expiry', 'expires-on', 'cmd-path', 'cmd-args', 'token-key', 'expiry-key'];
const PROGRAM_KEYS = ['cmd-path', 'cmd-args', 'exec'];
// Plain credential fields passed on as they are (files are read and checked later, see session-user.ts).
const PLAIN_USER_KEYS = [
  'client-certificate',
  'client-certificate-data',
  'client-key',
  'client-key-data',
  'token',
  'tokenFile',
  'token-file',
  'username',
  'password',
  'as',
];
// A JSONPath as kubectl's gcp provider writes it, `{.credential.access_token}`: dotted names only. client-node feeds it
// to jsonpath-plus, whose filter expressions evaluate script.
const SIMPLE_JSONPATH = /^\{(\.[A-Za-z0-9_-]+)+\}$/;
// Characters that keep their meaning inside the double quotes client-node puts around cmd-path.
const SHELL_QUOTE_SPECIAL = /["$`\\\n\r]/;

const kindOf = (value: unknown): string =>
  value === null ? 'null' : Array.isArray(value) ? 'a list' : isRecord(value) ? 'a mapping' : `a ${typeof value}`;

class Refusal extends Error {}

/** Reads a user stanza; `hasDirectory` is false for an upload, where a relative command has nothing to be relative to. */
export function planUser(userName: string, user: Record<string, unknown> | undefined, hasDirectory: boolean): UserPlan {
  if (!user) return { ok: true, fields: {} };
  const where = `User "${userName}"`;
  try {
    const fields: Record<string, unknown> = {};
    for (const key of PLAIN_USER_KEYS) {
      if (user[key] !== undefined && user[key] !== null) fields[key] = user[key];
    }
    const exec = user.exec;
    const provider = user['auth-provider'];
    if (exec !== undefined && exec !== null && provider !== undefined && provider !== null) {
      // kubectl refuses this too; client-node would silently pick one of them depending on the provider's name.
      throw new Refusal(`${where} sets both exec and auth-provider; a user may use only one of them.`);
    }
    if (exec !== undefined && exec !== null) {
      return { ok: true, program: readExec(`${where}: exec`, exec, 'exec', hasDirectory), fields };
    }
    if (provider === undefined || provider === null) return { ok: true, fields };
    const planned = readProvider(where, provider, hasDirectory);
    if (planned.provider) fields['auth-provider'] = planned.provider;
    return planned.program ? { ok: true, program: planned.program, fields } : { ok: true, fields };
  } catch (error) {
    if (error instanceof Refusal) return { ok: false, problem: error.message };
    throw error;
  }
}

function readProvider(
  where: string,
  provider: unknown,
  hasDirectory: boolean,
): { program?: DeclaredProgram; provider?: Record<string, unknown> } {
  if (!isRecord(provider)) throw new Refusal(`${where}: auth-provider must be a mapping, not ${kindOf(provider)}.`);
  const name = provider.name;
  if (name !== undefined && typeof name !== 'string') {
    throw new Refusal(`${where}: auth-provider.name must be a string, not ${kindOf(name)}.`);
  }
  const config = provider.config ?? {};
  if (!isRecord(config)) {
    throw new Refusal(`${where}: auth-provider.config must be a mapping, not ${kindOf(config)}.`);
  }
  const at = `${where}: auth-provider "${name ?? ''}"`;
  if (name === 'gcp' || name === 'azure') {
    if (config.exec !== undefined) throw new Refusal(`${at} has config.exec, which the ${name} provider never runs.`);
    return readShellProvider(at, name, config, hasDirectory);
  }
  if (config.exec !== undefined || name === 'exec') {
    for (const key of ['cmd-path', 'cmd-args']) {
      if (config[key] !== undefined) throw new Refusal(`${at} has config.${key}, which only gcp and azure run.`);
    }
    if (config.exec === undefined || config.exec === null) return {};
    return { program: readExec(`${at}: config.exec`, config.exec, 'auth-provider-exec', hasDirectory) };
  }
  // No program: oidc (it talks to its issuer), a token file, or a provider client-node does not know.
  for (const key of PROGRAM_KEYS) {
    if (config[key] !== undefined) throw new Refusal(`${at} has config.${key}, which that provider never runs.`);
  }
  return { provider: { name, config: { ...config } } };
}

function readShellProvider(
  at: string,
  name: 'gcp' | 'azure',
  config: Record<string, unknown>,
  hasDirectory: boolean,
): { program?: DeclaredProgram; provider: Record<string, unknown> } {
  const kept: Record<string, unknown> = {};
  for (const key of SHELL_PROVIDER_KEYS) {
    const value = config[key];
    if (value === undefined || value === null) continue;
    if (typeof value !== 'string') throw new Refusal(`${at}: config.${key} must be a string, not ${kindOf(value)}.`);
    kept[key] = value;
  }
  const provider = { name, config: kept };
  const cmdPath = kept['cmd-path'] as string | undefined;
  if (cmdPath === undefined || cmdPath === '') {
    if (kept['cmd-args'] !== undefined) throw new Refusal(`${at} has config.cmd-args but no cmd-path.`);
    return { provider };
  }
  if (SHELL_QUOTE_SPECIAL.test(cmdPath)) {
    throw new Refusal(
      `${at}: config.cmd-path holds a quote, $, backquote, backslash or line break, which the shell would interpret.`,
    );
  }
  for (const key of ['token-key', 'expiry-key']) {
    const path = kept[key];
    if (typeof path !== 'string' || !SIMPLE_JSONPATH.test(path)) {
      throw new Refusal(`${at}: config.${key} must be a simple path such as {.credential.access_token}.`);
    }
  }
  const cmdArgs = (kept['cmd-args'] as string | undefined) ?? '';
  const command = checkedCommand(`${at}: config.cmd-path`, cmdPath, hasDirectory);
  return { program: { source: name, command, args: cmdArgs === '' ? [] : [cmdArgs], env: [] }, provider };
}

function readExec(at: string, exec: unknown, source: ProgramSource, hasDirectory: boolean): DeclaredProgram {
  if (!isRecord(exec)) throw new Refusal(`${at} must be a mapping, not ${kindOf(exec)}.`);
  for (const key of Object.keys(exec)) {
    if (!EXEC_KEYS.has(key)) throw new Refusal(`${at} has "${key}", which is not an exec plugin field.`);
  }
  const { command, args, env, apiVersion } = exec;
  if (command === undefined || command === null || command === '') throw new Refusal(`${at} has no command.`);
  if (typeof command !== 'string') throw new Refusal(`${at}.command must be a string, not ${kindOf(command)}.`);
  if (apiVersion !== undefined && typeof apiVersion !== 'string') {
    throw new Refusal(`${at}.apiVersion must be a string, not ${kindOf(apiVersion)}.`);
  }
  for (const key of ['installHint', 'interactiveMode'] as const) {
    if (exec[key] !== undefined && exec[key] !== null && typeof exec[key] !== 'string') {
      throw new Refusal(`${at}.${key} must be a string, not ${kindOf(exec[key])}.`);
    }
  }
  const program: DeclaredProgram = {
    source,
    command: checkedCommand(`${at}.command`, command, hasDirectory),
    args: readArgs(at, args),
    env: readEnv(at, env),
  };
  if (apiVersion !== undefined) program.apiVersion = apiVersion;
  return program;
}

function readArgs(at: string, args: unknown): string[] {
  if (args === undefined || args === null) return [];
  // A mapping here is what client-node would hand to child_process.spawn as its options (env, shell, cwd...).
  if (!Array.isArray(args)) throw new Refusal(`${at}.args must be a list of strings, not ${kindOf(args)}.`);
  return args.map((arg: unknown, i) => {
    if (typeof arg !== 'string') throw new Refusal(`${at}.args[${i}] must be a string, not ${kindOf(arg)}.`);
    if (arg.includes('\0')) throw new Refusal(`${at}.args[${i}] holds a NUL character.`);
    return arg;
  });
}

function readEnv(at: string, env: unknown): { name: string; value: string }[] {
  if (env === undefined || env === null) return [];
  if (!Array.isArray(env)) throw new Refusal(`${at}.env must be a list of {name, value}, not ${kindOf(env)}.`);
  const seen = new Set<string>();
  return env.map((entry: unknown, i) => {
    if (!isRecord(entry)) throw new Refusal(`${at}.env[${i}] must be a mapping with name and value.`);
    const { name, value } = entry;
    for (const key of Object.keys(entry)) {
      if (key !== 'name' && key !== 'value') throw new Refusal(`${at}.env[${i}] has "${key}"; only name and value.`);
    }
    if (typeof name !== 'string' || name === '' || name.includes('=') || name.includes('\0')) {
      throw new Refusal(`${at}.env[${i}].name must be a variable name.`);
    }
    if (typeof value !== 'string') throw new Refusal(`${at}.env[${i}] ("${name}"): value must be a string.`);
    if (value.includes('\0')) throw new Refusal(`${at}.env[${i}] ("${name}"): value holds a NUL character.`);
    if (seen.has(name)) throw new Refusal(`${at}.env sets "${name}" twice.`);
    seen.add(name);
    return { name, value };
  });
}

const hasSeparator = (command: string): boolean => command.includes('/') || command.includes('\\');
const isAbsolute = (command: string): boolean => command.startsWith('/') || /^[A-Za-z]:[\\/]/.test(command);

function checkedCommand(at: string, command: string, hasDirectory: boolean): string {
  if (command.includes('\0')) throw new Refusal(`${at} holds a NUL character.`);
  if (hasSeparator(command) && !isAbsolute(command)) {
    // Files had theirs resolved against their directory by parse.ts; an upload has none, and the host's working
    // directory is not the user's choice.
    throw new Refusal(
      hasDirectory
        ? `${at} is a relative path that could not be resolved.`
        : `${at} is a relative path, and an uploaded kubeconfig has no directory to resolve it against.`,
    );
  }
  return command;
}
