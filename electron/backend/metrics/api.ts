import type { MetricsRefusal, Usage } from '../../contract/index.js';
import { AppError } from '../errors.js';
import { rawCall } from '../kinds/client.js';
import type { ContextSession } from '../session/session.js';
import { isRecord, records, text } from '../../../common/guards.js';
import { parseQuantity } from '../../../common/quantity.js';

// The metrics API as metrics-server serves it (metrics.k8s.io/v1beta1 through API aggregation): only current
// readings, each with the timestamp of the window it was taken in.
export const METRICS_GROUP = 'metrics.k8s.io';
const BASE = `/apis/${METRICS_GROUP}/v1beta1`;

/** One reading: when, and by container (pods) or in all (nodes). */
export interface Reading {
  t: number;
  containers: { name: string; usage: Usage }[];
}

/** Nanocores and bytes from the API's quantities (`123456n`, `2048Ki`); undefined for anything else. */
export function usageOf(raw: unknown): Usage | undefined {
  if (!isRecord(raw)) return undefined;
  const cpu = parseQuantity(text(raw.cpu) ?? '');
  const memory = parseQuantity(text(raw.memory) ?? '');
  if (cpu === undefined || memory === undefined) return undefined;
  return { cpu: Math.round(cpu * 1e9), memory: Math.round(memory) };
}

function readingOf(item: Record<string, unknown>): Reading | undefined {
  const t = Date.parse(text(item.timestamp) ?? '');
  if (!Number.isFinite(t)) return undefined;
  const containers = records(item.containers).flatMap((c) => {
    const usage = usageOf(c.usage);
    const name = text(c.name);
    return usage && name !== undefined ? [{ name, usage }] : [];
  });
  return { t, containers };
}

/** Whether the cluster serves the metrics API at all: its group's discovery document, 404 when it does not. */
export async function metricsServed(session: ContextSession): Promise<boolean> {
  try {
    await rawCall(session, { method: 'GET', path: `/apis/${METRICS_GROUP}` });
    return true;
  } catch (e) {
    if (e instanceof AppError && e.code === 'not-found') return false;
    throw e;
  }
}

/** The first of these reviews the user is refused, or undefined when all are allowed. */
export async function refusal(
  session: ContextSession,
  questions: readonly MetricsRefusal[],
): Promise<MetricsRefusal | undefined> {
  const answers = await Promise.all(
    questions.map((q) =>
      session.can({
        verb: q.verb,
        resource: q.resource.split('.')[0] ?? q.resource,
        group: METRICS_GROUP,
        namespace: q.namespace,
      }),
    ),
  );
  return questions.find((_, i) => !answers[i]);
}

/** PodMetrics of a namespace's pods matching a label selector (or the one pod named), by pod name. */
export async function readPodMetrics(
  session: ContextSession,
  namespace: string,
  labelSelector?: string,
  name?: string,
): Promise<Map<string, Reading>> {
  const list = await rawCall(session, {
    method: 'GET',
    path: `${BASE}/namespaces/${encodeURIComponent(namespace)}/pods`,
    query: {
      ...(labelSelector ? { labelSelector } : {}),
      ...(name ? { fieldSelector: `metadata.name=${name}` } : {}),
    },
  });
  const out = new Map<string, Reading>();
  for (const item of records(list.items)) {
    const name = isRecord(item.metadata) ? text(item.metadata.name) : undefined;
    const reading = readingOf(item);
    if (name !== undefined && reading) out.set(name, reading);
  }
  return out;
}

/** NodeMetrics of one node; undefined while there is none (a node not Ready, just joined). */
export async function readNodeMetrics(session: ContextSession, node: string): Promise<Reading | undefined> {
  try {
    const item = await rawCall(session, { method: 'GET', path: `${BASE}/nodes/${encodeURIComponent(node)}` });
    const t = Date.parse(text(item.timestamp) ?? '');
    const usage = usageOf(item.usage);
    return Number.isFinite(t) && usage ? { t, containers: [{ name: '', usage }] } : undefined;
  } catch (e) {
    if (e instanceof AppError && e.code === 'not-found') return undefined;
    throw e;
  }
}
