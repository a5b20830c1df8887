import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);

// Children still alive when the test process exits (a crashed worker, an interrupted run) are killed with it.
const children = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of children) child.kill('SIGKILL');
});

export interface Running {
  process: ChildProcess;
  stop(): Promise<void>;
}

/** Starts a long-running command and waits for the line that says it is ready. */
function startUntil(args: string[], ready: RegExp, env: NodeJS.ProcessEnv, timeoutMs = 60_000) {
  return new Promise<{ running: Running; match: RegExpMatchArray }>((resolve, reject) => {
    // Node with tsx's loader rather than the tsx wrapper: one process, so a signal reaches the program itself.
    const child = spawn(process.execPath, ['--import', 'tsx', ...args], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.add(child);
    child.once('exit', () => children.delete(child));
    let output = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`timed out waiting for ${ready} from ${args.join(' ')}:\n${output}`));
    }, timeoutMs);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = output.match(ready);
      if (match) {
        clearTimeout(timer);
        resolve({ running: { process: child, stop: () => stopProcess(child) }, match });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${args.join(' ')} exited with ${code}:\n${output}`));
    });
  });
}

function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `everynode-${prefix}-`));
}

export interface Sandbox extends Running {
  kubeconfig: string;
  url: string;
}

/**
 * Runs `npm run sandbox` as users do (its CLI), with fast pulls so a rollout takes seconds. `at` starts it again on a
 * port and kubeconfig file an earlier one used: with no data directory it comes back with a new CA and credentials.
 */
export async function startSandbox(
  name: string,
  speed = 5,
  at?: { kubeconfig: string; port: string },
  extraArgs: string[] = [],
): Promise<Sandbox> {
  const kubeconfig = at?.kubeconfig ?? join(tempDir(name), 'kubeconfig.yaml');
  const { running, match } = await startUntil(
    [
      'electron/sandbox-cluster/cli.ts',
      '--port',
      at?.port ?? '0',
      '--kubeconfig',
      kubeconfig,
      '--name',
      name,
      '--speed',
      String(speed),
      ...extraArgs,
    ],
    /sandbox ready: (https:\/\/127\.0\.0\.1:\d+) kubeconfig=/,
    {},
  );
  return { ...running, kubeconfig, url: match[1] ?? '' };
}

export interface WebHost extends Running {
  url: string;
  origin: string;
}

/** Runs the browser host (`npm run web`'s CLI) against the given kubeconfig files. */
export async function startWebHost(
  kubeconfigs: string[],
  extraArgs: string[] = [],
  home = tempDir('home'),
): Promise<WebHost> {
  const { running, match } = await startUntil(
    ['electron/web/cli.ts', '--port', '0', ...extraArgs],
    /everynode web: (http:\/\/127\.0\.0\.1:\d+)\/\?token=\S+/,
    { KUBECONFIG: kubeconfigs.join(':'), HOME: home, XDG_CONFIG_HOME: join(home, '.config') },
  );
  const origin = match[1] ?? '';
  return { ...running, url: match[0].replace('everynode web: ', ''), origin };
}

export async function kubectl(kubeconfig: string, args: string[], input?: string): Promise<string> {
  if (input !== undefined) {
    const file = join(tempDir('manifest'), 'input.yaml');
    writeFileSync(file, input);
    args = args.map((arg) => (arg === '-' ? file : arg));
  }
  const { stdout } = await execFileAsync('kubectl', ['--kubeconfig', kubeconfig, ...args], { timeout: 60_000 });
  return stdout;
}

/** What a spec started, undone in reverse order by afterAll — also when beforeAll failed halfway. */
export class Cleanup {
  private readonly tasks: (() => Promise<unknown>)[] = [];

  /** Remembers how to stop a process (or close a browser context) and returns it unchanged. */
  add<T extends { stop(): Promise<void> } | { close(): Promise<void> }>(thing: T): T {
    this.tasks.push(() => ('stop' in thing ? thing.stop() : thing.close()));
    return thing;
  }

  async run(): Promise<void> {
    const errors: unknown[] = [];
    for (const task of this.tasks.splice(0).reverse()) await task().catch((e: unknown) => errors.push(e));
    if (errors.length > 0) throw errors[0];
  }
}
