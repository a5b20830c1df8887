// The controllers behind the API kinds of round two (kube-controller-manager's namespace, serviceaccount, disruption
// and clusterrole-aggregation controllers, and apiextensions' CRD controllers), started beside the workload ones.
import { CrdController } from '../crd/controller.js';
import type { KindCatalog } from '../kinds/catalog.js';
import type { Registry } from '../registry/registry.js';
import { SYSTEM_ACTOR, type ClusterApi } from '../types.js';
import { loopGroup, type ControlLoop } from './control-loop.js';
import { EventBus } from './event-bus.js';
import { NamespaceController } from './namespaces.js';
import { WorkloadStatusController } from './workload-status.js';

export function startApiControllers(api: ClusterApi, registry: Registry, kinds: KindCatalog): ControlLoop {
  const bus = new EventBus(api);
  const finalizer = {
    finalize(namespace: Parameters<Registry['update']>[1], finalizers: string[]) {
      registry.update(
        'namespaces',
        { ...namespace, spec: { ...namespace.spec, finalizers } },
        { subresource: 'finalize', actor: SYSTEM_ACTOR },
      );
    },
  };
  const loops: ControlLoop[] = [
    new CrdController(api, kinds, bus),
    new NamespaceController(api, finalizer, bus),
    new WorkloadStatusController(api, bus),
  ];
  return loopGroup(loops, () => bus.stop());
}
