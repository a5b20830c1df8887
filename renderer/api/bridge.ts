import type { WireResult } from '../../electron/contract/dto';
import type { EverynodeBridge, EverynodeServices } from '../../electron/contract/services';
import { ApiError } from './errors';
import type { Disposable } from '../../electron/contract/streams';
import type { Api } from './types';
import { createWatch } from './watch';
import { bridgeUrl, createWsBridge } from './ws-bridge';

declare global {
  interface Window {
    /** Set by the Electron preload; absent in a browser, where the WebSocket bridge is used. */
    everynode?: EverynodeBridge;
  }
}

function unwrap<T>(result: WireResult<T>): T {
  if (result.ok) return result.value;
  throw new ApiError(result.error);
}

/** Wraps any bridge (preload, WebSocket, or a test's fake) into services that return values and throw ApiError. */
export function createApi(
  bridge: EverynodeBridge,
  transport: Partial<Pick<Api, 'onReconnect' | 'onConnectionChange'>> = {},
): Api {
  const services = new Proxy({} as EverynodeServices, {
    get: (_target, service) =>
      new Proxy(
        {},
        {
          get: (_t, method) => {
            const group = bridge[service as keyof EverynodeServices] as Record<string, unknown>;
            const fn = group[String(method)];
            if (typeof fn !== 'function') throw new Error(`No service method ${String(service)}.${String(method)}`);
            return async (...args: unknown[]) =>
              unwrap(await (fn as (...a: unknown[]) => Promise<WireResult<unknown>>)(...args));
          },
        },
      ),
  });
  const none = (): Disposable => ({ dispose: () => undefined });
  const events: Api['events'] = { on: (event, listener) => bridge.events[event](listener) };
  const onReconnect = transport.onReconnect ?? none;
  return {
    services,
    events,
    watch: createWatch(services, events.on, onReconnect),
    onReconnect,
    onConnectionChange: transport.onConnectionChange ?? none,
  };
}

let current: Api | undefined;

/** The app's one bridge client: Electron's preload when present, else the browser host's WebSocket. */
export function api(): Api {
  if (!current) {
    if (window.everynode) {
      current = createApi(window.everynode);
    } else {
      const ws = createWsBridge(bridgeUrl(location.href));
      current = createApi(ws.bridge, { onReconnect: ws.onReconnect, onConnectionChange: ws.onConnectionChange });
    }
  }
  return current;
}

/** Replaces the bridge client; unit tests hand in a fake bridge object here. */
export function setApi(next: Api): void {
  current = next;
}
