// The sandbox cluster's only public entry point: start a Kubernetes-compatible API server with its controllers and
// simulated kubelets in this process, and stop it again. The CLI and the desktop app's first run both use this.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tokenUsers } from './auth/authn.js';
import { Authorizer } from './auth/rbac.js';
import { builtinKinds } from './kinds/builtins.js';
import { METRICS_GROUP } from './metrics/api.js';
import { KindCatalog } from './kinds/catalog.js';
import { loadOrCreatePki } from './auth/certs.js';
import { startApiControllers } from './controllers/api-controllers.js';
import { admissionHooks, seedWorld, startControllers, startKubelets } from './controllers/index.js';
import { buildKubeconfig } from './kubeconfig.js';
import { bootstrapCluster } from './seed/bootstrap.js';
import { trackUpdate, applyPatch } from './patch/index.js';
import { createClusterApi } from './registry/cluster-api.js';
import { startEventExpiry } from './registry/event-expiry.js';
import { EventRecorder } from './registry/events.js';
import { Registry } from './registry/registry.js';
import { openApiV2Document, openApiV3Document, openApiV3Index, shapeOf, unknownFieldsIn } from './schema/index.js';
import type { ServerContext } from './server/context.js';
import { faultControls, type FaultControls } from './server/fault-routes.js';
import { FaultState } from './server/faults.js';
import { closeStreams, createApiServer } from './server/http.js';
import { WatchHub } from './server/watch.js';
import { LightWorld } from './light/light-world.js';
import { loadState, persistStore, writeFileAtomic, type Persistence } from './store/persistence.js';
import { DEFAULT_HISTORY_LIMIT, ObjectStore } from './store/store.js';
import type { ClusterApi } from './types.js';

export type { ClusterApi, KubeObject, ResourceName, StoreEvent } from './types.js';
export type { LightWorld, LightDaemonSetSpec } from './light/light-world.js';
export type { LightState, LightFailure } from './light/light-objects.js';
export { StatusError } from './errors.js';

export interface SandboxOptions {
  /** 0 or absent: a random free port. */
  port?: number;
  /** Cluster name in the kubeconfig (contexts `<name>-admin|developer|operator`). Default `sandbox`. */
  name?: string;
  /** Nodes of the seed world (default 6). */
  nodes?: number;
  /** Speed factor for pulls, probes and grace periods (default 1). */
  speed?: number;
  /** Keeps state, CA and credentials here across restarts. */
  dataDir?: string;
  /** Also write the kubeconfig to this file (mode 0600, overwritten). */
  kubeconfigPath?: string;
  /** Interval of watch BOOKMARK events (default 10 s). */
  bookmarkIntervalMs?: number;
  /** Watch history kept per resource (default 10,000 events). */
  historyLimit?: number;
  /** How long an Event lives after its last update, as the API server's --event-ttl (default 1 h). */
  eventTtlMs?: number;
  /** Most Events kept, the least recently updated dropped first on the periodic cleanup (default 20,000). */
  maxEvents?: number;
  /** Where exec-plugin.mjs lives when this module is bundled elsewhere. */
  execPluginPath?: string;
  /**
   * Light-pod mode (benches at thousands of nodes): no seed world, controllers and kubelets paused from the start;
   * `handle.light` adds nodes and DaemonSets with light pods and plays their rollouts (light/light-world.ts).
   */
  light?: boolean;
  /** false: no metrics.k8s.io, as a cluster without metrics-server (404 on its discovery). Default true. */
  metrics?: boolean;
}

export type SandboxFaults = FaultControls;

export interface SandboxHandle {
  name: string;
  url: string;
  port: number;
  /** Kubeconfig YAML text (contains credentials: never log it). */
  kubeconfig: string;
  kubeconfigPath?: string;
  api: ClusterApi;
  faults: SandboxFaults;
  controllers: { pause(): void; resume(): void };
  kubelets: { pause(): void; resume(): void };
  /** Light-pod mode's driver (meant for a sandbox started with `light: true`). */
  light: LightWorld;
  stop(): Promise<void>;
}

const NAME_PATTERN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

function defaultExecPluginPath(): string {
  return join(dirname(fileURLToPath(import.meta.url)), 'exec-plugin.mjs');
}

export async function startSandbox(options: SandboxOptions = {}): Promise<SandboxHandle> {
  const name = options.name ?? 'sandbox';
  if (!NAME_PATTERN.test(name) || name.length > 50) throw new Error(`invalid sandbox name "${name}"`);
  const speed = options.speed !== undefined && options.speed > 0 ? options.speed : 1;
  const clock = (): number => Date.now();

  const store = new ObjectStore(options.historyLimit ?? DEFAULT_HISTORY_LIMIT);
  const restored = options.dataDir ? loadState(store, options.dataDir) : false;
  const kinds = new KindCatalog(builtinKinds().filter((k) => options.metrics !== false || k.group !== METRICS_GROUP));
  const registry = new Registry(store, clock, kinds);
  const recorder = new EventRecorder(registry, clock);
  const api = createClusterApi(registry, recorder, clock);
  const pki = loadOrCreatePki(name, options.dataDir);

  // The operator's token sits in a file the exec plugin reads; a private temp dir when there is no data dir.
  const secretsDir = options.dataDir ?? mkdtempSync(join(tmpdir(), `everynode-${name}-`));
  mkdirSync(secretsDir, { recursive: true, mode: 0o700 });
  const operatorTokenFile = join(secretsDir, 'operator-token');
  writeFileAtomic(operatorTokenFile, pki.operatorToken + '\n');

  for (const hook of admissionHooks(api)) api.addAdmission(hook);
  const controllers = startControllers(api, { speed });
  const apiControllers = startApiControllers(api, registry, kinds);
  const kubelets = startKubelets(api, { speed });
  if (options.light) {
    controllers.pause();
    apiControllers.pause();
    kubelets.pause();
  }
  bootstrapCluster(api);
  if (!restored && !options.light) seedWorld(api, { nodes: options.nodes ?? 6 });
  const stopEventExpiry = startEventExpiry(registry, clock, {
    ttlMs: options.eventTtlMs,
    maxEvents: options.maxEvents,
  });
  const persistence: Persistence | undefined = options.dataDir ? persistStore(store, options.dataDir) : undefined;

  const watches = new WatchHub(store, options.bookmarkIntervalMs ?? 10_000);
  const ctx: ServerContext = {
    name,
    store,
    registry,
    kinds,
    authorizer: new Authorizer(store),
    recorder,
    watches,
    faults: new FaultState(),
    users: tokenUsers(pki.adminToken, pki.operatorToken),
    clock,
    patch: { applyPatch, trackUpdate },
    schema: { openApiV2Document, openApiV3Index, openApiV3Document, unknownFields: unknownFieldsIn, shapeOf },
    logs: (namespace, pod, container, opts) => kubelets.logs(namespace, pod, container, opts),
    components: {
      pauseControllers: () => {
        controllers.pause();
        apiControllers.pause();
      },
      resumeControllers: () => {
        controllers.resume();
        apiControllers.resume();
      },
      pauseKubelets: () => kubelets.pause(),
      resumeKubelets: () => kubelets.resume(),
    },
  };
  const server = createApiServer(ctx, pki);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  bootstrapCluster(api, { apiPort: port });
  const url = `https://127.0.0.1:${port}`;
  const kubeconfig = buildKubeconfig({
    name,
    url,
    pki,
    execCommand: process.execPath,
    execPluginPath: options.execPluginPath ?? defaultExecPluginPath(),
    operatorTokenFile,
  });
  if (options.kubeconfigPath) writeFileAtomic(options.kubeconfigPath, kubeconfig, 0o600);

  let stopped: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopped ??= (async () => {
      stopEventExpiry();
      controllers.stop();
      apiControllers.stop();
      kubelets.stop();
      watches.closeAll();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
        closeStreams(server);
      });
      persistence?.stop();
      if (!options.dataDir) rmSync(secretsDir, { recursive: true, force: true });
    })();
    return stopped;
  };

  return {
    name,
    url,
    port,
    kubeconfig,
    kubeconfigPath: options.kubeconfigPath,
    api,
    faults: faultControls(ctx),
    controllers: {
      pause: () => {
        controllers.pause();
        apiControllers.pause();
      },
      resume: () => {
        controllers.resume();
        apiControllers.resume();
      },
    },
    kubelets: { pause: () => kubelets.pause(), resume: () => kubelets.resume() },
    light: new LightWorld(store, api),
    stop,
  };
}
