import { defineStore } from 'pinia';
import { ref, shallowRef, triggerRef } from 'vue';
import type { AppErrorDTO } from '../../electron/contract/dto';
import type { LogChunk, LogOptions } from '../../electron/contract/detail-dto';
import type { StreamArgs } from '../../electron/contract/streams';
import { useLive } from '../composables/useLive';

const MAX_LINES = 10_000;

export interface LogTarget {
  context: string;
  namespace: string;
  pod: string;
  container: string;
}

/** A log panel: one `logs` stream at a time, its lines capped so a chatty container cannot grow forever. */
function logsStore() {
  const lines = shallowRef<string[]>([]);
  const streaming = ref(false);
  const ended = ref(false);
  const error = ref<AppErrorDTO | null>(null);
  const current = ref<(LogTarget & LogOptions) | null>(null);
  const wanted = shallowRef<StreamArgs<'logs'> | null>(null);

  function onChunk(chunk: LogChunk): void {
    if (chunk.lines.length > 0) {
      lines.value.push(...chunk.lines);
      if (lines.value.length > MAX_LINES) lines.value.splice(0, lines.value.length - MAX_LINES);
      triggerRef(lines);
    }
    if (chunk.error) error.value = chunk.error;
    if (chunk.ended) {
      ended.value = true;
      streaming.value = false;
    }
  }

  const live = useLive('logs', () => wanted.value, {
    delta: onChunk,
    // Every (re)open reads the log from its start (a reconnect included); no args any more: the read was stopped.
    opening: (args) => {
      if (args === null) {
        if (streaming.value) ended.value = true;
        streaming.value = false;
        return;
      }
      lines.value = [];
      error.value = null;
      ended.value = false;
      streaming.value = true;
    },
    failed: (why) => {
      error.value = why;
      streaming.value = false;
      ended.value = true;
    },
  });

  function start(target: LogTarget, options: LogOptions): void {
    const args: StreamArgs<'logs'> = [target.context, target.namespace, target.pod, target.container, options];
    current.value = { ...target, ...options };
    if (JSON.stringify(args) === JSON.stringify(wanted.value)) live.retry();
    else wanted.value = args;
  }

  function stop(): void {
    wanted.value = null;
  }

  function reset(): void {
    stop();
    lines.value = [];
    current.value = null;
    error.value = null;
    ended.value = false;
  }

  return { lines, streaming, ended, error, current, start, stop, reset };
}

/** The detail page's log panel. */
export const useLogsStore = defineStore('logs', logsStore);
// ---- issue 15: the pod panel's own read, so a panel over the detail page does not take the page's lines ----
export const usePanelLogsStore = defineStore('panelLogs', logsStore);
