// Defaulting the API server applies before validation (pkg/apis/core/v1/defaults.go, apps/v1/defaults.go): clients
// read these values back (kubectl diff/apply, the app's forms), so a sandbox without them would look unlike a cluster.
import type { KubeObject } from '../types.js';

type Json = Record<string, unknown>;

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function defaultContainer(c: Json): void {
  c.terminationMessagePath ??= '/dev/termination-log';
  c.terminationMessagePolicy ??= 'File';
  if (c.imagePullPolicy === undefined && typeof c.image === 'string') {
    const last = c.image.split('/').pop() ?? '';
    const tag = last.includes(':') ? last.slice(last.indexOf(':') + 1) : undefined;
    c.imagePullPolicy = c.image.includes('@') || (tag !== undefined && tag !== 'latest') ? 'IfNotPresent' : 'Always';
  }
  c.resources ??= {};
  if (Array.isArray(c.ports)) for (const p of c.ports) if (isObject(p)) p.protocol ??= 'TCP';
  for (const probe of ['readinessProbe', 'livenessProbe', 'startupProbe']) {
    const pr = c[probe];
    if (isObject(pr)) {
      pr.timeoutSeconds ??= 1;
      pr.periodSeconds ??= 10;
      pr.successThreshold ??= 1;
      pr.failureThreshold ??= 3;
    }
  }
}

export function defaultPodSpec(spec: unknown): void {
  if (!isObject(spec)) return;
  spec.restartPolicy ??= 'Always';
  spec.terminationGracePeriodSeconds ??= 30;
  spec.dnsPolicy ??= 'ClusterFirst';
  spec.securityContext ??= {};
  spec.schedulerName ??= 'default-scheduler';
  for (const list of [spec.containers, spec.initContainers]) {
    if (Array.isArray(list)) for (const c of list) if (isObject(c)) defaultContainer(c);
  }
}

export function defaultDaemonSet(ds: KubeObject): void {
  if (!isObject(ds.spec)) return;
  const spec = ds.spec;
  spec.revisionHistoryLimit ??= 10;
  const strategy = (spec.updateStrategy ??= {}) as Json;
  strategy.type ??= 'RollingUpdate';
  if (strategy.type === 'RollingUpdate') {
    const ru = (strategy.rollingUpdate ??= {}) as Json;
    ru.maxUnavailable ??= 1;
    ru.maxSurge ??= 0;
  }
  const template = spec.template;
  if (isObject(template)) {
    template.metadata ??= {};
    defaultPodSpec(template.spec);
  }
}

/**
 * SetDefaults_Pod: a container's request defaults to its limit, and a host-network pod opens its container ports on
 * the host (templates keep theirs unset: DefaultHostNetworkHostPortsInPodTemplates is off since 1.28).
 */
function defaultPodContainers(spec: Json): void {
  for (const list of [spec.containers, spec.initContainers]) {
    if (!Array.isArray(list)) continue;
    for (const c of list) {
      if (!isObject(c)) continue;
      const resources = isObject(c.resources) ? c.resources : undefined;
      if (resources && isObject(resources.limits)) {
        const requests = (isObject(resources.requests) ? resources.requests : {}) as Json;
        for (const [name, value] of Object.entries(resources.limits)) requests[name] ??= value;
        resources.requests = requests;
      }
      if (spec.hostNetwork === true && Array.isArray(c.ports)) {
        for (const p of c.ports) if (isObject(p) && !p.hostPort) p.hostPort = p.containerPort;
      }
    }
  }
}

export function defaultPod(pod: KubeObject): void {
  defaultPodSpec(pod.spec);
  if (isObject(pod.spec)) {
    defaultPodContainers(pod.spec);
    pod.spec.enableServiceLinks ??= true;
    pod.spec.preemptionPolicy ??= 'PreemptLowerPriority';
  }
}
