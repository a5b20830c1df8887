// Shared by the backend integration tests: a backend on a real sandbox cluster, with a sink that folds the deltas it
// receives into the rows a renderer would hold.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import type {
  DaemonSetDelta,
  DaemonSetRow,
  EventName,
  EverynodeEvents,
  StreamArgs,
  StreamDelta,
  StreamEvent,
  StreamName,
} from '../../electron/contract/index.js';
import { createBackend, type Backend, type BackendOptions, type ClientSession } from '../../electron/backend/index.js';

export interface Recorded {
  event: EventName;
  payload: unknown;
}

/** What a renderer store would hold per DaemonSet stream, built only from deltas. */
export class DeltaFolder {
  readonly rows = new Map<string, DaemonSetRow>();
  readonly deltas: DaemonSetDelta[] = [];
  synced = false;
  error: DaemonSetDelta['error'];
  summary: DaemonSetDelta['summary'];

  apply(delta: DaemonSetDelta): void {
    this.deltas.push(delta);
    if (delta.reset) this.rows.clear();
    for (const row of delta.upserts) this.rows.set(row.key, row);
    for (const key of delta.removals) this.rows.delete(key);
    this.synced = delta.synced;
    this.error = delta.error;
    if (delta.summary) this.summary = delta.summary;
  }
}

export class Client {
  readonly events: Recorded[] = [];
  readonly session: ClientSession;
  /** Every delta of every stream, by stream id, in arrival order. */
  private readonly streams = new Map<string, StreamEvent[]>();
  private readonly folders = new Map<string, DeltaFolder>();

  constructor(backend: Backend) {
    this.session = backend.connect({
      emit: <E extends EventName>(event: E, payload: EverynodeEvents[E]) => {
        // Everything that would cross the bridge goes through JSON, as it would on the wire.
        const wire = JSON.parse(JSON.stringify(payload)) as EverynodeEvents[E];
        this.events.push({ event, payload: wire });
        if (event === 'onDidReceiveDelta') {
          const message = wire as StreamEvent;
          this.deltasOf(message.streamId).push(message);
          this.folders.get(message.streamId)?.apply(message.delta as DaemonSetDelta);
        }
      },
    });
  }

  get services(): ClientSession['services'] {
    return this.session.services;
  }

  /** Opens a stream as the renderer's `watch` does; its deltas are recorded under the id it answers. */
  async open<N extends StreamName>(name: N, ...args: StreamArgs<N>): Promise<string> {
    return (await this.services.streams.open(name, args)).streamId;
  }

  /** The deltas a stream has sent so far (deltas may arrive before `open` answers: they are kept). */
  deltas<N extends StreamName>(id: string, _name?: N): StreamDelta<N>[] {
    return this.deltasOf(id).map((message) => message.delta as StreamDelta<N>);
  }

  /** Whether the backend ended the stream (its last delta said so). */
  ended(id: string): boolean {
    return this.deltasOf(id).some((message) => message.ended === true);
  }

  /** A DaemonSet stream's rows as the renderer would fold them, kept up to date. */
  folder(id: string): DeltaFolder {
    let folder = this.folders.get(id);
    if (!folder) {
      this.folders.set(id, (folder = new DeltaFolder()));
      for (const message of this.deltasOf(id)) folder.apply(message.delta as DaemonSetDelta);
    }
    return folder;
  }

  private deltasOf(id: string): StreamEvent[] {
    let list = this.streams.get(id);
    if (!list) this.streams.set(id, (list = []));
    return list;
  }
}

export async function waitFor(
  check: () => boolean | Promise<boolean>,
  timeoutMs = 20_000,
  what = 'condition',
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** A sandbox's kubeconfig written as `config` (mode 0600, as kubectl expects) in a new temporary folder. */
export function kubeconfigFileOf(
  sandbox: { kubeconfig: string },
  prefix = 'everynode-kc-',
): { dir: string; file: string } {
  const dir = tempDir(prefix);
  const file = path.join(dir, 'config');
  fs.writeFileSync(file, sandbox.kubeconfig, { mode: 0o600 });
  return { dir, file };
}

/** Waits until the backend has connected its active context, and names that context. */
export async function connectedContext(client: Client): Promise<string> {
  await waitFor(async () => (await client.services.clusters.getState()).connection.state === 'connected', 15_000);
  return (await client.services.clusters.getState()).activeContext ?? '';
}

export async function backendFor(
  kubeconfigFiles: string[],
  extra: Partial<BackendOptions> = {},
): Promise<{ backend: Backend; dir: string }> {
  const dir = tempDir('everynode-backend-');
  const backend = await createBackend({
    kubeconfigEnv: kubeconfigFiles.join(path.delimiter),
    homeDir: dir,
    sandbox: 'off',
    stateDir: path.join(dir, 'state'),
    tuning: { livenessMs: 3000, backoffBaseMs: 100, backoffMaxMs: 1000, flushMs: 50, requestTimeoutMs: 5000 },
    ...extra,
  });
  return { backend, dir };
}

interface KubeconfigDoc {
  contexts?: { name: string; context: { user?: string } }[];
  users?: { name: string; user: Record<string, unknown> }[];
}

/**
 * The context of one of the sandbox's users (`admin`, `developer`, `operator`). The sandbox names its users and
 * contexts `<cluster>-<role>`; the user is looked up by that suffix and its context by the user.
 */
export function contextOfRole(kubeconfig: string, role: string): string {
  const doc = parseYaml(kubeconfig) as KubeconfigDoc;
  const user = doc.users?.find((u) => u.name.endsWith(`-${role}`))?.name ?? role;
  const found = doc.contexts?.find((c) => c.context.user === user);
  if (!found) throw new Error(`no context for user ${user}`);
  return found.name;
}

/** Every credential in a kubeconfig, in the forms a leak could take: raw, base64 and decoded PEM. */
export function secretsOf(kubeconfig: string): string[] {
  const doc = parseYaml(kubeconfig) as KubeconfigDoc;
  const secrets: string[] = [];
  for (const { user } of doc.users ?? []) {
    for (const key of ['token', 'client-key-data', 'client-certificate-data', 'password']) {
      const value = user[key];
      if (typeof value !== 'string' || value === '') continue;
      secrets.push(value);
      if (key.endsWith('-data')) {
        const pem = Buffer.from(value, 'base64').toString('utf8');
        // The body lines of the PEM (base64 of the DER), any one of which would be a leak.
        secrets.push(...pem.split('\n').filter((line) => line.length >= 40 && !line.startsWith('-----')));
      }
    }
  }
  return secrets;
}
