import type {
  ClaimSummary,
  HostPortUse,
  NamedKeys,
  NodeSummary,
  ProjectResources,
  Readable,
} from '../../contract/index.js';
import { summariseQuota } from './quota.js';
import { AppError } from '../errors.js';
import { KINDS, type Kind } from '../kinds/kinds.js';
import { nodeSummary } from '../kinds/node-summary.js';
import type { DaemonSetObject } from '../kinds/objects.js';
import { listObjects, nameOnly, type Projection } from '../kinds/source.js';
import { record, text } from '../../../common/guards.js';
import type { ContextSession } from '../session/session.js';
import { nodeRoom, projectPodUse, type PodUse } from './node-room.js';

/** The Secret type of an image pull secret, the one the picker offers and apply/registry-secret.ts creates. */
export const REGISTRY_TYPE = 'kubernetes.io/dockerconfigjson';

/** Runs a read; a 403 becomes "not allowed" (the wizard falls back to free text), anything else is thrown. */
async function readable<T>(work: () => Promise<T>): Promise<Readable<T>> {
  try {
    return { allowed: true, value: await work() };
  } catch (error) {
    if (error instanceof AppError && error.code === 'forbidden') return { allowed: false, message: error.message };
    throw error;
  }
}

/** Like readable(), and a kind the server does not serve (404) is "not available" as well. */
async function readableIfServed<T>(work: () => Promise<T>): Promise<Readable<T>> {
  try {
    return await readable(work);
  } catch (error) {
    if (error instanceof AppError && error.code === 'not-found') return { allowed: false, message: error.message };
    throw error;
  }
}

/** The pods bound to each node and not finished, cluster-wide (a small projection each); null if not allowed. */
async function podUses(session: ContextSession): Promise<Map<string, PodUse[]> | null> {
  const uses = await readable(() =>
    listObjects(
      session,
      KINDS.pods,
      { fieldSelector: 'status.phase!=Succeeded,status.phase!=Failed' },
      { name: 'use', project: projectPodUse },
    ),
  );
  if (!uses.allowed) return null;
  const byNode = new Map<string, PodUse[]>();
  for (const use of uses.value.items) {
    const onNode = byNode.get(use.node);
    if (onNode) onNode.push(use);
    else byNode.set(use.node, [use]);
  }
  return byNode;
}

/** The cluster's nodes, each with its room when the user may list pods cluster-wide (the preview's fit check). */
export function listNodes(session: ContextSession): Promise<Readable<NodeSummary[]>> {
  return readable(async () => {
    const [list, uses] = await Promise.all([listObjects(session, KINDS.nodes, {}, nodeSummary), podUses(session)]);
    return list.items
      .map((node) => {
        const summary = { ...node.summary };
        if (uses) summary.room = nodeRoom(node.allocatable, uses.get(summary.name) ?? []);
        return summary;
      })
      .sort((a, b) => a.name.localeCompare(b.name));
  });
}

/** Names of a collection, listed as plain JSON. */
function names(session: ContextSession, kind: Kind, namespace?: string): Promise<Readable<string[]>> {
  return readableIfServed(async () => {
    const list = await listObjects(session, kind, { namespace }, nameOnly);
    return list.items.sort();
  });
}

function hostPortsOf(daemonSets: DaemonSetObject[]): HostPortUse[] {
  return daemonSets.flatMap((ds) =>
    (ds.spec?.template?.spec?.containers ?? []).flatMap((c) =>
      (c.ports ?? []).flatMap((p) =>
        p.hostPort
          ? [
              {
                port: p.hostPort,
                protocol: p.protocol ?? 'TCP',
                owner: `${ds.metadata?.namespace}/${ds.metadata?.name}`,
              },
            ]
          : [],
      ),
    ),
  );
}

async function hostPorts(session: ContextSession, namespace: string): Promise<HostPortUse[]> {
  // Every DaemonSet of the cluster when the user may list them; otherwise those of the project.
  try {
    const all = await listObjects(session, KINDS.daemonsets, {});
    return hostPortsOf(all.items);
  } catch (error) {
    if (!(error instanceof AppError && error.code === 'forbidden')) throw error;
    const own = await listObjects(session, KINDS.daemonsets, { namespace });
    return hostPortsOf(own.items);
  }
}

/** A Secret's name, type and data keys: its values are dropped as each item is read (list-items.ts), never held. */
const secretKeys: Projection<{ name: string; type: string; keys: string[] }> = {
  name: 'secret-keys',
  project: (raw) => {
    const secret = record(raw);
    return {
      name: text(record(secret.metadata).name) ?? '',
      type: text(secret.type) ?? '',
      keys: Object.keys(record(secret.data)).sort(),
    };
  },
};

const byName = <T extends { name: string }>(items: T[]): T[] => items.sort((a, b) => a.name.localeCompare(b.name));

export async function projectResources(session: ContextSession, namespace: string): Promise<ProjectResources> {
  // Secrets are read once for both pickers; only names, types and keys are kept, never values.
  const secretList = readable(async () => (await listObjects(session, KINDS.secrets, { namespace }, secretKeys)).items);
  const [secrets, configMaps, claims, quota, ports, serviceAccounts, priorityClasses] = await Promise.all([
    secretList,
    readable(async () => {
      const list = await listObjects(session, KINDS.configmaps, { namespace });
      return byName(
        list.items.map((cm): NamedKeys => ({
          name: cm.metadata?.name ?? '',
          keys: [...Object.keys(cm.data ?? {}), ...Object.keys(cm.binaryData ?? {})].sort(),
        })),
      );
    }),
    readable(async () => {
      const list = await listObjects(session, KINDS.persistentvolumeclaims, { namespace });
      return byName(
        list.items.map((pvc): ClaimSummary => {
          const summary: ClaimSummary = {
            name: pvc.metadata?.name ?? '',
            phase: pvc.status?.phase ?? 'Pending',
            accessModes: pvc.status?.accessModes ?? pvc.spec?.accessModes ?? [],
          };
          const capacity = pvc.status?.capacity?.storage ?? pvc.spec?.resources?.requests?.storage;
          if (capacity !== undefined) summary.capacity = String(capacity);
          if (pvc.spec?.storageClassName) summary.storageClassName = pvc.spec.storageClassName;
          return summary;
        }),
      );
    }),
    readable(async () => {
      const list = await listObjects(session, KINDS.resourcequotas, { namespace });
      return summariseQuota(list.items) ?? null;
    }),
    readable(() => hostPorts(session, namespace)),
    names(session, KINDS.serviceaccounts, namespace),
    names(session, KINDS.priorityclasses),
  ]);
  return {
    registrySecrets: secrets.allowed
      ? {
          allowed: true,
          value: secrets.value
            .filter((s) => s.type === REGISTRY_TYPE)
            .map((s) => s.name)
            .sort(),
        }
      : secrets,
    secrets: secrets.allowed
      ? { allowed: true, value: byName(secrets.value.map(({ name, keys }) => ({ name, keys }))) }
      : secrets,
    configMaps,
    claims,
    quota,
    hostPorts: ports,
    serviceAccounts,
    priorityClasses,
  };
}
