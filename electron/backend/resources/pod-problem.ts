import type { PodProblem, Shortfall } from '../../contract/index.js';
import type { ContainerStatus, PodObject } from '../kinds/objects.js';
import type { WarningEvent } from '../kinds/warning-event.js';

// Why one daemon pod is not running and ready, named the way kubectl and the cluster name it. The shapes read here
// are the kubelet's (container waiting/terminated reasons and messages, init container statuses), the scheduler's
// (PodScheduled=False, reason Unschedulable, message "0/6 nodes are available: 1 Insufficient cpu, ...") and the
// kubelet's Warning events where the pod's status says too little (FailedMount, Unhealthy).

// Worst first: what the list row names when a DaemonSet's pods are stuck in several ways.
const SEVERITY = [
  'CrashLoopBackOff',
  'FailedCreate',
  'CreateContainerConfigError',
  'ImagePullBackOff',
  'ErrImagePull',
  'InvalidImageName',
  'CreateContainerError',
  'RunContainerError',
  'OOMKilled',
  'Error',
  'Failed',
  'Unschedulable',
  'FailedMount',
];
// Progress rather than trouble (until it lasts): an image pull, a pod being set up.
export const PROGRESS_REASONS = new Set(['ContainerCreating', 'PodInitializing', 'Pulling']);
const INIT_PROGRESS = /^Init:\d+\/\d+$/;

/** Lower is worse. An init container's failure (Init:CrashLoopBackOff) ranks as the failure itself. */
export function severity(reason: string): number {
  if (PROGRESS_REASONS.has(reason)) return 100;
  if (INIT_PROGRESS.test(reason)) return 70;
  const bare = reason.startsWith('Init:') ? reason.slice('Init:'.length) : reason;
  const at = SEVERITY.indexOf(bare);
  if (at >= 0) return at;
  if (reason === 'NotReady') return 60;
  if (reason === 'Pending') return 80;
  return 50;
}

// Filters that reject the nodes a daemon pod was never meant for (its affinity pins it to one node): not news.
const OTHER_NODES =
  /didn't match Pod's node affinity\/selector|didn't match node selector|filtered out by the prefilter result|didn't satisfy plugin\(s\) \[NodeAffinity\]|didn't match the requested node name/;

/** The scheduler's FitError message (`0/6 nodes are available: 1 Insufficient cpu, 5 node(s) ...`), parsed. */
export function schedulingShortfalls(message: string): Shortfall[] {
  const summary = /nodes are available: (.+?)\.(?:\s|$)/.exec(message)?.[1];
  if (!summary) return [];
  const found: Shortfall[] = [];
  for (const part of summary.split(', ')) {
    const reason = /^\d+ (.+)$/.exec(part.trim())?.[1] ?? part.trim();
    if (OTHER_NODES.test(reason)) continue;
    const insufficient = /^Insufficient (.+)$/.exec(reason);
    const taint = /had untolerated taint (.+)$/.exec(reason);
    if (insufficient?.[1]) found.push({ kind: 'resource', resource: insufficient[1] });
    else if (reason === 'Too many pods') found.push({ kind: 'pods' });
    else if (reason.includes("didn't have free ports")) found.push({ kind: 'hostPort' });
    else if (taint?.[1]) found.push({ kind: 'taint', taint: taint[1] });
    else found.push({ kind: 'other', text: reason });
  }
  return found;
}

const withMessage = (problem: PodProblem, message: string | undefined): PodProblem =>
  message ? { ...problem, message } : problem;

function lastExit(status: ContainerStatus): PodProblem['lastExit'] {
  const ended = status.state?.terminated ?? status.lastState?.terminated;
  if (!ended) return undefined;
  return ended.reason ? { code: ended.exitCode, reason: ended.reason } : { code: ended.exitCode };
}

/** A container that is failing (not merely starting): its waiting reason, or how it ended when it is not running. */
function containerProblem(status: ContainerStatus, prefix = ''): PodProblem | undefined {
  const waiting = status.state?.waiting;
  const terminated = status.state?.terminated;
  let problem: PodProblem | undefined;
  if (waiting?.reason && !PROGRESS_REASONS.has(waiting.reason)) {
    // CrashLoopBackOff's message names the pod and its uid ("back-off 40s restarting failed container=..."): the
    // restarts and the last exit say the same for every node.
    const message = waiting.reason === 'CrashLoopBackOff' ? undefined : waiting.message;
    problem = withMessage({ reason: prefix + waiting.reason }, message);
  } else if (terminated && terminated.exitCode !== 0 && !status.ready) {
    problem = withMessage({ reason: prefix + (terminated.reason ?? 'Error') }, terminated.message);
  }
  if (!problem) return undefined;
  const exit = lastExit(status);
  if (exit) problem.lastExit = exit;
  if (status.restartCount > 0) problem.restarts = status.restartCount;
  return problem;
}

function worst(problems: (PodProblem | undefined)[]): PodProblem | undefined {
  let found: PodProblem | undefined;
  for (const p of problems) if (p && (!found || severity(p.reason) < severity(found.reason))) found = p;
  return found;
}

/** Init containers as kubectl shows them: a failing one (`Init:CrashLoopBackOff`), else progress (`Init:0/2`). */
function initState(pod: PodObject): { failing?: PodProblem; pending?: string } {
  const specs = pod.spec?.initContainers ?? [];
  if (specs.length === 0) return {};
  const statuses = pod.status?.initContainerStatuses ?? [];
  let done = 0;
  for (const spec of specs) {
    const status = statuses.find((s) => s.name === spec.name);
    if (!status) continue;
    const sidecar = spec.restartPolicy === 'Always';
    if (status.state?.terminated?.exitCode === 0 || (sidecar && status.started === true)) {
      done++;
      continue;
    }
    const failing = containerProblem(status, 'Init:');
    if (failing) return { failing };
  }
  return done < specs.length ? { pending: `Init:${done}/${specs.length}` } : {};
}

const latest = (events: WarningEvent[], reasons: string[], startsWith = ''): WarningEvent | undefined =>
  events.find((e) => reasons.includes(e.reason) && e.message.startsWith(startsWith));

/** Why the pod is not running and ready; undefined when it is (or is going away). `events`: its own, newest first. */
export function podProblem(pod: PodObject, events: WarningEvent[] = []): PodProblem | undefined {
  if (pod.metadata?.deletionTimestamp) return undefined;
  const phase = pod.status?.phase;
  if (phase === 'Succeeded') return undefined;
  if (phase === 'Failed') return withMessage({ reason: pod.status?.reason || 'Failed' }, pod.status?.message);
  const init = initState(pod);
  if (init.failing) return init.failing;
  const failing = worst((pod.status?.containerStatuses ?? []).map((s) => containerProblem(s)));
  if (failing) return failing;

  const unscheduled = pod.status?.conditions?.find((c) => c.type === 'PodScheduled' && c.status === 'False');
  if (unscheduled) {
    const message = unscheduled.message ?? '';
    const problem = withMessage({ reason: unscheduled.reason || 'Unschedulable' }, message);
    const shortfalls = schedulingShortfalls(message);
    return shortfalls.length > 0 ? { ...problem, shortfalls } : problem;
  }
  const started = (pod.status?.containerStatuses ?? []).some((s) => s.state?.running || s.state?.terminated);
  // Volumes are set up before any container (init ones included) starts; until then the pod only says
  // ContainerCreating or Init:0/N and the kubelet's event says why.
  const mount = started ? undefined : latest(events, ['FailedMount', 'FailedAttachVolume']);
  if (mount) return withMessage({ reason: mount.reason }, mount.message);
  if (init.pending) return { reason: init.pending };
  const creating = (pod.status?.containerStatuses ?? []).find((s) => s.state?.waiting?.reason);
  if (phase === 'Pending' || phase === undefined) {
    return { reason: creating?.state?.waiting?.reason ?? 'Pending' };
  }
  const ready = pod.status?.conditions?.find((c) => c.type === 'Ready');
  if (ready?.status === 'True') return undefined;
  const probe =
    latest(events, ['Unhealthy'], 'Readiness probe') ?? latest(events, ['Unhealthy'], 'Startup probe') ?? undefined;
  return withMessage({ reason: 'NotReady' }, probe?.message);
}
