// Exposes `window.everynode`, built from the contract's channel table: one function per service method and one
// subscription per event. Nothing else crosses: no ipcRenderer, no event objects (their `sender` is ipcRenderer),
// no generic send/invoke that would let the page pick a channel.
import { contextBridge, ipcRenderer } from 'electron';
import type { IpcRendererEvent } from 'electron';
// The names only: channels.ts would bring zod's validators into a bundle parsed on every page load.
import { eventChannel, eventNames, methodChannel, serviceMethods } from '../contract/channel-names.js';
import type { EverynodeBridge } from '../contract/services.js';
import type { Disposable } from '../contract/streams.js';

type Listener = (payload: unknown) => void;

function buildBridge(): EverynodeBridge {
  const bridge: Record<string, Record<string, unknown>> = {};
  for (const [service, methods] of Object.entries(serviceMethods)) {
    const functions: Record<string, unknown> = (bridge[service] = {});
    for (const method of methods) {
      const channel = methodChannel(service, method);
      functions[method] = (...args: unknown[]): Promise<unknown> => ipcRenderer.invoke(channel, ...args);
    }
  }
  const events: Record<string, (listener: Listener) => Disposable> = {};
  for (const name of eventNames) {
    const channel = eventChannel(name);
    events[name] = (listener: Listener) => {
      if (typeof listener !== 'function') throw new TypeError(`${name} needs a listener function.`);
      const forward = (_event: IpcRendererEvent, payload: unknown): void => listener(payload);
      ipcRenderer.on(channel, forward);
      return {
        dispose: () => {
          ipcRenderer.removeListener(channel, forward);
        },
      };
    };
  }
  bridge.events = events;
  return bridge as unknown as EverynodeBridge;
}

contextBridge.exposeInMainWorld('everynode', buildBridge());
