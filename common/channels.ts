// The channel names both sides speak: service calls `everynode:<service>.<method>` (Electron's IPC and the browser host's
// WebSocket alike) and events `everynode:<event>` (IPC). The renderer's WebSocket bridge builds call channels too, and it
// may import the contract only as types, so the names live here, where it may import them as values.

export const CHANNEL_PREFIX = 'everynode:';

/** A service method's channel, e.g. `everynode:clusters.getState`. */
export const methodChannel = (service: string, method: string): string => `${CHANNEL_PREFIX}${service}.${method}`;

/** An event's channel, e.g. `everynode:onDidChangeClusters`. */
export const eventChannel = (event: string): string => `${CHANNEL_PREFIX}${event}`;
