// Where the desktop app keeps its own files, and the backend's options built from it: one place, so the state,
// drafts and consent files (backend) and the window state (main) all land in Electron's userData directory for the
// app, the folder the browser host's defaultStateDir() also names.
import path from 'node:path';
import { app } from 'electron';
import type { BackendOptions } from '../backend/index.js';
import type { MainArgs } from './args.js';
import { utilityLauncher } from './sandbox-process.js';

/** The app's state directory: state.json, drafts.json (and its previous version), consent.json, window-state.json. */
export function stateDir(): string {
  return app.getPath('userData');
}

export function windowStateFile(): string {
  return path.join(stateDir(), 'window-state.json');
}

export function backendOptions(args: MainArgs, env: NodeJS.ProcessEnv = process.env): BackendOptions {
  return {
    kubeconfigEnv: env.KUBECONFIG,
    homeDir: app.getPath('home'),
    sandbox: args.sandbox,
    sandboxLauncher: utilityLauncher,
    stateDir: stateDir(),
    // Command-line files count before the backend decides whether the sandbox is needed.
    kubeconfigFiles: args.kubeconfigs.map((file) => path.resolve(file)),
  };
}
