import type { PodIssue, PodProblem, Shortfall } from '../../contract/index.js';
import { podProblem, severity } from './pod-problem.js';
import type { PodObject } from '../kinds/objects.js';
import { controlledBy } from '../kinds/owner.js';
import type { WarningEvent } from '../kinds/warning-event.js';

// A DaemonSet's pods, aggregated into reasons with the nodes concerned (CreateContainerConfigError on 5 nodes:
// secret "nope" not found), plus the controller's own FailedCreate when it could not create some of them.

/** The node a daemon pod belongs to: spec.nodeName once bound, else the node its required affinity pins it to. */
export function nodeOf(pod: PodObject): string | undefined {
  if (pod.spec?.nodeName) return pod.spec.nodeName;
  const terms = pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms;
  for (const term of terms ?? []) {
    for (const field of term.matchFields ?? []) {
      if (field.key === 'metadata.name' && field.operator === 'In' && field.values?.[0]) return field.values[0];
    }
  }
  return undefined;
}

export interface IssueContext {
  /** Warning events by the uid of the object they are about (kinds/warning-event.ts), newest first. */
  events?: Map<string, WarningEvent[]>;
  /** The DaemonSet's status counts, for FailedCreate: how many nodes want a pod and how many have one. */
  counts?: { desired: number; current: number };
  /** Each pod's problem when the caller already judged it (the detail page's pod cache); podProblem otherwise. */
  problemOf?: (pod: PodObject) => PodProblem | undefined;
}

/**
 * The controller's FailedCreate ("Error creating: pods "x-" is forbidden: error looking up service account ..."), while
 * it still holds: some nodes lack a pod, and no pod of this DaemonSet was created after the event was last seen.
 */
function failedCreate(pods: PodObject[], ownerUid: string, context: IssueContext): PodIssue | undefined {
  const missing = (context.counts?.desired ?? 0) - (context.counts?.current ?? 0);
  const event = context.events?.get(ownerUid)?.find((e) => e.reason === 'FailedCreate');
  if (missing <= 0 || !event) return undefined;
  if (pods.some((p) => (p.metadata?.creationTimestamp ?? '') > event.lastSeen)) return undefined;
  // The rest is the API server's refusal, quoted as it came.
  const message = event.message.replace(/^Error creating: /, '');
  return { reason: 'FailedCreate', nodes: [], missing, message };
}

function mostCommon(values: string[]): string | undefined {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  let best: string | undefined;
  for (const [value, n] of counts) if (best === undefined || n > (counts.get(best) ?? 0)) best = value;
  return best;
}

function merge(reason: string, entries: { node: string; problem: PodProblem }[]): PodIssue {
  entries.sort((a, b) => a.node.localeCompare(b.node));
  const issue: PodIssue = { reason, nodes: [...new Set(entries.map((e) => e.node))] };
  const message = mostCommon(entries.flatMap((e) => (e.problem.message ? [e.problem.message] : [])));
  if (message !== undefined) issue.message = message;
  const shortfalls = new Map<string, Shortfall>();
  for (const e of entries) for (const s of e.problem.shortfalls ?? []) shortfalls.set(JSON.stringify(s), s);
  if (shortfalls.size > 0) issue.shortfalls = [...shortfalls.values()];
  // The container that restarted most speaks for the group.
  const restarted = entries.reduce<PodProblem | undefined>(
    (top, e) => ((e.problem.restarts ?? 0) > (top?.restarts ?? 0) ? e.problem : top),
    undefined,
  );
  if (restarted?.restarts !== undefined) issue.restarts = restarted.restarts;
  const exit = (restarted ?? entries.find((e) => e.problem.lastExit)?.problem)?.lastExit;
  if (exit) issue.lastExit = exit;
  return issue;
}

/**
 * Reasons of the DaemonSet's pods with the nodes concerned, worst first (then the most nodes first). Only pods the
 * DaemonSet controls count (the selector may match strangers).
 */
export function aggregatePodIssues(
  pods: Iterable<PodObject>,
  ownerUid?: string,
  context: IssueContext = {},
): PodIssue[] {
  const owned = [...pods].filter((p) => ownerUid === undefined || controlledBy(p, ownerUid));
  const byReason = new Map<string, { node: string; problem: PodProblem }[]>();
  for (const pod of owned) {
    const problem = context.problemOf
      ? context.problemOf(pod)
      : podProblem(pod, context.events?.get(pod.metadata?.uid ?? '') ?? []);
    if (!problem) continue;
    const list = byReason.get(problem.reason) ?? [];
    list.push({ node: nodeOf(pod) ?? pod.metadata?.name ?? '', problem });
    byReason.set(problem.reason, list);
  }
  const issues = [...byReason.entries()].map(([reason, entries]) => merge(reason, entries));
  const create = ownerUid === undefined ? undefined : failedCreate(owned, ownerUid, context);
  if (create) issues.push(create);
  const size = (i: PodIssue): number => i.missing ?? i.nodes.length;
  return issues.sort(
    (a, b) => severity(a.reason) - severity(b.reason) || size(b) - size(a) || a.reason.localeCompare(b.reason),
  );
}
