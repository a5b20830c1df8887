import { defineStore } from 'pinia';
import { ref, shallowRef, triggerRef } from 'vue';
import type { AppErrorDTO } from '../../electron/contract/dto';
import type { LogChunk, LogOptions } from '../../electron/contract/detail-dto';
import { api } from '../api/bridge';
import { toErrorDTO } from '../api/errors';

const MAX_LINES = 10_000;

export interface LogTarget {
  context: string;
  namespace: string;
  pod: string;
  container: string;
}

/** The detail page's log panel: one log stream at a time, its lines capped so a chatty container cannot grow forever. */
export const useLogsStore = defineStore('logs', () => {
  const lines = shallowRef<string[]>([]);
  const streaming = ref(false);
  const ended = ref(false);
  const error = ref<AppErrorDTO | null>(null);
  const current = ref<(LogTarget & LogOptions) | null>(null);
  let streamId: string | null = null;
  let generation = 0;
  let stopEvents: (() => void) | undefined;

  function onChunk(chunk: LogChunk): void {
    if (chunk.streamId !== streamId) return;
    if (chunk.lines.length > 0) {
      lines.value.push(...chunk.lines);
      if (lines.value.length > MAX_LINES) lines.value.splice(0, lines.value.length - MAX_LINES);
      triggerRef(lines);
    }
    if (chunk.error) error.value = chunk.error;
    if (chunk.ended) {
      ended.value = true;
      streaming.value = false;
      streamId = null;
    }
  }

  async function start(target: LogTarget, options: LogOptions): Promise<void> {
    stopEvents ??= api().events.on('onDidReceiveLogs', onChunk);
    const mine = ++generation;
    await stop();
    lines.value = [];
    error.value = null;
    ended.value = false;
    current.value = { ...target, ...options };
    streaming.value = true;
    try {
      const { streamId: id } = await api().services.detail.startLogs(
        target.context,
        target.namespace,
        target.pod,
        target.container,
        options,
      );
      if (mine !== generation) {
        void api()
          .services.detail.stopLogs(id)
          .catch(() => undefined);
        return;
      }
      streamId = id;
    } catch (e) {
      if (mine !== generation) return;
      error.value = toErrorDTO(e);
      streaming.value = false;
      ended.value = true;
    }
  }

  async function stop(): Promise<void> {
    const id = streamId;
    streamId = null;
    if (streaming.value) ended.value = true;
    streaming.value = false;
    if (id)
      await api()
        .services.detail.stopLogs(id)
        .catch(() => undefined);
  }

  function reset(): void {
    generation++;
    void stop();
    lines.value = [];
    current.value = null;
    error.value = null;
    ended.value = false;
  }

  return { lines, streaming, ended, error, current, start, stop, reset };
});
