// ControllerRevisions of a DaemonSet: find the one matching the current template (creating or renumbering it), and
// prune old ones beyond revisionHistoryLimit that no live pod still uses.

import { asStatusError } from '../errors.js';
import type { ClusterApi } from '../types.js';
import type { ControllerRevision, DaemonSet, Pod } from './kinds.js';
import { controllerRef, ownerRefTo } from './kinds.js';
import { HASH_LABEL } from './pod-util.js';
import { matchesSelectorObject } from '../apimachinery/selectors.js';
import { revisionData, revisionMatches, templateHash } from './revision.js';

export interface History {
  current: ControllerRevision;
  old: ControllerRevision[];
  hash: string;
}

/** Where a sync finds revisions: by owner uid, and those without a controller in a namespace. */
export interface RevisionSource {
  ownedBy(uid: string): ControllerRevision[];
  orphans(namespace: string): ControllerRevision[];
}

/** Reads straight from the API (tests, or callers without a cache). */
export function apiRevisions(api: ClusterApi): RevisionSource {
  const inNamespace = (ns: string) => api.list('controllerrevisions', ns) as ControllerRevision[];
  return {
    ownedBy: (uid) =>
      api.list('controllerrevisions').filter((r) => controllerRef(r)?.uid === uid) as ControllerRevision[],
    orphans: (ns) => inNamespace(ns).filter((r) => !controllerRef(r)),
  };
}

/** The DaemonSet's revisions, adopting orphans its selector matches (left behind by an Orphan delete). */
export function ownedRevisions(api: ClusterApi, ds: DaemonSet, source: RevisionSource): ControllerRevision[] {
  const owned = [...source.ownedBy(ds.metadata.uid)];
  for (const rev of source.orphans(ds.metadata.namespace ?? '')) {
    if (rev.metadata.deletionTimestamp || !matchesSelectorObject(ds.spec.selector, rev.metadata.labels)) continue;
    const refs = [...(rev.metadata.ownerReferences ?? []), ownerRefTo(ds)];
    owned.push(
      api.update('controllerrevisions', {
        ...rev,
        metadata: { ...rev.metadata, ownerReferences: refs },
      }) as ControllerRevision,
    );
  }
  return owned;
}

function maxRevision(revisions: ControllerRevision[]): number {
  return revisions.reduce((max, rev) => Math.max(max, Number(rev.revision) || 0), 0);
}

/** Thrown when a revision name collides with a different template; the caller retries after collisionCount grew. */
export class HashCollision extends Error {}

function snapshot(api: ClusterApi, ds: DaemonSet, revision: number): ControllerRevision {
  const hash = templateHash(ds.spec.template, ds.status?.collisionCount);
  const name = `${ds.metadata.name}-${hash}`;
  try {
    return api.create('controllerrevisions', {
      apiVersion: 'apps/v1',
      kind: 'ControllerRevision',
      metadata: {
        name,
        namespace: ds.metadata.namespace,
        labels: { ...(ds.spec.template.metadata?.labels ?? {}), [HASH_LABEL]: hash },
        ...(ds.metadata.annotations ? { annotations: { ...ds.metadata.annotations } } : {}),
        ownerReferences: [ownerRefTo(ds)],
      },
      data: revisionData(ds),
      revision,
    }) as ControllerRevision;
  } catch (error) {
    if (asStatusError(error)?.code !== 409) throw error;
    const existing = api.get('controllerrevisions', ds.metadata.namespace, name) as ControllerRevision | undefined;
    if (existing && revisionMatches(ds, existing.data) && controllerRef(existing)?.uid === ds.metadata.uid) {
      return existing;
    }
    // Same name, different content (or another owner): bump collisionCount so the next hash differs.
    const latest = api.get('daemonsets', ds.metadata.namespace, ds.metadata.name) as DaemonSet | undefined;
    if (latest) {
      const status = { ...(latest.status ?? {}), collisionCount: (latest.status?.collisionCount ?? 0) + 1 };
      api.updateStatus('daemonsets', { ...latest, status });
    }
    throw new HashCollision(`hash collision for revision ${name}`);
  }
}

/** Upstream constructHistory: the current revision (created, or reused with its number bumped) and the old ones. */
export function constructHistory(api: ClusterApi, ds: DaemonSet, source: RevisionSource = apiRevisions(api)): History {
  const owned = ownedRevisions(api, ds, source);
  const matching: ControllerRevision[] = [];
  const old: ControllerRevision[] = [];
  for (const rev of owned) (revisionMatches(ds, rev.data) ? matching : old).push(rev);
  const next = maxRevision(old) + 1;
  let current: ControllerRevision;
  if (matching.length === 0) {
    current = snapshot(api, ds, next);
  } else {
    // Duplicates can only come from races; keep the highest and drop the rest.
    matching.sort((a, b) => Number(b.revision) - Number(a.revision));
    current = matching[0] as ControllerRevision;
    for (const dup of matching.slice(1)) api.delete('controllerrevisions', dup.metadata.namespace, dup.metadata.name);
    if (Number(current.revision) < next) {
      // Rolling back to an old template reuses its revision under a new number, which is what `rollout undo` shows.
      current = api.update('controllerrevisions', { ...current, revision: next }) as ControllerRevision;
    }
  }
  const hash = current.metadata.labels?.[HASH_LABEL] ?? current.metadata.name.slice(ds.metadata.name.length + 1);
  return { current, old, hash };
}

/** Deletes the oldest revisions beyond the limit, skipping any a live pod still carries. */
export function cleanupHistory(api: ClusterApi, ds: DaemonSet, old: ControllerRevision[], pods: Pod[]): void {
  const limit = ds.spec.revisionHistoryLimit ?? 10;
  let toKill = old.length - limit;
  if (toKill <= 0) return;
  const live = new Set(pods.map((p) => p.metadata.labels?.[HASH_LABEL]).filter((h) => h !== undefined));
  const byAge = [...old].sort((a, b) => Number(a.revision) - Number(b.revision));
  for (const rev of byAge) {
    if (toKill <= 0) break;
    if (live.has(rev.metadata.labels?.[HASH_LABEL] ?? '')) continue;
    api.delete('controllerrevisions', rev.metadata.namespace, rev.metadata.name);
    toKill--;
  }
}
