import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';

export interface CliOptions {
  port: number;
  kubeconfigs: string[];
  sandbox: 'auto' | 'on' | 'off';
  /** Credential programs allowed without asking: a bare name (found on PATH) or an absolute path. */
  allowPrograms: string[];
}

export const WEB_USAGE = `Usage: npm run web -- [options]   (or: node dist/web/cli.mjs [options])
Serves the app to a browser on 127.0.0.1 and prints its address, with a token that signs in once.

  --port P               port to listen on (default: a free one)
  --kubeconfig FILE      a kubeconfig to use (repeatable); with one, the sandbox is not started unless --sandbox
  --sandbox              start the built-in sandbox cluster even when a kubeconfig exists
  --no-sandbox           never start the sandbox cluster
  --allow-program NAME   a credential program allowed without asking (a command name or an absolute path; repeatable)
  --help, -h             show this help
`;

/** Whether the arguments ask for the usage text (checked before parsing, so --help works beside any other flag). */
export const wantsHelp = (argv: readonly string[]): boolean => argv.includes('--help') || argv.includes('-h');

export function parseCli(argv: string[]): CliOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string' },
      kubeconfig: { type: 'string', multiple: true },
      sandbox: { type: 'boolean' },
      'no-sandbox': { type: 'boolean' },
      'allow-program': { type: 'string', multiple: true },
    },
    strict: true,
    allowPositionals: false,
  });
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65_535)
    throw new Error(`--port needs a port number, not ${values.port}.`);
  if (values.sandbox === true && values['no-sandbox'] === true) throw new Error('--sandbox and --no-sandbox conflict.');
  const kubeconfigs = values.kubeconfig ?? [];
  // With no flag the backend starts the sandbox only when no kubeconfig exists at all; a --kubeconfig is one.
  let sandbox: CliOptions['sandbox'] = kubeconfigs.length > 0 ? 'off' : 'auto';
  if (values.sandbox === true) sandbox = 'on';
  if (values['no-sandbox'] === true) sandbox = 'off';
  const allowPrograms = (values['allow-program'] ?? []).map((entry) => entry.trim());
  for (const entry of allowPrograms) {
    if (entry === '' || (entry.includes('/') && !path.isAbsolute(entry))) {
      throw new Error(`--allow-program needs a command name or an absolute path, not "${entry}".`);
    }
  }
  return { port, kubeconfigs, sandbox, allowPrograms };
}

/** Where the app keeps its state: the same folder Electron's userData uses for an app named "everynode". */
export function defaultStateDir(env: NodeJS.ProcessEnv = process.env, home = os.homedir()): string {
  if (process.platform === 'win32') return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), 'everynode');
  if (process.platform === 'darwin') return path.join(home, 'Library', 'Application Support', 'everynode');
  // The XDG spec says a relative or empty XDG_CONFIG_HOME is invalid and must be ignored: it would put the app's state
  // in whatever directory the app was started from.
  const xdg = env.XDG_CONFIG_HOME;
  return path.join(xdg && path.isAbsolute(xdg) ? xdg : path.join(home, '.config'), 'everynode');
}
