// The in-process ClusterApi used by controllers and kubelets: the same registry as HTTP, without copies. Objects read,
// returned by writes and delivered in events are the stored ones, shared by every reader: the store never mutates them
// and freezes them outside production, so a caller copies (spread or structuredClone) before changing anything.
import { SYSTEM_ACTOR, type ClusterApi, type KubeObject, type ResourceName } from '../types.js';
import type { EventRecorder } from './events.js';
import type { Registry } from './registry.js';
import { matchesLabels, selectorFromMap } from '../apimachinery/selectors.js';

const FIELD_MANAGER = 'sandbox-controllers';

export function createClusterApi(registry: Registry, recorder: EventRecorder, clock: () => number): ClusterApi {
  const store = registry.store;
  const namespaceOf = (resource: ResourceName, namespace: string | undefined): string | undefined =>
    registry.kinds.get(resource).namespaced ? namespace : undefined;
  const write = { actor: SYSTEM_ACTOR, fieldManager: FIELD_MANAGER };
  return {
    get(resource, namespace, name) {
      return store.get(resource, namespaceOf(resource, namespace), name);
    },
    list(resource, namespace, labelSelector) {
      const objects = store.list(resource, namespaceOf(resource, namespace));
      if (!labelSelector) return objects;
      const selector = selectorFromMap(labelSelector);
      return objects.filter((o) => matchesLabels(selector, o.metadata.labels));
    },
    create(resource, object) {
      // The registry works on its own deep copy of the input, so the caller's object is never frozen or changed.
      const full = { ...object, metadata: { ...object.metadata } } as KubeObject;
      return registry.create(resource, full, write);
    },
    update(resource, object) {
      return registry.update(resource, object, write);
    },
    updateStatus(resource, object) {
      return registry.update(resource, object, { ...write, subresource: 'status' });
    },
    delete(resource, namespace, name, options) {
      registry.delete(resource, namespace, name, options);
    },
    subscribe(listener) {
      // One event object per commit, shared by every subscriber (frozen outside production, like the objects in it).
      return store.subscribe(listener);
    },
    addAdmission(hook) {
      registry.addAdmission(hook);
    },
    recordEvent(involved, type, reason, message, source) {
      recorder.record(involved, type, reason, message, source);
    },
    now: clock,
    resources() {
      return registry.kinds.stored().map((d) => ({
        resource: d.resource,
        group: d.group,
        version: d.version,
        kind: d.kind,
        plural: d.plural,
        namespaced: d.namespaced,
      }));
    },
  };
}
