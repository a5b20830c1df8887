// A 422's causes name manifest fields (`spec.template.spec.containers[1].resources.limits.cpu`); the wizard shows
// each on the form field it came from. Causes the form has no field for stay on the review step.
import { add, type Issues } from './issues';
import type { WizardForm } from './types';

interface Cause {
  field?: string;
  message: string;
}

const POD = 'spec.template.spec.';

const CONTAINER_FIELDS: [RegExp, (m: RegExpExecArray) => string][] = [
  [/^name$/, () => 'name'],
  [/^image$/, () => 'image'],
  [/^resources\.requests(\[cpu\]|\.cpu)$/, () => 'cpuRequest'],
  [/^resources\.limits(\[cpu\]|\.cpu)$/, () => 'cpuLimit'],
  [/^resources\.requests(\[memory\]|\.memory)$/, () => 'memoryRequest'],
  [/^resources\.limits(\[memory\]|\.memory)$/, () => 'memoryLimit'],
  [/^ports\[(\d+)\]\.(containerPort|hostPort|name)$/, (m) => `ports.${m[1]}.${m[2]}`],
  [/^env\[(\d+)\]\.name$/, (m) => `env.${m[1]}.name`],
  [/^volumeMounts\[(\d+)\]\.(\w+)$/, (m) => `volumeMounts.${m[1]}.${m[2]}`],
];

function containerField(
  form: WizardForm,
  list: 'containers' | 'initContainers',
  index: number,
  rest: string,
  message: string,
): string {
  // "request over limit" names the whole map (`resources.requests`) and the resource only in its message.
  const whole = /^resources\.(requests|limits)$/.exec(rest);
  if (whole) {
    const resource = /\bmemory\b/.test(message) ? 'memory' : 'cpu';
    return `${list}.${index}.${resource}${whole[1] === 'requests' ? 'Request' : 'Limit'}`;
  }
  for (const [pattern, to] of CONTAINER_FIELDS) {
    const match = pattern.exec(rest);
    if (!match) continue;
    const field = to(match);
    const mount = /^volumeMounts\.(\d+)\.(\w+)$/.exec(field);
    if (mount) return mountField(form, list, index, Number(mount[1]), mount[2] ?? '');
    return `${list}.${index}.${field}`;
  }
  return `${list}.${index}`;
}

// The n-th mount of a written container is found again through the volumes' mounts, in the order they were written.
function mountField(form: WizardForm, list: 'containers' | 'initContainers', index: number, n: number, f: string) {
  const id = form[list][index]?.id;
  const mounts = form.volumes.flatMap((v, vi) =>
    v.mounts.flatMap((m, mi) => (m.containerId === id ? [{ vi, mi, origin: m.origin }] : [])),
  );
  mounts.sort((a, b) => (a.origin ?? Number.MAX_SAFE_INTEGER) - (b.origin ?? Number.MAX_SAFE_INTEGER));
  const hit = mounts[n];
  return hit ? `volumes.${hit.vi}.mounts.${hit.mi}.${f === 'name' ? 'mountPath' : f}` : `${list}.${index}`;
}

/** The form field path for a manifest field path from a 422 cause; `review` when the form has none. */
export function formPathOf(form: WizardForm, field: string, message = ''): string {
  if (field === 'metadata.name') return 'name';
  if (field.startsWith('metadata.labels') || field.startsWith('spec.template.metadata.labels')) return 'labels';
  if (field.startsWith('spec.selector')) return 'labels';
  const rolling = /^spec\.updateStrategy\.rollingUpdate\.(maxUnavailable|maxSurge)/.exec(field);
  if (rolling) return rolling[1] ?? 'review';
  if (field === 'spec.minReadySeconds') return 'minReadySeconds';
  if (!field.startsWith(POD)) return 'review';
  const rest = field.slice(POD.length);
  const container = /^(containers|initContainers)\[(\d+)\]\.?(.*)$/.exec(rest);
  if (container) {
    return containerField(
      form,
      container[1] as 'containers' | 'initContainers',
      Number(container[2]),
      container[3] ?? '',
      message,
    );
  }
  const volume = /^volumes\[(\d+)\]\.?(.*)$/.exec(rest);
  if (volume) {
    const tail = volume[2] ?? '';
    const sub =
      tail === 'name'
        ? 'name'
        : tail.startsWith('hostPath')
          ? 'path'
          : tail.startsWith('persistentVolumeClaim')
            ? 'claimName'
            : 'source';
    return `volumes.${volume[1]}.${sub}`;
  }
  const toleration = /^tolerations\[(\d+)\]\.(\w+)/.exec(rest);
  if (toleration) return `tolerations.${toleration[1]}.${toleration[2]}`;
  if (rest.startsWith('nodeSelector')) return 'nodeSelector';
  if (rest.startsWith('affinity')) return 'nodes';
  if (rest.startsWith('serviceAccountName')) return 'serviceAccountName';
  if (rest.startsWith('priorityClassName')) return 'priorityClassName';
  return 'review';
}

/** Server causes as issues on their form fields; a rejection without causes lands on `review`. */
export function serverIssues(form: WizardForm, message: string, causes: Cause[] | undefined): Issues {
  const issues: Issues = {};
  if (!causes || causes.length === 0) {
    add(issues, 'review', { severity: 'error', code: 'server', message });
    return issues;
  }
  for (const cause of causes) {
    const path = cause.field ? formPathOf(form, cause.field, cause.message) : 'review';
    add(issues, path, { severity: 'error', code: 'server', message: cause.message });
  }
  return issues;
}
