// What the HTTP layer needs from the rest of the sandbox.
import type { TokenUser } from '../auth/authn.js';
import type { Authorizer } from '../auth/rbac.js';
import type { KindCatalog } from '../kinds/catalog.js';
import type { KindDescriptor } from '../kinds/descriptor.js';
import type { PatchOptions } from '../patch/index.js';
import type { Shape } from '../schema/index.js';
import type { EventRecorder } from '../registry/events.js';
import type { Registry } from '../registry/registry.js';
import type { ObjectStore } from '../store/store.js';
import type { KubeObject } from '../types.js';
import type { FaultState } from './faults.js';
import type { WatchHub } from './watch.js';

export interface PatchFunctions {
  applyPatch(contentType: string, current: KubeObject | undefined, body: string, options: PatchOptions): KubeObject;
  trackUpdate(
    manager: string,
    operation: 'Update',
    old: KubeObject | undefined,
    updated: KubeObject,
    now: string,
    shape?: Shape,
  ): KubeObject;
}

export interface SchemaFunctions {
  openApiV2Document(kinds: KindCatalog): Record<string, unknown>;
  openApiV3Index(kinds: KindCatalog): object;
  openApiV3Document(kinds: KindCatalog, path: string): object | undefined;
  /** Fields of `object` its kind's schema does not know, as strict decoding names them. */
  unknownFields(shape: Shape, object: unknown): string[];
  /** The schema of a served kind, as the patch engines and the unknown-field check walk it. */
  shapeOf(d: KindDescriptor): Shape;
}

export interface ServerContext {
  name: string;
  store: ObjectStore;
  registry: Registry;
  kinds: KindCatalog;
  authorizer: Authorizer;
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
