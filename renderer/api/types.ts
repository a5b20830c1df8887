import type { EverynodeEvents, EverynodeServices, EventName } from '../../electron/contract/services';

export type Dispose = () => void;

/** What stores use: the contract's services with results unwrapped (failures throw ApiError), and events. */
export interface Api {
  services: EverynodeServices;
  events: { on<E extends EventName>(event: E, listener: (payload: EverynodeEvents[E]) => void): Dispose };
  /** Fires after the transport came back from a drop; whatever the backend held for us (subscriptions) is gone. */
  onReconnect(listener: () => void): Dispose;
  /** False while the transport is down (browser host only; Electron's IPC never drops). */
  onConnectionChange(listener: (connected: boolean) => void): Dispose;
}
