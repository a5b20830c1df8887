// The channel framing of the remote-command and port-forward WebSocket protocols (k8s.io/apimachinery
// httpstream/wsstream, client-go tools/remotecommand): every binary message starts with its channel number;
// v5.channel.k8s.io adds a close message (channel 255 followed by the channel that is done). The remote command's
// result is a metav1.Status on the error channel, as the kubelet writes it.

export const V5 = 'v5.channel.k8s.io';
export const V4 = 'v4.channel.k8s.io';
export const STDIN = 0;
export const STDOUT = 1;
export const STDERR = 2;
export const ERROR = 3;
export const RESIZE = 4;
export const CLOSE = 255;

export function frame(channel: number, data: Buffer | string): Buffer {
  const body = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  return Buffer.concat([Buffer.from([channel]), body]);
}

export type Incoming =
  { kind: 'data'; channel: number; data: Buffer } | { kind: 'close'; channel: number } | { kind: 'empty' };

/** One message from the client; `close` only exists in v5 (in v4 a 255 would simply be an unknown channel). */
export function readMessage(message: Buffer, protocol: string): Incoming {
  if (message.length === 0) return { kind: 'empty' };
  const channel = message[0] ?? 0;
  if (channel === CLOSE && protocol === V5 && message.length >= 2) return { kind: 'close', channel: message[1] ?? 0 };
  return { kind: 'data', channel, data: message.subarray(1) };
}

export interface TerminalSize {
  width: number;
  height: number;
}

/**
 * A resize message: `{"Width":80,"Height":24}` (remotecommand.TerminalSize); undefined when malformed. Go's
 * encoding/json matches field names case-insensitively (an exact match first), so client-node's `{"width":80,
 * "height":24}` resizes a real kubelet's terminal too.
 */
export function readResize(data: Buffer): TerminalSize | undefined {
  try {
    const parsed = JSON.parse(data.toString('utf8')) as Record<string, unknown>;
    const width = goField(parsed, 'Width');
    const height = goField(parsed, 'Height');
    if (typeof width !== 'number' || typeof height !== 'number') return undefined;
    if (!Number.isInteger(width) || !Number.isInteger(height) || width < 0 || height < 0) return undefined;
    return { width, height };
  } catch {
    return undefined;
  }
}

function goField(object: Record<string, unknown>, name: string): unknown {
  if (name in object) return object[name];
  const key = Object.keys(object).find((k) => k.toLowerCase() === name.toLowerCase());
  return key === undefined ? undefined : object[key];
}

/** What the error channel carries when the process ends: Success, or NonZeroExitCode with the code as a cause. */
export function exitStatus(code: number, command: string[]): Record<string, unknown> {
  if (code === 0) return { metadata: {}, status: 'Success' };
  return {
    metadata: {},
    status: 'Failure',
    message: `command terminated with non-zero exit code: error executing command [${command.join(' ')}], exit code ${String(code)}`,
    reason: 'NonZeroExitCode',
    details: { causes: [{ reason: 'ExitCode', message: String(code) }] },
  };
}

/** An InternalError Status, as the API server writes a failure it could not turn into an exit code. */
export function internalErrorStatus(message: string): Record<string, unknown> {
  return {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message: `Internal error occurred: ${message}`,
    reason: 'InternalError',
    details: { causes: [{ message }] },
    code: 500,
  };
}
