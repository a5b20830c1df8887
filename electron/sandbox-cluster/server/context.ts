// What the HTTP layer needs from the rest of the sandbox.
import type { TokenUser } from '../auth/authn.js';
import type { EventRecorder } from '../registry/events.js';
import type { Registry } from '../registry/registry.js';
import type { ObjectStore } from '../store/store.js';
import type { KubeObject, ResourceName } from '../types.js';
import type { FaultState } from './faults.js';
import type { WatchHub } from './watch.js';

export interface PatchFunctions {
  applyPatch(
    contentType: string,
    current: KubeObject | undefined,
    body: string,
    options: { fieldManager?: string; force?: boolean; resource: ResourceName; now: string },
  ): KubeObject;
  trackUpdate(
    manager: string,
    operation: 'Update',
    old: KubeObject | undefined,
    updated: KubeObject,
    now: string,
  ): KubeObject;
}

export interface SchemaFunctions {
  openApiV3Index(): object;
  openApiV3Document(path: string): object | undefined;
  unknownFields(apiVersion: string, kind: string, object: unknown): string[];
}

export interface ServerContext {
  name: string;
  store: ObjectStore;
  registry: Registry;
  recorder: EventRecorder;
  watches: WatchHub;
  faults: FaultState;
  users: TokenUser[];
  clock: () => number;
  patch: PatchFunctions;
  schema: SchemaFunctions;
  /** Container logs kept by the simulated kubelets (throws StatusErrors for unknown/waiting containers). */
  logs(
    namespace: string,
    pod: string,
    container: string,
    options: { timestamps?: boolean; previous?: boolean },
  ): string[];
  /** Hooks the fault endpoints call to pause/resume controllers and kubelets. */
  components: { pauseControllers(): void; resumeControllers(): void; pauseKubelets(): void; resumeKubelets(): void };
}
