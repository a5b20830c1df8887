import type { ObjectReference, RefKind, RefUse } from '../../contract/index.js';
import { isRecord, records, text } from '../../../common/guards.js';

const str = (value: unknown): string => text(value) ?? '';

// Which objects a pod template names, and where: volumes (configMap, secret, persistentVolumeClaim, projected
// sources), env valueFrom and envFrom of every container and init container, imagePullSecrets and the service
// account. One entry per object; it is optional only when every use says `optional: true` (a required use anywhere
// makes a missing object block the pod).

type Json = Record<string, unknown>;
export type Collected = Omit<ObjectReference, 'state' | 'missingKeys'> & { keys: string[] };

class Collector {
  private readonly byKey = new Map<string, Collected>();

  add(kind: RefKind, name: unknown, use: RefUse, optional: unknown = false, key?: string): void {
    if (typeof name !== 'string' || name === '') return;
    const id = `${kind}/${name}`;
    let entry = this.byKey.get(id);
    if (!entry) {
      entry = { kind, name, optional: true, uses: [], keys: [] };
      this.byKey.set(id, entry);
    }
    entry.uses.push(use);
    if (optional !== true) entry.optional = false;
    if (key !== undefined && key !== '' && !entry.keys.includes(key)) entry.keys.push(key);
  }

  list(): Collected[] {
    const order: Record<RefKind, number> = { ConfigMap: 0, Secret: 1, PersistentVolumeClaim: 2, ServiceAccount: 3 };
    return [...this.byKey.values()].sort((a, b) => order[a.kind] - order[b.kind] || a.name.localeCompare(b.name));
  }
}

function volumes(c: Collector, spec: Json): void {
  for (const v of records(spec.volumes)) {
    const volume = str(v.name);
    if (isRecord(v.configMap)) c.add('ConfigMap', v.configMap.name, { via: 'volume', volume }, v.configMap.optional);
    if (isRecord(v.secret)) c.add('Secret', v.secret.secretName, { via: 'volume', volume }, v.secret.optional);
    if (isRecord(v.persistentVolumeClaim)) {
      c.add('PersistentVolumeClaim', v.persistentVolumeClaim.claimName, { via: 'volume', volume });
    }
    if (isRecord(v.projected)) {
      for (const s of records(v.projected.sources)) {
        if (isRecord(s.configMap))
          c.add('ConfigMap', s.configMap.name, { via: 'projected', volume }, s.configMap.optional);
        if (isRecord(s.secret)) c.add('Secret', s.secret.name, { via: 'projected', volume }, s.secret.optional);
      }
    }
  }
}

function containers(c: Collector, spec: Json): void {
  for (const container of [...records(spec.initContainers), ...records(spec.containers)]) {
    const name = str(container.name);
    for (const e of records(container.env)) {
      const from = isRecord(e.valueFrom) ? e.valueFrom : {};
      const variable = str(e.name);
      for (const [field, kind] of [
        ['configMapKeyRef', 'ConfigMap'],
        ['secretKeyRef', 'Secret'],
      ] as const) {
        const ref = from[field];
        if (!isRecord(ref)) continue;
        const key = str(ref.key);
        c.add(kind, ref.name, { via: 'env', container: name, variable, key }, ref.optional, key);
      }
    }
    for (const e of records(container.envFrom)) {
      if (isRecord(e.configMapRef))
        c.add('ConfigMap', e.configMapRef.name, { via: 'envFrom', container: name }, e.configMapRef.optional);
      if (isRecord(e.secretRef))
        c.add('Secret', e.secretRef.name, { via: 'envFrom', container: name }, e.secretRef.optional);
    }
  }
}

/** The references of a pod template (`spec.template` of a DaemonSet), in a stable order. */
export function collectReferences(template: unknown): Collected[] {
  const c = new Collector();
  const spec = isRecord(template) && isRecord(template.spec) ? template.spec : {};
  volumes(c, spec);
  containers(c, spec);
  for (const s of records(spec.imagePullSecrets)) c.add('Secret', s.name, { via: 'imagePullSecrets' });
  // serviceAccount is the deprecated alias the API still honours when serviceAccountName is empty.
  const account = str(spec.serviceAccountName) || str(spec.serviceAccount);
  c.add('ServiceAccount', account, { via: 'serviceAccountName' });
  return c.list();
}
