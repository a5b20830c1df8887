// `npm start`: opens the Electron app, or the browser host where Electron's binary is not installed.
// Requiring the `electron` package is avoided on purpose: since Electron 42 it downloads the binary the first time it
// is required (no more postinstall) and throws where that fails, so the binary is looked for on disk instead, the
// way the package's own index.js does (path.txt, ELECTRON_OVERRIDE_DIST_PATH), and fetched by its installer.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

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
  const result = [];
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

function run(command, commandArgs, env = process.env) {
  const child = spawn(command, commandArgs, { cwd: root, stdio: 'inherit', env });
  const forward = (signal) => child.kill(signal);
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
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
    run(process.execPath, [path.join(root, 'dist', 'web', 'cli.mjs'), ...args]);
    return;
  }
  // ELECTRON_RUN_AS_NODE in the environment would turn the app into a plain Node process.
  const env = { ...process.env };
  delete env.ELECTRON_RUN_AS_NODE;
  run(electron, [path.join(root, 'dist', 'main', 'main.cjs'), ...electronArgs(args)], env);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main();
}
