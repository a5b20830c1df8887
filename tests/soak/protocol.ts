// What the soak compares and the messages between the soak and its sandbox child process.
import type { DaemonSetRow, DaemonSetStatusCounts } from '../../electron/contract/index.js';

/** The part of a DaemonSet the list shows as its status: the soak's definition of "the same state". */
export interface StatusView extends DaemonSetStatusCounts {
  uid: string;
  generation: number;
  observedGeneration: number | null;
  images: string[];
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;
const field = (value: unknown, key: string): unknown => (isRecord(value) ? value[key] : undefined);
const count = (value: unknown): number => (typeof value === 'number' && Number.isFinite(value) ? value : 0);

/**
 * The view of a raw DaemonSet as the API server returns it (kubectl's JSON or the sandbox's stored object). Written
 * from the Kubernetes fields, not from the backend's row mapping, so that a mapping bug shows as a difference.
 */
export function viewOfObject(ds: unknown): StatusView {
  const meta = field(ds, 'metadata');
  const status = field(ds, 'status');
  const containers = field(field(field(field(ds, 'spec'), 'template'), 'spec'), 'containers');
  const images = Array.isArray(containers)
    ? [
        ...new Set(
          containers.map((c) => field(c, 'image')).filter((i): i is string => typeof i === 'string' && i !== ''),
        ),
      ]
    : [];
  const desired = count(field(status, 'desiredNumberScheduled'));
  const available = count(field(status, 'numberAvailable'));
  const unavailable = field(status, 'numberUnavailable');
  const observed = field(status, 'observedGeneration');
  return {
    uid: String(field(meta, 'uid') ?? ''),
    generation: count(field(meta, 'generation')),
    observedGeneration: typeof observed === 'number' ? observed : null,
    images,
    desired,
    current: count(field(status, 'currentNumberScheduled')),
    ready: count(field(status, 'numberReady')),
    available,
    updated: count(field(status, 'updatedNumberScheduled')),
    misscheduled: count(field(status, 'numberMisscheduled')),
    unavailable: typeof unavailable === 'number' ? unavailable : Math.max(0, desired - available),
  };
}

export function keyOfObject(ds: unknown): string {
  const meta = field(ds, 'metadata');
  return `${String(field(meta, 'namespace') ?? '')}/${String(field(meta, 'name') ?? '')}`;
}

/** Rolled out everywhere: what the backend treats as settled (no pod watches needed for it). */
export const isSettledView = (v: StatusView): boolean =>
  v.observedGeneration === v.generation &&
  v.updated === v.desired &&
  v.available === v.desired &&
  v.current === v.desired &&
  v.misscheduled === 0;

/** One comparable string per view (stable key order comes from the object literal above). */
export const viewText = (view: StatusView): string => JSON.stringify(view);

/** Faults the sandbox makes. */
export type SandboxFaultKind = 'drop' | 'silence' | 'stall' | 'error500' | 'error429' | 'compact' | 'kubelets';
/** `bridge`: the renderer's WebSocket to the host is cut (the soak does that itself, on the client's side). */
export type FaultKind = SandboxFaultKind | 'bridge';
export const FAULT_KINDS: readonly FaultKind[] = [
  'drop',
  'silence',
  'stall',
  'error500',
  'error429',
  'compact',
  'kubelets',
  'bridge',
];

export interface FaultOrder<K extends FaultKind = FaultKind> {
  kind: K;
  /** stall and kubelets: how long; error500/429: how many requests fail. */
  amount: number;
}

export interface StalenessResult {
  maxAgeMs: number;
  worstKey: string | null;
}

export type Request =
  | { id: number; type: 'fault'; order: FaultOrder<SandboxFaultKind> }
  | { id: number; type: 'quiesce' }
  | { id: number; type: 'views' }
  | { id: number; type: 'staleness'; store: Record<string, string> }
  | { id: number; type: 'stats' }
  | { id: number; type: 'settled' };

export interface ChildStats {
  unhandledRejections: number;
  openWatches: number;
  rssBytes: number;
}

export type ChildMessage =
  | { type: 'ready'; kubeconfigPath: string; context: string }
  | { type: 'reply'; id: number; ok: true; value: unknown }
  | { type: 'reply'; id: number; ok: false; message: string };

/** The same view of a row the renderer's store holds. */
export function viewOfRow(row: DaemonSetRow): StatusView {
  const s = row.status;
  return {
    uid: row.uid,
    generation: row.generation,
    observedGeneration: row.observedGeneration ?? null,
    images: row.images,
    desired: s.desired,
    current: s.current,
    ready: s.ready,
    available: s.available,
    updated: s.updated,
    misscheduled: s.misscheduled,
    unavailable: s.unavailable,
  };
}
