import path from 'node:path';

export interface RunningSandbox {
  kubeconfig: string;
  stop(): Promise<void>;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

/**
 * Starts the built-in sandbox cluster in this process through its public entry point. Loaded lazily: users with a
 * kubeconfig never pay for it.
 */
export async function startBuiltInSandbox(
  stateDir: string,
  options: { speed?: number; nodes?: number; name?: string } = {},
): Promise<RunningSandbox> {
  const entry = '../sandbox-cluster/index.js';
  const module: unknown = await import(/* @vite-ignore */ entry);
  if (!isRecord(module) || typeof module.startSandbox !== 'function') throw new Error('sandbox entry point missing');
  const started: unknown = await (module.startSandbox as (o: Record<string, unknown>) => Promise<unknown>)({
    port: 0,
    name: options.name ?? 'sandbox',
    ...(options.speed !== undefined ? { speed: options.speed } : {}),
    ...(options.nodes !== undefined ? { nodes: options.nodes } : {}),
    dataDir: path.join(stateDir, 'sandbox'),
  });
  if (!isRecord(started) || typeof started.kubeconfig !== 'string' || typeof started.stop !== 'function') {
    throw new Error('the sandbox did not start');
  }
  const stop = started.stop as () => Promise<void>;
  return { kubeconfig: started.kubeconfig, stop: () => stop.call(started) };
}
