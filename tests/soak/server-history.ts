// The server's side of the staleness measure, kept in the sandbox's process from its synchronous change feed (which
// faults never touch): for every DaemonSet, its current view and when it left each earlier view.
import type { StoreEvent } from '../../electron/sandbox-cluster/index.js';
import { keyOfObject, viewOfObject, viewText, type StalenessResult } from './protocol.js';

/** The view of a DaemonSet that does not exist. */
export const ABSENT = '(absent)';
const KEPT_VIEWS = 64;

interface KeyHistory {
  current: string;
  since: number;
  /** View text -> when the server last moved away from it (insertion order = age). */
  left: Map<string, number>;
}

export class ServerHistory {
  private readonly keys = new Map<string, KeyHistory>();
  private stalled = false;
  private stallEnd = 0;

  constructor(
    initial: unknown[],
    private readonly now: () => number = Date.now,
  ) {
    for (const ds of initial) this.record(keyOfObject(ds), viewText(viewOfObject(ds)));
  }

  onEvent(event: StoreEvent): void {
    if (event.resource !== 'daemonsets') return;
    const text = event.type === 'DELETED' ? ABSENT : viewText(viewOfObject(event.object));
    this.record(keyOfObject(event.object), text);
  }

  /** While every watch stream is stalled the server delivers nothing: staleness is counted from the release. */
  setStalled(stalled: boolean): void {
    if (this.stalled && !stalled) this.stallEnd = this.now();
    this.stalled = stalled;
  }

  /**
   * How long the oldest status among the store's rows has been out of date: for a row showing a view the server
   * left at time T, now - T; a row missing or left over counts from the creation or deletion.
   */
  staleness(store: Record<string, string>): StalenessResult {
    const now = this.now();
    let worst: StalenessResult = { maxAgeMs: 0, worstKey: null };
    if (this.stalled) return worst;
    const keys = new Set([...Object.keys(store), ...this.keys.keys()]);
    for (const key of keys) {
      const shown = store[key] ?? ABSENT;
      const history = this.keys.get(key);
      const current = history?.current ?? ABSENT;
      if (shown === current) continue;
      // A view the server never had counts from when the server got its current one.
      const leftAt = Math.max(history?.left.get(shown) ?? history?.since ?? 0, this.stallEnd);
      const age = now - leftAt;
      if (age > worst.maxAgeMs) worst = { maxAgeMs: age, worstKey: key };
    }
    return worst;
  }

  private record(key: string, text: string): void {
    const now = this.now();
    let history = this.keys.get(key);
    if (!history) this.keys.set(key, (history = { current: ABSENT, since: now, left: new Map() }));
    if (history.current === text) return;
    history.left.delete(history.current);
    history.left.set(history.current, now);
    if (history.left.size > KEPT_VIEWS) {
      const oldest = history.left.keys().next().value;
      if (oldest !== undefined) history.left.delete(oldest);
    }
    history.current = text;
    history.since = now;
  }
}
