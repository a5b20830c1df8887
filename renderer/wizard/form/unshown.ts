// The fields of a manifest the form has no control for (dnsPolicy, an nfs volume, a field of no schema at all…): the
// write keeps them as written (write.ts copies onto the object read), and the review lists them, so that the user sees
// what goes with the form's values without having to trust it.
import { isRecord } from '../../../common/guards';

/** Where the form reads: `true` for a value it shows whole, an object for the keys it reads, `[shape]` for rows. */
type Shape = true | { [key: string]: Shape } | [Shape];

const PROBE: Shape = {
  httpGet: { path: true, port: true },
  tcpSocket: { port: true },
  exec: { command: true },
  initialDelaySeconds: true,
  periodSeconds: true,
  timeoutSeconds: true,
  failureThreshold: true,
};
const KEY_REF: Shape = { name: true, key: true };
const CONTAINER: Shape = {
  name: true,
  image: true,
  imagePullPolicy: true,
  command: true,
  args: true,
  resources: { requests: { cpu: true, memory: true }, limits: { cpu: true, memory: true } },
  ports: [{ name: true, containerPort: true, protocol: true, hostPort: true }],
  env: [{ name: true, value: true, valueFrom: { configMapKeyRef: KEY_REF, secretKeyRef: KEY_REF } }],
  envFrom: [{ prefix: true, configMapRef: { name: true }, secretRef: { name: true } }],
  readinessProbe: PROBE,
  livenessProbe: PROBE,
  securityContext: { privileged: true, capabilities: { add: true, drop: true } },
  volumeMounts: [{ name: true, mountPath: true, readOnly: true, subPath: true }],
};
const POD: Shape = {
  containers: [CONTAINER],
  initContainers: [CONTAINER],
  imagePullSecrets: [{ name: true }],
  hostNetwork: true,
  hostPID: true,
  serviceAccountName: true,
  priorityClassName: true,
  volumes: [
    {
      name: true,
      persistentVolumeClaim: { claimName: true, readOnly: true },
      hostPath: { path: true, type: true },
      configMap: { name: true },
      secret: { secretName: true },
      emptyDir: { medium: true },
    },
  ],
  tolerations: [{ key: true, operator: true, value: true, effect: true, tolerationSeconds: true }],
  nodeSelector: true,
  affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: true } },
};
const DAEMONSET: Shape = {
  apiVersion: true,
  kind: true,
  metadata: {
    name: true,
    namespace: true,
    labels: true,
    annotations: { 'kubesphere.io/alias-name': true, 'kubesphere.io/description': true },
  },
  spec: {
    selector: true,
    minReadySeconds: true,
    updateStrategy: { type: true, rollingUpdate: { maxUnavailable: true, maxSurge: true } },
    template: { metadata: { labels: true }, spec: POD },
  },
  // The server's: never the form's to show or to send back changed.
  status: true,
};

export interface Unshown {
  /** Where it is in the manifest, as kubectl spells it: spec.template.spec.containers[0].terminationMessagePath. */
  path: string;
  value: string;
}

function walk(value: unknown, shape: Shape, path: string, found: Unshown[]): void {
  if (shape === true) return;
  if (Array.isArray(shape)) {
    if (Array.isArray(value)) value.forEach((item, i) => walk(item, shape[0], `${path}[${i}]`, found));
    return;
  }
  // A value of another type than the form reads is a kept value of its own (kept.ts names it at its field).
  if (!isRecord(value)) return;
  for (const [key, inner] of Object.entries(value)) {
    const at = path === '' ? key : `${path}.${key}`;
    const known = shape[key];
    if (known === undefined) found.push({ path: at, value: JSON.stringify(inner) });
    else walk(inner, known, at, found);
  }
}

/** Every field of `manifest` the form does not show, with its value (as JSON), in the manifest's own order. */
export function unshownFields(manifest: unknown): Unshown[] {
  const found: Unshown[] = [];
  walk(manifest, DAEMONSET, '', found);
  return found;
}
