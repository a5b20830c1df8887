import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import { channels } from '../contract/index.js';
import type { AppErrorDTO, Disposable, EverynodeServices, WireResult } from '../contract/index.js';
import { dispatch } from '../host/dispatch.js';

export interface RegistrarOptions {
  /** Whether a frame URL is our own renderer page. */
  isTrustedUrl(url: string): boolean;
  /** The services of the window that owns `sender`; undefined for web contents that are not our windows. */
  servicesFor(sender: WebContents): EverynodeServices | undefined;
}

type IpcMainLike = Pick<IpcMain, 'handle' | 'removeHandler'>;

function forbidden(message: string): { ok: false; error: AppErrorDTO } {
  return { ok: false, error: { code: 'forbidden', message } };
}

/** Only the main frame of our own page may call: not a subframe, not a page that navigated elsewhere. */
export function senderProblem(event: IpcMainInvokeEvent, isTrustedUrl: (url: string) => boolean): string | undefined {
  const frame = event.senderFrame;
  if (frame === null) return 'The calling frame is gone.';
  if (frame.parent !== null || frame !== event.sender.mainFrame) return 'Only the main frame may call the backend.';
  if (!isTrustedUrl(frame.url)) return 'The calling page is not the app.';
  return undefined;
}

export async function handleInvoke(
  options: RegistrarOptions,
  channel: string,
  event: IpcMainInvokeEvent,
  args: unknown[],
): Promise<WireResult<unknown>> {
  const problem = senderProblem(event, options.isTrustedUrl);
  if (problem !== undefined) return forbidden(problem);
  const services = options.servicesFor(event.sender);
  if (services === undefined) return forbidden('The calling window is not an app window.');
  return dispatch(services, channel, args);
}

/**
 * Registers one handler per contract channel and nothing else: an unknown channel has no handler, so an invoke on
 * it fails in the renderer without reaching the backend. Its dispose() removes the handlers.
 */
export function registerIpc(ipc: IpcMainLike, options: RegistrarOptions): Disposable {
  for (const spec of channels) {
    ipc.handle(spec.channel, (event, ...args: unknown[]) => handleInvoke(options, spec.channel, event, args));
  }
  return {
    dispose: () => {
      for (const spec of channels) ipc.removeHandler(spec.channel);
    },
  };
}
