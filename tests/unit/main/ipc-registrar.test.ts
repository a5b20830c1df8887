import { describe, expect, it, vi } from 'vitest';
import type { IpcMainInvokeEvent, WebContents } from 'electron';
import { channels } from '../../../electron/contract/index.js';
import type { EverynodeServices } from '../../../electron/contract/index.js';
import { AppError } from '../../../electron/backend/errors.js';
import { handleInvoke, registerIpc } from '../../../electron/main/ipc-registrar.js';
import { isAppUrl } from '../../../electron/main/app-protocol.js';

// Nothing in the registrar may reach the real Electron: the module is replaced and must stay untouched.
vi.mock('electron', () => ({ ipcMain: { handle: vi.fn(), removeHandler: vi.fn() } }));

type Handler = (event: IpcMainInvokeEvent, ...args: unknown[]) => Promise<unknown>;

interface FakeFrame {
  url: string;
  parent: FakeFrame | null;
}

function makeEvent(options: { url?: string; subframe?: boolean; detached?: boolean } = {}) {
  const mainFrame: FakeFrame = { url: options.url ?? 'everynode://app/index.html', parent: null };
  const child: FakeFrame = { url: mainFrame.url, parent: mainFrame };
  const sender = { id: 1, mainFrame } as unknown as WebContents;
  const senderFrame = options.detached ? null : options.subframe ? child : mainFrame;
  return { sender, senderFrame } as unknown as IpcMainInvokeEvent;
}

function fakeServices(calls: string[]): EverynodeServices {
  const record =
    (name: string, value: unknown) =>
    (...args: unknown[]) => {
      calls.push(`${name}(${JSON.stringify(args)})`);
      return Promise.resolve(value);
    };
  return {
    host: { info: record('host.info', { kind: 'electron', version: '1', platform: 'linux' }) },
    clusters: {
      getState: record('clusters.getState', { contexts: [] }),
      switchContext: () => Promise.reject(new AppError('not-found', 'No context named "x".')),
      addKubeconfig: record('clusters.addKubeconfig', {}),
      reconnect: () => Promise.reject(new Error('socket hang up\nat Bearer abc.def')),
    },
    projects: {
      getState: record('projects.getState', {}),
      select: record('projects.select', {}),
      add: record('projects.add', {}),
      remove: record('projects.remove', {}),
    },
    daemonsets: {
      redeploy: record('daemonsets.redeploy', { results: [] }),
      delete: record('daemonsets.delete', { results: [] }),
    },
    streams: {
      open: record('streams.open', { streamId: 'daemonSets-1' }),
      dispose: record('streams.dispose', undefined),
    },
  } as unknown as EverynodeServices;
}

function setup() {
  const handlers = new Map<string, Handler>();
  const ipc = {
    handle: (channel: string, handler: Handler) => {
      if (handlers.has(channel)) throw new Error(`second handler for ${channel}`);
      handlers.set(channel, handler);
    },
    removeHandler: (channel: string) => handlers.delete(channel),
  };
  const calls: string[] = [];
  const services = fakeServices(calls);
  const options = { isTrustedUrl: isAppUrl, servicesFor: () => services };
  const registered = registerIpc(ipc as never, options);
  return { handlers, calls, options, registered };
}

describe('IPC registrar', () => {
  it('registers exactly the contract channels and removes them again', () => {
    const { handlers, registered } = setup();
    expect([...handlers.keys()].sort()).toEqual(channels.map((spec) => spec.channel).sort());
    registered.dispose();
    expect(handlers.size).toBe(0);
  });

  it('has no handler for an unknown channel, and refuses one if asked directly', async () => {
    const { handlers, calls, options } = setup();
    expect(handlers.has('everynode:clusters.readFile')).toBe(false);
    const result = await handleInvoke(options, 'everynode:clusters.readFile', makeEvent(), []);
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-argument' } });
    expect(calls).toEqual([]);
  });

  it('serves the main frame of our page and wraps the value', async () => {
    const { handlers, calls } = setup();
    const result = await handlers.get('everynode:projects.select')?.(makeEvent(), 'dev', 'team-a');
    expect(result).toEqual({ ok: true, value: {} });
    expect(calls).toEqual(['projects.select(["dev","team-a"])']);
  });

  it('opens a stream through its one channel, checked against that stream’s args', async () => {
    const { handlers, calls } = setup();
    const open = handlers.get('everynode:streams.open');
    expect(await open?.(makeEvent(), 'daemonSets', ['dev', 'team-a'])).toEqual({
      ok: true,
      value: { streamId: 'daemonSets-1' },
    });
    expect(await open?.(makeEvent(), 'daemonSetDetail', ['dev', 'team-a'])).toMatchObject({
      ok: false,
      error: { code: 'invalid-argument' },
    });
    expect(calls).toEqual(['streams.open(["daemonSets",["dev","team-a"]])']);
  });

  it.each([
    ['another page', { url: 'https://evil.example/index.html' }],
    ['a file:// page', { url: 'file:///work/dist/renderer/index.html' }],
    ['another host of our scheme', { url: 'everynode://other/index.html' }],
    ['a subframe of our page', { subframe: true }],
    ['a frame that is gone', { detached: true }],
  ])('refuses %s without calling the backend', async (_label, frame) => {
    const { handlers, calls } = setup();
    const result = await handlers.get('everynode:clusters.getState')?.(makeEvent(frame));
    expect(result).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(calls).toEqual([]);
  });

  it('refuses web contents that are not one of our windows', async () => {
    const { handlers, calls, options } = setup();
    options.servicesFor = () => undefined as unknown as EverynodeServices;
    const result = await handlers.get('everynode:host.info')?.(makeEvent());
    expect(result).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(calls).toEqual([]);
  });

  it.each([
    ['a missing argument', 'everynode:projects.add', ['ctx']],
    ['an extra argument', 'everynode:clusters.getState', ['surprise']],
    ['a wrong type', 'everynode:daemonsets.delete', ['ctx', [{ namespace: 'a', name: 'b' }], 'Foreground']],
    ['an unknown field', 'everynode:daemonsets.redeploy', ['ctx', [{ namespace: 'a', name: 'b', path: '/etc' }]]],
    ['a path instead of an upload', 'everynode:clusters.addKubeconfig', [{ kind: 'path', path: '/etc/shadow' }]],
  ])('refuses %s before the backend sees it', async (_label, channel, args) => {
    const { handlers, calls } = setup();
    const result = await handlers.get(channel)?.(makeEvent(), ...args);
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-argument' } });
    expect(JSON.stringify(result)).not.toContain('/etc/shadow');
    expect(calls).toEqual([]);
  });

  it('turns service errors into wire errors without their secrets', async () => {
    const { handlers } = setup();
    expect(await handlers.get('everynode:clusters.switchContext')?.(makeEvent(), 'x')).toEqual({
      ok: false,
      error: { code: 'not-found', message: 'No context named "x".' },
    });
    const internal = await handlers.get('everynode:clusters.reconnect')?.(makeEvent());
    expect(internal).toEqual({ ok: false, error: { code: 'internal', message: 'socket hang up' } });
  });
});
