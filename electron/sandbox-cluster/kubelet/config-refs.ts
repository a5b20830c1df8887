// What a kubelet needs from the API before it can start a pod's containers, and the errors it reports when that is
// missing, in the kubelet's own words: volumes backed by a Secret or ConfigMap (FailedMount, the pod stays
// ContainerCreating) and environment variables taken from them (CreateContainerConfigError). Optional references are
// skipped when missing, as upstream does.

import type { Container, PodSpec } from '../controllers/kinds.js';
import type { ClusterApi, KubeObject } from '../types.js';

interface Ref {
  name?: string;
  optional?: boolean;
}
interface KeyRef extends Ref {
  key?: string;
}
interface KeyToPath {
  key: string;
}
interface Volume {
  name: string;
  secret?: { secretName?: string; optional?: boolean; items?: KeyToPath[] };
  configMap?: { name?: string; optional?: boolean; items?: KeyToPath[] };
  projected?: { sources?: { secret?: Ref & { items?: KeyToPath[] }; configMap?: Ref & { items?: KeyToPath[] } }[] };
}
interface EnvVar {
  name: string;
  valueFrom?: { secretKeyRef?: KeyRef; configMapKeyRef?: KeyRef };
}
interface EnvFrom {
  secretRef?: Ref;
  configMapRef?: Ref;
}

type Kind = 'secret' | 'configmap';

function lookup(api: ClusterApi, namespace: string, kind: Kind, name: string): KubeObject | undefined {
  return api.get(kind === 'secret' ? 'secrets' : 'configmaps', namespace, name);
}

function keysOf(object: KubeObject): Set<string> {
  // stringData counts too for an object stored before the registry merged it into data (as a real apiserver does).
  return new Set([object.data, object.binaryData, object.stringData].flatMap((m) => Object.keys((m ?? {}) as object)));
}

/** One volume source's problem, worded as the secret and configmap volume plugins word it. */
function sourceError(
  api: ClusterApi,
  namespace: string,
  kind: Kind,
  name: string,
  optional: boolean,
  items: KeyToPath[] | undefined,
): string | undefined {
  const object = lookup(api, namespace, kind, name);
  if (!object) return optional ? undefined : `${kind} "${name}" not found`;
  if (optional) return undefined;
  const keys = keysOf(object);
  const missing = (items ?? []).find((i) => !keys.has(i.key));
  if (!missing) return undefined;
  return kind === 'secret'
    ? `references non-existent secret key: ${missing.key}`
    : `configmap references non-existent config key: ${missing.key}`;
}

export interface MountFailure {
  volume: string;
  message: string;
}

/** Volumes that cannot be set up yet, each with the FailedMount event's message. */
export function mountFailures(api: ClusterApi, namespace: string, spec: PodSpec): MountFailure[] {
  const out: MountFailure[] = [];
  for (const v of (spec.volumes ?? []) as Volume[]) {
    let error: string | undefined;
    if (v.secret) {
      error = sourceError(
        api,
        namespace,
        'secret',
        v.secret.secretName ?? '',
        v.secret.optional === true,
        v.secret.items,
      );
    } else if (v.configMap) {
      const cm = v.configMap;
      error = sourceError(api, namespace, 'configmap', cm.name ?? '', cm.optional === true, cm.items);
    } else if (v.projected) {
      for (const s of v.projected.sources ?? []) {
        const source = s.secret
          ? { kind: 'secret' as const, ref: s.secret }
          : { kind: 'configmap' as const, ref: s.configMap };
        if (!source.ref) continue;
        const ref = source.ref;
        error = sourceError(api, namespace, source.kind, ref.name ?? '', ref.optional === true, ref.items);
        if (error) break;
      }
    }
    if (error) out.push({ volume: v.name, message: `MountVolume.SetUp failed for volume "${v.name}" : ${error}` });
  }
  return out;
}

/**
 * Why the container's environment cannot be built (makeEnvironmentVariables: envFrom first, then env in order), or
 * undefined when it can.
 */
export function envError(api: ClusterApi, namespace: string, container: Container): string | undefined {
  for (const from of (container.envFrom ?? []) as EnvFrom[]) {
    const kind: Kind = from.secretRef ? 'secret' : 'configmap';
    const ref = from.secretRef ?? from.configMapRef;
    if (!ref) continue;
    const name = ref.name ?? '';
    if (!lookup(api, namespace, kind, name) && ref.optional !== true) return `${kind} "${name}" not found`;
  }
  for (const env of (container.env ?? []) as EnvVar[]) {
    const secret = env.valueFrom?.secretKeyRef;
    const ref = secret ?? env.valueFrom?.configMapKeyRef;
    if (!ref) continue;
    const kind: Kind = secret ? 'secret' : 'configmap';
    const name = ref.name ?? '';
    const object = lookup(api, namespace, kind, name);
    if (ref.optional === true && (!object || !keysOf(object).has(ref.key ?? ''))) continue;
    if (!object) return `${kind} "${name}" not found`;
    if (!keysOf(object).has(ref.key ?? '')) {
      return `couldn't find key ${ref.key ?? ''} in ${secret ? 'Secret' : 'ConfigMap'} ${namespace}/${name}`;
    }
  }
  return undefined;
}
