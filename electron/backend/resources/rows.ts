import type { DaemonSetRow, DaemonSetStatusCounts, PodIssue } from '../../contract/index.js';
import { helmOwner } from '../../../common/helm.js';
import { ALIAS_ANNOTATION, DESCRIPTION_ANNOTATION } from '../../../common/annotations.js';
import type { DaemonSetObject, LabelSelector } from '../kinds/objects.js';
import { isSettled as settled } from '../../../common/status.js';

const num = (value: number | undefined): number => (typeof value === 'number' && Number.isFinite(value) ? value : 0);

export function statusCounts(ds: DaemonSetObject): DaemonSetStatusCounts {
  const status = ds.status;
  const desired = num(status?.desiredNumberScheduled);
  const available = num(status?.numberAvailable);
  return {
    desired,
    current: num(status?.currentNumberScheduled),
    ready: num(status?.numberReady),
    available,
    updated: num(status?.updatedNumberScheduled),
    misscheduled: num(status?.numberMisscheduled),
    unavailable: status?.numberUnavailable ?? Math.max(0, desired - available),
  };
}

/**
 * Settled = Running or Stopped in product.md's status rules (common/status.ts, the renderer's row status reads the
 * same rule). Only DaemonSets that are not settled get their pods watched for a reason.
 */
export function isSettled(ds: DaemonSetObject): boolean {
  return settled({
    ...statusCounts(ds),
    generation: ds.metadata?.generation ?? 0,
    observedGeneration: ds.status?.observedGeneration,
    rolling: strategyTypeOf(ds) === 'RollingUpdate',
  });
}

// Anything but OnDelete rolls, as the row shows it.
const strategyTypeOf = (ds: DaemonSetObject): DaemonSetRow['strategy']['type'] =>
  ds.spec?.updateStrategy?.type === 'OnDelete' ? 'OnDelete' : 'RollingUpdate';

export function toRow(ds: DaemonSetObject, podIssues: PodIssue[] = []): DaemonSetRow {
  const meta = ds.metadata ?? {};
  const spec = ds.spec;
  const namespace = meta.namespace ?? '';
  const name = meta.name ?? '';
  const annotations = meta.annotations ?? {};
  const strategyType = strategyTypeOf(ds);
  const strategy: DaemonSetRow['strategy'] = { type: strategyType };
  const rolling = spec?.updateStrategy?.rollingUpdate;
  if (strategyType === 'RollingUpdate') {
    strategy.maxUnavailable = rolling?.maxUnavailable ?? 1;
    strategy.maxSurge = rolling?.maxSurge ?? 0;
  }
  const images = [
    ...new Set((spec?.template?.spec?.containers ?? []).map((c) => c.image ?? '').filter((i) => i !== '')),
  ];
  const status = statusCounts(ds);
  const row: DaemonSetRow = {
    key: `${namespace}/${name}`,
    namespace,
    name,
    uid: meta.uid ?? '',
    labels: { ...(meta.labels ?? {}) },
    createdAt: meta.creationTimestamp ?? '',
    generation: meta.generation ?? 0,
    strategy,
    minReadySeconds: spec?.minReadySeconds ?? 0,
    images,
    nodeSelector: { ...(spec?.template?.spec?.nodeSelector ?? {}) },
    selector: { ...(spec?.selector?.matchLabels ?? {}) },
    status,
    podIssues,
  };
  const alias = annotations[ALIAS_ANNOTATION];
  const description = annotations[DESCRIPTION_ANNOTATION];
  if (alias !== undefined && alias !== '') row.alias = alias;
  if (description !== undefined && description !== '') row.description = description;
  const helm = helmOwner(meta.labels, annotations, namespace);
  if (helm) row.helm = helm;
  if (ds.status?.observedGeneration !== undefined) row.observedGeneration = ds.status.observedGeneration;
  // OnDelete: nodes whose pod is not on the current revision (the controller's own count, no extra watch needed).
  if (strategyType === 'OnDelete') row.oldRevisionPods = Math.max(0, status.current - status.updated);
  return row;
}

/** The label selector string for a DaemonSet's pods (matchLabels and matchExpressions, as kubectl writes them). */
export function selectorString(selector: LabelSelector | undefined): string {
  const parts: string[] = [];
  for (const [key, value] of Object.entries(selector?.matchLabels ?? {})) parts.push(`${key}=${value}`);
  for (const expr of selector?.matchExpressions ?? []) {
    const values = (expr.values ?? []).join(',');
    switch (expr.operator) {
      case 'In':
        parts.push(`${expr.key} in (${values})`);
        break;
      case 'NotIn':
        parts.push(`${expr.key} notin (${values})`);
        break;
      case 'Exists':
        parts.push(expr.key);
        break;
      case 'DoesNotExist':
        parts.push(`!${expr.key}`);
        break;
    }
  }
  return parts.join(',');
}
