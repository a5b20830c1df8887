// The desktop app's built-in sandbox runs in an Electron utility process (a Node child of the app that needs no
// separate Node install), so its admission, scheduling and kubelet work never stall the main process.
import { utilityProcess } from 'electron';
import type { SandboxLauncher } from '../backend/index.js';

export const utilityLauncher: SandboxLauncher = (entry, args, execArgv) => {
  const child = utilityProcess.fork(entry, args, {
    execArgv,
    serviceName: 'Everynode sandbox cluster',
    stdio: 'inherit',
  });
  return {
    postMessage: (message) => child.postMessage(message),
    onMessage: (listener) => child.on('message', listener),
    onExit: (listener) => child.on('exit', listener),
    kill: () => void child.kill(),
  };
};
