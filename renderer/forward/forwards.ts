import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { AppErrorDTO } from '../../electron/contract/dto';
import type { ForwardAccess, ForwardEnd, ForwardState } from '../../electron/contract/forward-dto';
import type { Disposable } from '../../electron/contract/streams';
import { api } from '../api/bridge';

export interface ForwardTarget {
  context: string;
  namespace: string;
  pod: string;
  container: string;
  port: number;
  portName?: string;
}

export type ForwardEntryEnd = ForwardEnd | { reason: 'connection-lost' };

export interface ForwardEntry {
  key: number;
  target: ForwardTarget;
  state: ForwardState | null;
  end: ForwardEntryEnd | null;
}

/** Whether the user may forward ports of a project's pods (both verbs a WebSocket forward needs). */
export function forwardAccess(context: string, namespace: string): Promise<ForwardAccess> {
  return api().services.forward.access(context, namespace);
}

/**
 * The window's port-forwards. The store outlives pages, so a forward survives moving between them and stays listed;
 * the backend ends it with this window (its client), on a context switch and when the host exits. One whose
 * transport dropped is shown as ended (the backend closed it with the old connection) rather than silently
 * started again, perhaps on another port.
 */
export const useForwardsStore = defineStore('forwards', () => {
  const entries = ref<ForwardEntry[]>([]);
  const streams = new Map<number, Disposable>();
  let next = 1;
  const active = computed(() => entries.value.filter((e) => e.end === null));

  const entry = (key: number): ForwardEntry | undefined => entries.value.find((e) => e.key === key);
  function finish(key: number, end: ForwardEntryEnd): void {
    const found = entry(key);
    if (found && found.end === null) found.end = end;
    streams.get(key)?.dispose();
    streams.delete(key);
  }

  /** Starts a forward; resolves once it listens, or with the error the local-port field shows. */
  function start(target: ForwardTarget, localPort: number): Promise<AppErrorDTO | null> {
    const key = next++;
    return new Promise((resolve) => {
      const { context, namespace, pod, port } = target;
      const stream = api().watch.forward(context, namespace, pod, port, localPort, {
        delta: (state) => {
          let found = entry(key);
          if (!found) {
            entries.value.push({ key, target, state: null, end: null });
            found = entry(key);
            resolve(null);
          }
          if (!found) return;
          // The backend's closing state carries no counts when it ended the stream itself: keep what was shown.
          found.state = state.localPort === 0 && found.state ? { ...found.state, end: state.end } : state;
          if (state.end) finish(key, state.end);
        },
        reopening: () => finish(key, { reason: 'connection-lost' }),
        failed: (error) => {
          streams.delete(key);
          resolve(error);
        },
      });
      streams.set(key, stream);
    });
  }

  /** Stop: the listener closes; the row goes. */
  function stop(key: number): void {
    streams.get(key)?.dispose();
    streams.delete(key);
    entries.value = entries.value.filter((e) => e.key !== key);
  }

  return { entries, active, start, stop, remove: stop };
});
