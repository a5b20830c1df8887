// The in-process ClusterApi used by controllers and kubelets: the same registry as HTTP, with copies in and out so a
// caller can never change stored objects behind the registry's back.
import { resourceInfo } from '../store/resources.js';
import { SYSTEM_ACTOR, type ClusterApi, type KubeObject, type ResourceName, type StoreEvent } from '../types.js';
import type { EventRecorder } from './events.js';
import type { Registry } from './registry.js';
import { matchesLabels, selectorFromMap } from '../apimachinery/selectors.js';

const FIELD_MANAGER = 'sandbox-controllers';

export function createClusterApi(registry: Registry, recorder: EventRecorder, clock: () => number): ClusterApi {
  const store = registry.store;
  const namespaceOf = (resource: ResourceName, namespace: string | undefined): string | undefined =>
    resourceInfo(resource).namespaced ? namespace : undefined;
  return {
    get(resource, namespace, name) {
      const o = store.get(resource, namespaceOf(resource, namespace), name);
      return o ? structuredClone(o) : undefined;
    },
    list(resource, namespace, labelSelector) {
      const selector = labelSelector ? selectorFromMap(labelSelector) : undefined;
      const ns = namespaceOf(resource, namespace);
      return store
        .list(resource, ns)
        .filter((o) => !selector || matchesLabels(selector, o.metadata.labels))
        .map((o) => structuredClone(o));
    },
    create(resource, object) {
      const full = { ...object, metadata: { ...object.metadata } } as KubeObject;
      return structuredClone(registry.create(resource, full, { actor: SYSTEM_ACTOR, fieldManager: FIELD_MANAGER }));
    },
    update(resource, object) {
      return structuredClone(registry.update(resource, object, { actor: SYSTEM_ACTOR, fieldManager: FIELD_MANAGER }));
    },
    updateStatus(resource, object) {
      return structuredClone(
        registry.update(resource, object, { actor: SYSTEM_ACTOR, fieldManager: FIELD_MANAGER, subresource: 'status' }),
      );
    },
    delete(resource, namespace, name, options) {
      registry.delete(resource, namespace, name, options);
    },
    subscribe(listener) {
      return store.subscribe((e) => {
        const event: StoreEvent = { type: e.type, resource: e.resource, object: structuredClone(e.object) };
        if (e.old) event.old = structuredClone(e.old);
        listener(event);
      });
    },
    addAdmission(hook) {
      registry.admission.push(hook);
    },
    recordEvent(involved, type, reason, message, source) {
      recorder.record(involved, type, reason, message, source);
    },
    now: clock,
  };
}
