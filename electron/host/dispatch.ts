import { findChannel } from '../contract/index.js';
import type { AppErrorDTO, EverynodeServices, WireResult } from '../contract/index.js';
import { toErrorDTO } from '../backend/index.js';

// The one call path shared by both hosts (Electron's IPC registrar and the browser host's WebSocket): a known
// channel, arguments checked against the contract's schema, the outcome wrapped as a WireResult. Hosts check who is
// calling before they get here.

type ServiceMethod = (...args: unknown[]) => Promise<unknown>;

const MAX_CHANNEL_IN_MESSAGE = 80;

function invalid(message: string): { ok: false; error: AppErrorDTO } {
  return { ok: false, error: { code: 'invalid-argument', message } };
}

export async function dispatch(
  services: EverynodeServices,
  channel: unknown,
  args: unknown,
): Promise<WireResult<unknown>> {
  const spec = typeof channel === 'string' ? findChannel(channel) : undefined;
  if (spec === undefined) {
    const shown =
      typeof channel === 'string' ? JSON.stringify(channel.slice(0, MAX_CHANNEL_IN_MESSAGE)) : typeof channel;
    return invalid(`Unknown channel ${shown}.`);
  }
  const parsed = spec.args.safeParse(args);
  if (!parsed.success) {
    // Issue paths and messages only: the rejected values (which may be an uploaded kubeconfig) stay out.
    const details = parsed.error.issues
      .slice(0, 5)
      .map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : 'arguments'}: ${issue.message}`)
      .join('; ');
    return invalid(`Invalid arguments for ${spec.channel}: ${details}`);
  }
  const service = services[spec.service] as unknown as Record<string, ServiceMethod | undefined> | undefined;
  const method = service?.[spec.method];
  if (typeof method !== 'function') {
    return { ok: false, error: { code: 'unsupported', message: `${spec.channel} is not available here.` } };
  }
  try {
    const value = await method.apply(service, parsed.data);
    return { ok: true, value };
  } catch (error) {
    return { ok: false, error: toErrorDTO(error) };
  }
}
