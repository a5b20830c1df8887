import type { AppErrorDTO, WireResult } from '../../electron/contract/dto';
import type { EverynodeBridge, EverynodeEvents, EventName } from '../../electron/contract/services';
import type { CallMessage, ServerMessage } from '../../electron/contract/web-protocol';
import type { Disposable } from '../../electron/contract/streams';
import { methodChannel } from '../../common/channels';

const MIN_BACKOFF_MS = 250;
const MAX_BACKOFF_MS = 10_000;

export interface WebSocketLike {
  readyState: number;
  send(data: string): void;
  close(): void;
  onopen: ((event: Event) => void) | null;
  onclose: ((event: CloseEvent) => void) | null;
  onmessage: ((event: MessageEvent) => void) | null;
  onerror: ((event: Event) => void) | null;
}

export interface WsBridge {
  bridge: EverynodeBridge;
  onReconnect(listener: () => void): Disposable;
  onConnectionChange(listener: (connected: boolean) => void): Disposable;
  /** Closes the socket for good: no reconnect after it. */
  dispose(): void;
}

const OPEN = 1;
const lostError: AppErrorDTO = {
  code: 'unreachable',
  message: 'The connection to the Everynode host was lost before the call finished.',
};

/** The bridge URL next to the page (the host serves both), ws:// or wss:// as the page is http:// or https://. */
export function bridgeUrl(pageHref: string): string {
  const url = new URL('bridge', pageHref);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  url.search = '';
  url.hash = '';
  return url.toString();
}

/**
 * The browser host's bridge over one WebSocket (web-protocol.ts): numbered calls answered by results, and events.
 * Reconnects with capped, jittered backoff; calls in flight when the socket drops fail with an `unreachable` error,
 * calls made while it is down wait for the next connection.
 */
export function createWsBridge(url: string, open: (url: string) => WebSocketLike = (u) => new WebSocket(u)): WsBridge {
  let socket: WebSocketLike | undefined;
  let nextId = 1;
  let attempt = 0;
  let everConnected = false;
  let closed = false;
  const pending = new Map<number, (result: WireResult<unknown>) => void>();
  const queued: CallMessage[] = [];
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>();
  const reconnectListeners = new Set<() => void>();
  const connectionListeners = new Set<(connected: boolean) => void>();

  function connect(): void {
    const ws = open(url);
    socket = ws;
    ws.onopen = () => {
      attempt = 0;
      const again = everConnected;
      everConnected = true;
      for (const message of queued.splice(0)) ws.send(JSON.stringify(message));
      connectionListeners.forEach((listener) => listener(true));
      if (again) reconnectListeners.forEach((listener) => listener());
    };
    ws.onmessage = (event) => receive(event.data);
    ws.onerror = () => undefined; // onclose follows and handles it
    ws.onclose = () => {
      if (socket !== ws) return;
      socket = undefined;
      for (const [id, settle] of pending) {
        pending.delete(id);
        settle({ ok: false, error: lostError });
      }
      connectionListeners.forEach((listener) => listener(false));
      if (closed) return;
      const delay = Math.min(MAX_BACKOFF_MS, MIN_BACKOFF_MS * 2 ** attempt++);
      setTimeout(connect, delay / 2 + Math.random() * (delay / 2));
    };
  }

  function receive(data: unknown): void {
    if (typeof data !== 'string') return;
    let message: ServerMessage;
    try {
      message = JSON.parse(data) as ServerMessage;
    } catch {
      return;
    }
    if (message.type === 'result') {
      const settle = pending.get(message.id);
      pending.delete(message.id);
      settle?.(message.result);
    } else if (message.type === 'event') {
      listeners.get(message.event)?.forEach((listener) => listener(message.payload));
    }
  }

  function call(channel: string, args: unknown[]): Promise<WireResult<unknown>> {
    if (closed) return Promise.resolve({ ok: false, error: lostError });
    const message: CallMessage = { type: 'call', id: nextId++, channel, args };
    return new Promise((resolve) => {
      pending.set(message.id, resolve);
      if (socket?.readyState === OPEN) socket.send(JSON.stringify(message));
      else queued.push(message);
    });
  }

  function on<E extends EventName>(event: E, listener: (payload: EverynodeEvents[E]) => void): Disposable {
    let set = listeners.get(event);
    if (!set) listeners.set(event, (set = new Set()));
    const entry = listener as (payload: unknown) => void;
    set.add(entry);
    return { dispose: () => set.delete(entry) };
  }

  const events = new Proxy({} as EverynodeBridge['events'], {
    get: (_target, event) => (listener: (payload: unknown) => void) => on(event as EventName, listener),
  });
  // Services are derived from the channel name (`everynode:<service>.<method>`), like the preload's, so the
  // renderer needs no runtime copy of the contract's channel table.
  const bridge = new Proxy({} as EverynodeBridge, {
    get: (_target, service) => {
      if (service === 'events') return events;
      return new Proxy(
        {},
        {
          get:
            (_t, method) =>
            (...args: unknown[]) =>
              call(methodChannel(String(service), String(method)), args),
        },
      );
    },
  });

  connect();
  return {
    bridge,
    onReconnect: (listener) => {
      reconnectListeners.add(listener);
      return { dispose: () => reconnectListeners.delete(listener) };
    },
    onConnectionChange: (listener) => {
      connectionListeners.add(listener);
      return { dispose: () => connectionListeners.delete(listener) };
    },
    dispose: () => {
      closed = true;
      socket?.close();
    },
  };
}
