import type { DetailEvent, DetailPod } from '../../electron/contract/detail-dto';

// The Events tab shows one row per kind of happening, not per event: one image that cannot be pulled on five pods is
// five events (and as many again from the kubelet's retries) but one problem. Events are grouped by type, reason and
// message, the message with the DaemonSet's pod names and its pods' node names replaced ("Successfully assigned
// default/agent-x7k2p to worker-1"), so the same happening on different pods is one group.

export interface EventGroup {
  key: string;
  type: string;
  reason: string;
  /** The newest event's message; with POD_MARK and NODE_MARK for the names when the group covers several pods. */
  message: string;
  /** Times it happened: the events' counts added up. */
  count: number;
  firstSeen: string;
  lastSeen: string;
  /** The nodes of the pods concerned (a pod already gone has no node here), sorted. */
  nodes: string[];
  /** The pods concerned, by name, sorted (events of the DaemonSet itself name its pods in the message). */
  pods: string[];
  /** The events in the group, newest first. */
  events: DetailEvent[];
}

/** What stands for a pod's name, and a node's, in a grouped message. */
export const POD_MARK = '<pod>';
export const NODE_MARK = '<node>';

const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The DaemonSet's pod names: its name, a dash and the five characters the controller appends. The kubelet writes a
 * pod as `name_namespace(uid)` ("Back-off restarting failed container main in pod agent-x7k2p_default(3ec0…)"), so a
 * name may be followed by an underscore, which \b would not allow.
 */
export function podNamePattern(daemonSet: string): RegExp {
  return new RegExp(`(?<![\\w.-])${escape(daemonSet)}-[a-z0-9]{5}(?![a-z0-9-])`, 'g');
}

/** The kubelet's namespace and uid after a pod's name, differing per pod, so they go with the name. */
const KUBELET_POD_SUFFIX = new RegExp(`${escape(POD_MARK)}_[a-z0-9-]+\\([0-9a-f-]+\\)`, 'g');

/** Any of these node names as a whole word (longest first, so worker-10 is not read as worker-1 and a 0). */
function nodeNamePattern(nodes: Iterable<string>): RegExp | null {
  const names = [...new Set(nodes)].filter((n) => n !== '').sort((a, b) => b.length - a.length);
  return names.length === 0 ? null : new RegExp(`(?<![\\w.-])(?:${names.map(escape).join('|')})(?![\\w.-])`, 'g');
}

/** Groups newest first (by their newest event); within a group, events newest first. */
export function groupEvents(
  events: readonly DetailEvent[],
  pods: readonly DetailPod[],
  daemonSet: string,
): EventGroup[] {
  const nodeOf = new Map(pods.map((p) => [p.name, p.node]));
  const pattern = podNamePattern(daemonSet);
  const nodePattern = nodeNamePattern(nodeOf.values());
  const normal = (message: string): string => {
    const noPods = message.replace(pattern, POD_MARK).replace(KUBELET_POD_SUFFIX, POD_MARK);
    return nodePattern ? noPods.replace(nodePattern, NODE_MARK) : noPods;
  };
  const groups = new Map<string, { events: DetailEvent[]; pods: Set<string> }>();
  for (const event of events) {
    const named = event.message.match(pattern) ?? [];
    const concerned = event.object.kind === 'Pod' ? [event.object.name, ...named] : named;
    const key = JSON.stringify([event.type, event.reason, normal(event.message)]);
    const group = groups.get(key) ?? { events: [], pods: new Set<string>() };
    group.events.push(event);
    for (const pod of concerned) group.pods.add(pod);
    groups.set(key, group);
  }
  const out: EventGroup[] = [];
  for (const [key, group] of groups) {
    const sorted = [...group.events].sort((a, b) => b.lastSeen.localeCompare(a.lastSeen));
    const newest = sorted[0] as DetailEvent;
    const podNames = [...group.pods].sort();
    const nodes = [...new Set(podNames.map((p) => nodeOf.get(p) ?? '').filter((n) => n !== ''))].sort();
    out.push({
      key,
      type: newest.type,
      reason: newest.reason,
      message: podNames.length > 1 ? normal(newest.message) : newest.message,
      count: sorted.reduce((sum, e) => sum + e.count, 0),
      firstSeen: sorted.map((e) => e.firstSeen || e.lastSeen).reduce((a, b) => (b < a ? b : a)),
      lastSeen: newest.lastSeen,
      nodes,
      pods: podNames,
      events: sorted,
    });
  }
  return out.sort((a, b) => b.lastSeen.localeCompare(a.lastSeen));
}
