// `npm start`: opens the Electron app, or the browser host where Electron's binary is not installed.
// Requiring the `electron` package is avoided on purpose: since Electron 42 it downloads the binary the first time it
// is required (no more postinstall) and throws where that fails, so the binary is looked for on disk instead, the
// way the package's own index.js does (path.txt, ELECTRON_OVERRIDE_DIST_PATH), and fetched by its installer.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { HOST_NODE_FLAGS } from './host-node-flags.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const electronDir = path.join(root, 'node_modules', 'electron');
const args = process.argv.slice(2);

/**
 * The Electron executable, when it is on disk: `dist/<path.txt>` in the package, or in ELECTRON_OVERRIDE_DIST_PATH
 * (a binary kept elsewhere), as the package's index.js resolves it.
 * @returns {string | undefined}
 */
export function findElectronBinary(dir = electronDir, env = process.env) {
  let relative = '';
  try {
    relative = readFileSync(path.join(dir, 'path.txt'), 'utf8').trim();
  } catch {
    // Not installed yet: only an override can name the binary.
  }
  const override = env.ELECTRON_OVERRIDE_DIST_PATH;
  const executable = override
    ? path.join(override, relative || (process.platform === 'win32' ? 'electron.exe' : 'electron'))
    : relative && path.join(dir, 'dist', relative);
  return executable && existsSync(executable) ? executable : undefined;
}

/**
 * The browser host's flags as Electron takes them. `--no-sandbox` must never reach Electron as it is: Chromium reads
 * it and turns off the renderer sandbox. `--port` means nothing to a window.
 */
export function electronArgs(hostArgs) {
  // The backend lives in Electron's main process, whose V8 reads its flags only from the command line it starts with
  // (app.commandLine.appendSwitch reaches the renderers alone): the same heap sizing as the browser host.
  const result = [`--js-flags=${HOST_NODE_FLAGS.join(' ')}`];
  for (let i = 0; i < hostArgs.length; i++) {
    const arg = hostArgs[i];
    if (arg === '--sandbox') result.push('--everynode-sandbox=on');
    else if (arg === '--no-sandbox') result.push('--everynode-sandbox=off');
    else if (arg === '--port') i++;
    else if (!arg.startsWith('--port=')) result.push(arg);
  }
  return result;
}

/** Runs the package's installer (its `install-electron` command) once; without internet it fails within a second. */
export function tryInstallElectron(dir = electronDir) {
  const installer = path.join(dir, 'install.js');
  if (!existsSync(installer)) return;
  // One bounded attempt: a slow network must not hang `npm start`.
  spawnSync(process.execPath, [installer], { cwd: dir, stdio: 'ignore', timeout: 120_000 });
}

/** How many of the host's last stderr lines the stop message repeats. */
const TAIL_LINES = 12;

/**
 * What `npm start` prints when the app it started stops on its own with a failure: how it ended, the last lines it
 * wrote to stderr (the cause is usually there), and what to do. Nothing for a clean exit or a stop the user asked for.
 * @param {{ what: string, code: number | null, signal: string | null, stderr: string, startError?: string }} ended
 * @returns {string}
 */
export function stopMessage({ what, code, signal, stderr, startError }) {
  if (startError) return `everynode: ${what} could not start: ${startError}\n`;
  const how = signal ? `was killed by signal ${signal}` : `exited with code ${code}`;
  const tail = stderr
    .split(/\r?\n/)
    .filter((line) => line.trim() !== '')
    .slice(-TAIL_LINES);
  const lines = [`everynode: ${what} stopped: it ${how}.`];
  if (tail.length > 0) lines.push(`Its last output on stderr:`, ...tail.map((line) => `  ${line}`));
  else lines.push('It wrote nothing to stderr.');
  lines.push(
    signal === 'SIGKILL'
      ? 'Something outside the app ended it (the system when memory ran out, or another program). Run `npm start` again.'
      : 'Run `npm start` again; if it stops the same way, the lines above say why.',
  );
  return `${lines.join('\n')}\n`;
}

/**
 * Runs the app, passes Ctrl+C and SIGTERM on to it, and resolves with how it ended. Its stderr is shown as it comes
 * and its last part kept, so that a death nobody asked for is explained (`stopMessage`) instead of a silent exit.
 * @returns {Promise<{ code: number | null, signal: string | null }>}
 */
export function supervise(command, commandArgs, { what, env = process.env, cwd = root, out = process.stderr }) {
  const child = spawn(command, commandArgs, { cwd, stdio: ['inherit', 'inherit', 'pipe'], env });
  let stderr = '';
  let asked = false;
  let startError;
  child.stderr.on('data', (chunk) => {
    out.write(chunk);
    // Enough for the last lines; a chatty host must not grow this without bound.
    stderr = (stderr + chunk.toString()).slice(-16_384);
  });
  const forward = (signal) => {
    asked = true;
    child.kill(signal);
  };
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);
  return new Promise((resolve) => {
    child.on('error', (error) => {
      // No process at all (the file is missing, not executable): there is no exit code to report.
      if (child.pid === undefined) startError = error.message;
    });
    child.on('close', (code, signal) => {
      process.off('SIGINT', forward);
      process.off('SIGTERM', forward);
      if (!asked && (signal || code !== 0)) out.write(stopMessage({ what, code, signal, stderr, startError }));
      resolve({ code, signal });
    });
  });
}

async function run(command, commandArgs, what, env = process.env) {
  const { code, signal } = await supervise(command, commandArgs, { what, env });
  process.exit(code ?? (signal ? 1 : 0));
}

function main() {
  let electron = findElectronBinary();
  if (!electron) {
    tryInstallElectron();
    electron = findElectronBinary();
  }
  if (!electron) {
    console.log("Electron's binary is not installed here; starting the browser host instead.");
    // The bundle `npm run build` made, as `npm run web` runs it: no TypeScript compiled at start-up.
    void run(
      process.execPath,
      [...HOST_NODE_FLAGS, path.join(root, 'dist', 'web', 'cli.mjs'), ...args],
      'the browser host',
    );
    return;
  }
  // ELECTRON_RUN_AS_NODE in the environment would turn the app into a plain Node process.
  const env = { ...process.env };
  delete env.ELECTRON_RUN_AS_NODE;
  void run(electron, [path.join(root, 'dist', 'main', 'main.cjs'), ...electronArgs(args)], 'the desktop app', env);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main();
}
