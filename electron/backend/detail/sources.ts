import type { CoreV1Event, V1ControllerRevision, V1Node } from '@kubernetes/client-node';
import type { ContextSession } from '../session/session.js';
import type { InformerSource } from '../watch/informer.js';

// Collections the detail page watches besides the DaemonSets and pods the list already knows (daemonsets/sources.ts).

export function nodeSource(session: ContextSession): InformerSource<V1Node> {
  return {
    path: '/api/v1/nodes',
    config: session.kubeConfig,
    classify: (error) => session.classify(error),
    list: async () => {
      const list = await session.core.listNode({});
      return { items: list.items, resourceVersion: list.metadata?.resourceVersion ?? '' };
    },
  };
}

export function eventSource(session: ContextSession, namespace: string): InformerSource<CoreV1Event> {
  return {
    path: `/api/v1/namespaces/${encodeURIComponent(namespace)}/events`,
    config: session.kubeConfig,
    classify: (error) => session.classify(error),
    list: async () => {
      const list = await session.core.listNamespacedEvent({ namespace });
      return { items: list.items, resourceVersion: list.metadata?.resourceVersion ?? '' };
    },
  };
}

export function revisionSource(
  session: ContextSession,
  namespace: string,
  labelSelector: string,
): InformerSource<V1ControllerRevision> {
  return {
    path: `/apis/apps/v1/namespaces/${encodeURIComponent(namespace)}/controllerrevisions`,
    query: { labelSelector },
    config: session.kubeConfig,
    classify: (error) => session.classify(error),
    list: async () => {
      const list = await session.apps.listNamespacedControllerRevision({ namespace, labelSelector });
      return { items: list.items, resourceVersion: list.metadata?.resourceVersion ?? '' };
    },
  };
}
