import { getCurrentScope, onScopeDispose, ref, shallowRef, watch, type Ref, type ShallowRef } from 'vue';
import type { AppErrorDTO } from '../../electron/contract/dto';
import type { Disposable, StreamArgs, StreamDelta, StreamName } from '../../electron/contract/streams';
import { api } from '../api/bridge';

/** closed: no args; opening: asked (or asked again after a reconnect); failed: refused; ended: by the backend. */
export type LiveState = 'closed' | 'opening' | 'open' | 'failed' | 'ended';

export interface LiveHandlers<N extends StreamName> {
  delta(delta: StreamDelta<N>, args: StreamArgs<N>): void;
  /** Before every (re)open, and with null when the args go away: what the stream showed is stale from here. */
  opening?(args: StreamArgs<N> | null): void;
  /** The backend answered the open (again, after a reconnect). */
  opened?(args: StreamArgs<N>): void;
  failed?(error: AppErrorDTO, args: StreamArgs<N>): void;
}

export interface Live<N extends StreamName> {
  state: Ref<LiveState>;
  /** The args of the stream the backend answered for; null while closed, opening, failed. */
  opened: ShallowRef<StreamArgs<N> | null>;
  /** Opens the stream of the current args again (after a refusal, an end, or to start it over). */
  retry(): void;
}

/**
 * One live stream that follows its args: `args()` is read reactively, null closes the stream, new args (by value)
 * reopen it, and it is disposed with the effect scope that created it (a component, a Pinia store).
 */
export function useLive<N extends StreamName>(
  name: N,
  args: () => StreamArgs<N> | null,
  handlers: LiveHandlers<N>,
): Live<N> {
  const state = ref<LiveState>('closed');
  const opened = shallowRef<StreamArgs<N> | null>(null);
  let current: Disposable | undefined;

  function disposeCurrent(): void {
    current?.dispose();
    current = undefined;
    opened.value = null;
  }

  function open(next: StreamArgs<N> | null): void {
    disposeCurrent();
    handlers.opening?.(next);
    if (next === null) {
      state.value = 'closed';
      return;
    }
    state.value = 'opening';
    const watchStream = api().watch[name] as (...params: unknown[]) => Disposable;
    current = watchStream(...next, {
      delta: (delta: StreamDelta<N>) => handlers.delta(delta, next),
      opened: () => {
        state.value = 'open';
        opened.value = next;
        handlers.opened?.(next);
      },
      reopening: () => {
        state.value = 'opening';
        opened.value = null;
        handlers.opening?.(next);
      },
      failed: (why: AppErrorDTO) => {
        state.value = 'failed';
        handlers.failed?.(why, next);
      },
      ended: () => {
        state.value = 'ended';
      },
    });
  }

  // By value: a getter that builds a new array with the same contents does not reopen the stream.
  watch(
    () => {
      const next = args();
      return next === null ? null : JSON.stringify(next);
    },
    () => open(args()),
    { immediate: true },
  );
  if (getCurrentScope()) onScopeDispose(disposeCurrent);

  return {
    state,
    opened,
    retry: () => open(args()),
  };
}
