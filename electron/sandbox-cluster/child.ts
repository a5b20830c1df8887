// The sandbox cluster in a process of its own, as the app runs its built-in sandbox: forked by the browser host
// (child_process.fork) or by the desktop app (Electron's utilityProcess.fork), so admission, scheduling and kubelet
// work never share an event loop with the backend that serves the window. Options arrive as JSON in argv[2]; one
// message goes out, `{ type: 'ready', kubeconfig, url }` or `{ type: 'failed', message }`; `{ type: 'stop' }` (or the
// parent going away) stops the cluster and ends the process.
import { startSandbox, type SandboxHandle, type SandboxOptions } from './index.js';

interface Channel {
  send(message: unknown): void;
  onMessage(listener: (message: unknown) => void): void;
}

interface ParentPort {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (event: { data: unknown }) => void): void;
}

function channel(): Channel {
  // A utility process talks through process.parentPort; a forked Node child through process.send.
  const port = (process as unknown as { parentPort?: ParentPort }).parentPort;
  if (port) return { send: (m) => port.postMessage(m), onMessage: (l) => port.on('message', (e) => l(e.data)) };
  if (process.send) {
    return { send: (m) => process.send?.(m), onMessage: (l) => process.on('message', l) };
  }
  throw new Error('the sandbox process needs an IPC channel to its parent');
}

/** Only the options the app sets; anything else in argv is ignored. */
function optionsFrom(text: string | undefined): SandboxOptions {
  const raw = JSON.parse(text ?? '{}') as Record<string, unknown>;
  const options: SandboxOptions = { port: 0 };
  if (typeof raw.name === 'string') options.name = raw.name;
  if (typeof raw.nodes === 'number') options.nodes = raw.nodes;
  if (typeof raw.speed === 'number') options.speed = raw.speed;
  if (typeof raw.dataDir === 'string') options.dataDir = raw.dataDir;
  return options;
}

async function main(): Promise<void> {
  const parent = channel();
  let sandbox: SandboxHandle | undefined;
  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    void (sandbox?.stop() ?? Promise.resolve()).finally(() => process.exit(0));
  };
  parent.onMessage((message) => {
    if ((message as { type?: unknown } | null)?.type === 'stop') stop();
  });
  process.on('disconnect', stop);
  try {
    sandbox = await startSandbox(optionsFrom(process.argv[2]));
    parent.send({ type: 'ready', kubeconfig: sandbox.kubeconfig, url: sandbox.url });
  } catch (error) {
    parent.send({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
    process.exit(1);
  }
}

void main();
