import type { CallMessage } from '../contract/index.js';

// Reading one frame of the browser host's WebSocket. Anything that is not a well-formed call is refused with a
// message saying what is wrong and where; the offending text itself is never echoed back (it may be a kubeconfig).

export type ParsedFrame =
  | { kind: 'call'; call: CallMessage }
  /** `id` is set when the frame had a usable call id: the refusal then settles that call on the client. */
  | { kind: 'refused'; id?: number; message: string };

function refused(message: string, id?: number): ParsedFrame {
  return id === undefined ? { kind: 'refused', message } : { kind: 'refused', id, message };
}

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object' || typeof value === 'undefined') return `an ${typeof value}`;
  return `a ${typeof value}`;
}

/** The call id a frame carries, if it is one we could answer to. */
function usableId(id: unknown): number | undefined {
  return typeof id === 'number' && Number.isSafeInteger(id) ? id : undefined;
}

export function parseFrame(data: string, isBinary: boolean): ParsedFrame {
  if (isBinary) return refused('Binary messages are not part of the protocol: send each call as JSON text.');
  let message: unknown;
  try {
    message = JSON.parse(data);
  } catch {
    // V8's own message quotes the input, so it is not passed on.
    return refused('The message is not valid JSON.');
  }
  if (typeof message !== 'object' || message === null || Array.isArray(message)) {
    return refused(`The message must be a JSON object, not ${kindOf(message)}.`);
  }
  const { type, id, channel, args } = message as Record<string, unknown>;
  const callId = usableId(id);
  if (type !== 'call') return refused('"type" must be "call".', callId);
  if (callId === undefined) return refused(`"id" must be a whole number, not ${kindOf(id)}.`);
  if (typeof channel !== 'string') return refused(`"channel" must be a string, not ${kindOf(channel)}.`, callId);
  if (!Array.isArray(args)) return refused(`"args" must be an array, not ${kindOf(args)}.`, callId);
  return { kind: 'call', call: { type, id: callId, channel, args: args as unknown[] } };
}

/**
 * The call id of a frame refused before parsing (over a rate limit), when it is cheap to find: small frames are
 * parsed, larger ones are not worth the work.
 */
export function idOfRefusedFrame(data: string, isBinary: boolean): number | undefined {
  if (isBinary || data.length > 64 * 1024) return undefined;
  try {
    const message: unknown = JSON.parse(data);
    return typeof message === 'object' && message !== null ? usableId((message as { id?: unknown }).id) : undefined;
  } catch {
    return undefined;
  }
}
