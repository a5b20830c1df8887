import type { AppErrorDTO, WireResult } from './dto.js';
import type { EventName, EverynodeEvents } from './services.js';

// Messages on the browser host's single WebSocket (`/bridge`): the same channels as Electron's IPC.
export interface CallMessage {
  type: 'call';
  id: number;
  channel: string;
  args: unknown[];
}

export type ServerMessage =
  | { type: 'result'; id: number; result: WireResult<unknown> }
  /** A message that was not a call the host could answer by id (not JSON, no id...): why it was refused. */
  | { type: 'refused'; error: AppErrorDTO }
  | { [E in EventName]: { type: 'event'; event: E; payload: EverynodeEvents[E] } }[EventName];

export const WEB_BRIDGE_PATH = '/bridge';
