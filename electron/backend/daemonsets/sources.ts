import type { V1DaemonSet, V1Pod, V1ResourceQuota } from '@kubernetes/client-node';
import type { ContextSession } from '../session/session.js';
import type { InformerSource } from '../watch/informer.js';

// Collection paths and list calls for the resources the list page watches. Lists use the typed APIs; the stream is
// client-node's Watch on the same path.

export function daemonSetSource(session: ContextSession, namespace: string | undefined): InformerSource<V1DaemonSet> {
  return {
    path:
      namespace === undefined
        ? '/apis/apps/v1/daemonsets'
        : `/apis/apps/v1/namespaces/${encodeURIComponent(namespace)}/daemonsets`,
    config: session.kubeConfig,
    classify: (error) => session.classify(error),
    list: async () => {
      const list =
        namespace === undefined
          ? await session.apps.listDaemonSetForAllNamespaces({})
          : await session.apps.listNamespacedDaemonSet({ namespace });
      return { items: list.items, resourceVersion: list.metadata?.resourceVersion ?? '' };
    },
  };
}

export function podSource(session: ContextSession, namespace: string, labelSelector: string): InformerSource<V1Pod> {
  return {
    path: `/api/v1/namespaces/${encodeURIComponent(namespace)}/pods`,
    query: { labelSelector },
    config: session.kubeConfig,
    classify: (error) => session.classify(error),
    list: async () => {
      const list = await session.core.listNamespacedPod({ namespace, labelSelector });
      return { items: list.items, resourceVersion: list.metadata?.resourceVersion ?? '' };
    },
  };
}

export function quotaSource(session: ContextSession, namespace: string): InformerSource<V1ResourceQuota> {
  return {
    path: `/api/v1/namespaces/${encodeURIComponent(namespace)}/resourcequotas`,
    config: session.kubeConfig,
    classify: (error) => session.classify(error),
    list: async () => {
      const list = await session.core.listNamespacedResourceQuota({ namespace });
      return { items: list.items, resourceVersion: list.metadata?.resourceVersion ?? '' };
    },
  };
}
