import type { EverynodeEvents, EverynodeServices, EventName } from '../../electron/contract/services';
import type { Disposable } from '../../electron/contract/streams';
import type { Watch } from './watch';

/** What stores use: the contract's services with results unwrapped (failures throw ApiError), and events. */
export interface Api {
  services: EverynodeServices;
  events: { on<E extends EventName>(event: E, listener: (payload: EverynodeEvents[E]) => void): Disposable };
  /** The live streams: `watch.daemonSets(context, selection, onDelta)` and the like, each ended by its dispose(). */
  watch: Watch;
  /** Fires after the transport came back from a drop; whatever the backend held for us (streams) is gone. */
  onReconnect(listener: () => void): Disposable;
  /** False while the transport is down (browser host only; Electron's IPC never drops). */
  onConnectionChange(listener: (connected: boolean) => void): Disposable;
}
