import type { ContextSession } from '../session/session.js';
import type { InformerSource } from '../watch/informer.js';
import type { InformerHandle, WatchManager } from '../watch/manager.js';
import type { InformerStore } from '../watch/store.js';
import { listProjected } from '../watch/raw-list.js';
import type { ListResult } from '../watch/types.js';
import { collectionPath, type Kind } from './kinds.js';
import type { KubeObject } from './objects.js';
import { isRecord } from '../../../common/guards.js';

/** Which objects of a kind: one namespace (else all), and the API's own label and field selectors. */
export interface Scope {
  namespace?: string;
  labelSelector?: string;
  fieldSelector?: string;
}

/**
 * What a consumer keeps of each object (the cache then holds small objects instead of whole ones). Its name is part
 * of the watch key: two consumers share an informer only when they keep the same. Undefined drops the object.
 */
export interface Projection<P> {
  name: string;
  project(raw: unknown): P | undefined;
  /** Values the informer indexes each kept object by besides namespace and labels (Informer.indexed). */
  index?(object: P): string[];
  /** A compact store of its own for the informer's cache (the same answers as the default map of objects). */
  store?(): InformerStore<P>;
}

/** The object whole, as the API sent it (anything without metadata is not an object of the kind). */
const whole: Projection<KubeObject> = {
  name: 'whole',
  project: (raw) => (isRecord(raw) && isRecord(raw.metadata) ? raw : undefined),
};

/** Only the object's name (pickers that offer names). */
export const nameOnly: Projection<string> = {
  name: 'name',
  project: (raw) => {
    const name = isRecord(raw) && isRecord(raw.metadata) ? raw.metadata.name : undefined;
    return typeof name === 'string' ? name : undefined;
  },
};

function queryOf(scope: Scope): Record<string, string> {
  const query: Record<string, string> = {};
  if (scope.labelSelector !== undefined && scope.labelSelector !== '') query.labelSelector = scope.labelSelector;
  if (scope.fieldSelector !== undefined && scope.fieldSelector !== '') query.fieldSelector = scope.fieldSelector;
  return query;
}

/** The one way to list and watch a collection: raw list (list-items.ts) and raw watch on the same path and query. */
export function sourceFor<T extends KubeObject>(
  session: ContextSession,
  kind: Kind<T>,
  scope: Scope,
): InformerSource<T>;
export function sourceFor<P extends KubeObject>(
  session: ContextSession,
  kind: Kind,
  scope: Scope,
  projection: Projection<P>,
): InformerSource<P>;
export function sourceFor(
  session: ContextSession,
  kind: Kind,
  scope: Scope,
  projection: Projection<KubeObject> = whole,
): InformerSource<KubeObject> {
  const path = collectionPath(kind, scope.namespace);
  const query = queryOf(scope);
  const config = session.kubeConfig;
  return {
    path,
    query,
    config,
    classify: (error) => session.classify(error),
    project: projection.project,
    index: projection.index,
    store: projection.store,
    list: () => listProjected(config, path, query, config.requestTimeoutMs, projection.project),
  };
}

/** The watch manager's key: informers are shared by session, kind, scope and projection, and by nothing less. */
export function watchKey(
  session: ContextSession,
  kind: Kind,
  scope: Scope,
  projection?: Projection<KubeObject>,
): string {
  const resource = kind.group === '' ? kind.plural : `${kind.plural}.${kind.group}`;
  return JSON.stringify([
    session.id,
    resource,
    kind.namespaced ? (scope.namespace ?? '*') : '',
    scope.labelSelector ?? '',
    scope.fieldSelector ?? '',
    (projection ?? whole).name,
  ]);
}

/** The shared informer of a kind in a scope (started by the first holder, stopped when the last one disposes). */
export function watchKind<T extends KubeObject>(
  manager: WatchManager,
  session: ContextSession,
  kind: Kind<T>,
  scope: Scope,
): InformerHandle<T>;
export function watchKind<P extends KubeObject>(
  manager: WatchManager,
  session: ContextSession,
  kind: Kind,
  scope: Scope,
  projection: Projection<P>,
): InformerHandle<P>;
export function watchKind(
  manager: WatchManager,
  session: ContextSession,
  kind: Kind,
  scope: Scope,
  projection: Projection<KubeObject> = whole,
): InformerHandle<KubeObject> {
  const key = watchKey(session, kind, scope, projection);
  return manager.acquire(key, session.name, () => sourceFor(session, kind, scope, projection));
}

/** One list, no watch (the wizard's pickers, a rollback's revisions); failures are AppErrors naming the context. */
export function listObjects<T extends KubeObject>(
  session: ContextSession,
  kind: Kind<T>,
  scope: Scope,
): Promise<ListResult<T>>;
export function listObjects<P>(
  session: ContextSession,
  kind: Kind,
  scope: Scope,
  projection: Projection<P>,
): Promise<ListResult<P>>;
export function listObjects(
  session: ContextSession,
  kind: Kind,
  scope: Scope,
  projection: Projection<unknown> = whole,
): Promise<ListResult<unknown>> {
  const config = session.kubeConfig;
  const path = collectionPath(kind, scope.namespace);
  return session.call(() => listProjected(config, path, queryOf(scope), config.requestTimeoutMs, projection.project));
}
