import type { PodIssue, PodProblem, Shortfall } from '../../electron/contract/dto';
import type { Message } from './message';

// A stuck state in plain words (catalogue `stuck.*`): the cluster's reason as kubectl shows it, where (one node by
// name, else how many), and why — the app's words for what it parsed (not enough CPU), or the cluster's own text
// quoted as it came (secret "nope" not found).

/** Progress rather than trouble: said as "pulling image on k of n nodes". */
export const PULLING = new Set(['ContainerCreating', 'PodInitializing', 'Pulling']);

// Reasons that are the app's own names for a state rather than a word the cluster prints.
const LABELS: Record<string, string> = { Unschedulable: 'stuck.label.pending', NotReady: 'stuck.label.notReady' };

/** The reason as the user reads it: the cluster's own word, quoted (「CreateContainerConfigError」 in Chinese), or Pending / Not ready. */
export function reasonLabel(reason: string): Message {
  const key = LABELS[reason];
  return key ? { key } : { key: 'stuck.quoted', params: { text: reason } };
}

function shortfallText(s: Shortfall): Message {
  switch (s.kind) {
    case 'resource':
      if (s.resource === 'cpu' || s.resource === 'memory') return { key: `stuck.short.${s.resource}` };
      if (s.resource === 'ephemeral-storage') return { key: 'stuck.short.ephemeralStorage' };
      return { key: 'stuck.short.resource', params: { resource: s.resource } };
    case 'pods':
      return { key: 'stuck.short.pods' };
    case 'hostPort':
      return { key: 'stuck.short.hostPort' };
    case 'taint':
      return { key: 'stuck.short.taint', params: { taint: s.taint } };
    case 'other':
      return { key: 'stuck.quoted', params: { text: s.text } };
  }
}

/** Why, in a few words: parsed shortfalls, restarts and exit code, else the cluster's message as it is. */
export function problemDetail(problem: PodProblem): Message | undefined {
  if (problem.shortfalls && problem.shortfalls.length > 0) {
    return { key: 'stuck.list', params: { items: problem.shortfalls.map(shortfallText) } };
  }
  const exit = problem.lastExit;
  if (problem.restarts !== undefined && exit) {
    const params = { restarts: problem.restarts, code: exit.code, reason: exit.reason ?? '' };
    return { key: exit.reason ? 'stuck.restartedWith' : 'stuck.restarted', params, plural: problem.restarts };
  }
  if (problem.message) return { key: 'stuck.quoted', params: { text: problem.message } };
  if (exit) return { key: 'stuck.exit', params: { code: exit.code } };
  if (problem.reason === 'NotReady') return { key: 'stuck.notReadyWhy' };
  return undefined;
}

/** One pod's problem in a few words, for its node's cell: "Pending: not enough CPU". */
export function problemMessage(problem: PodProblem): Message {
  const reason = reasonLabel(problem.reason);
  const why = problemDetail(problem);
  return why ? { key: 'stuck.problem', params: { reason, why } } : reason;
}

/** How many nodes an issue concerns (FailedCreate: the pods the controller could not create). */
export const issueSize = (issue: PodIssue): number => issue.missing ?? issue.nodes.length;

/** One issue as a sentence: "CreateContainerConfigError on 5 nodes: secret "nope" not found". */
export function issueMessage(issue: PodIssue, desired: number): Message {
  const count = issueSize(issue);
  if (PULLING.has(issue.reason)) {
    return { key: 'status.reason.pulling', params: { count, desired: Math.max(desired, count) } };
  }
  const reason = reasonLabel(issue.reason);
  const why = problemDetail(issue);
  const node = issue.nodes[0];
  if (count === 1 && node) {
    return why
      ? { key: 'stuck.onNodeWhy', params: { reason, node, why } }
      : { key: 'status.reason.onNode', params: { reason, node } };
  }
  return why
    ? { key: 'stuck.onNodesWhy', params: { reason, count, why }, plural: count }
    : { key: 'status.reason.onNodes', params: { reason, count }, plural: count };
}

/** The reason of a not-yet-settled DaemonSet: its worst issue (the backend sends them worst first), and how many more. */
export function issueReason(issues: PodIssue[], desired: number): Message | undefined {
  const present = issues.filter((issue) => issueSize(issue) > 0);
  const worst = present[0];
  if (!worst) return undefined;
  const text = issueMessage(worst, desired);
  const more = present.length - 1;
  return more > 0 ? { key: 'stuck.andMore', params: { text, count: more }, plural: more } : text;
}
