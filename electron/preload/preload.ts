// Exposes `window.everynode`, built from the contract's channel table: one function per service method and one
// subscription per event. Nothing else crosses: no ipcRenderer, no event objects (their `sender` is ipcRenderer),
// no generic send/invoke that would let the page pick a channel.
import { contextBridge, ipcRenderer } from 'electron';
import type { IpcRendererEvent } from 'electron';
import { channels, eventChannel, eventNames } from '../contract/channels.js';
import type { EverynodeBridge } from '../contract/services.js';

type Listener = (payload: unknown) => void;

function buildBridge(): EverynodeBridge {
  const bridge: Record<string, Record<string, unknown>> = {};
  for (const spec of channels) {
    const service = (bridge[spec.service] ??= {});
    const channel = spec.channel;
    service[spec.method] = (...args: unknown[]): Promise<unknown> => ipcRenderer.invoke(channel, ...args);
  }
  const events: Record<string, (listener: Listener) => () => void> = {};
  for (const name of eventNames) {
    const channel = eventChannel(name);
    events[name] = (listener: Listener) => {
      if (typeof listener !== 'function') throw new TypeError(`${name} needs a listener function.`);
      const forward = (_event: IpcRendererEvent, payload: unknown): void => listener(payload);
      ipcRenderer.on(channel, forward);
      return () => {
        ipcRenderer.removeListener(channel, forward);
      };
    };
  }
  bridge.events = events;
  return bridge as unknown as EverynodeBridge;
}

contextBridge.exposeInMainWorld('everynode', buildBridge());
