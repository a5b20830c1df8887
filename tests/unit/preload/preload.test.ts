import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import vm from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channels, eventChannel, eventNames } from '../../../electron/contract/index.js';
import { buildElectron } from '../../../scripts/build-electron.mjs';

type Fn = (...args: unknown[]) => unknown;

interface Loaded {
  exposed: Map<string, unknown>;
  required: string[];
  invokes: { channel: string; args: unknown[] }[];
  listeners: Map<string, Set<Fn>>;
  ipcRenderer: Record<string, Fn>;
}

let outDir: string;
let preloadSource: string;

// Runs the built bundle the way a sandboxed renderer does: a fresh global, and a `require` that knows only electron.
function loadPreload(): Loaded {
  const loaded: Loaded = { exposed: new Map(), required: [], invokes: [], listeners: new Map(), ipcRenderer: {} };
  loaded.ipcRenderer = {
    invoke: (channel, ...args) => {
      loaded.invokes.push({ channel: channel as string, args });
      return Promise.resolve({ ok: true, value: 'from main' });
    },
    on: (channel, listener) => {
      const set = loaded.listeners.get(channel as string) ?? new Set<Fn>();
      set.add(listener as Fn);
      loaded.listeners.set(channel as string, set);
    },
    removeListener: (channel, listener) => {
      loaded.listeners.get(channel as string)?.delete(listener as Fn);
    },
    send: () => {
      throw new Error('the preload must not send');
    },
  };
  const electron = {
    contextBridge: {
      exposeInMainWorld: (key: string, api: unknown) => loaded.exposed.set(key, api),
    },
    ipcRenderer: loaded.ipcRenderer,
  };
  const module = { exports: {} };
  const context = vm.createContext({
    module,
    exports: module.exports,
    require: (name: string) => {
      loaded.required.push(name);
      if (name === 'electron') return electron;
      throw new Error(`a sandboxed preload cannot require ${name}`);
    },
  });
  vm.runInContext(preloadSource, context, { filename: 'preload.cjs' });
  return loaded;
}

function bridgeOf(loaded: Loaded): Record<string, Record<string, Fn>> {
  return loaded.exposed.get('everynode') as Record<string, Record<string, Fn>>;
}

beforeAll(async () => {
  outDir = await mkdtemp(path.join(os.tmpdir(), 'everynode-preload-'));
  const built = await buildElectron({ outDir });
  preloadSource = await readFile(built.preload, 'utf8');
}, 60_000);

afterAll(async () => {
  await rm(outDir, { recursive: true, force: true });
});

describe('the built preload', () => {
  it('is one bundle that requires nothing but electron', () => {
    const loaded = loadPreload();
    expect(new Set(loaded.required)).toEqual(new Set(['electron']));
  });

  it("carries the channel names only, not the contract's validators (zod), so every page load stays cheap", () => {
    expect(preloadSource).not.toMatch(/ZodError|safeParse/);
    expect(preloadSource.length).toBeLessThan(20_000);
  });

  it('exposes window.everynode and nothing else', () => {
    const loaded = loadPreload();
    expect([...loaded.exposed.keys()]).toEqual(['everynode']);
  });

  it('offers exactly the contract channels as functions, plus the events', () => {
    const bridge = bridgeOf(loadPreload());
    const expected = new Map<string, string[]>();
    for (const spec of channels) expected.set(spec.service, [...(expected.get(spec.service) ?? []), spec.method]);
    expect(Object.keys(bridge).sort()).toEqual([...expected.keys(), 'events'].sort());
    for (const [service, methods] of expected) {
      expect(Object.keys(bridge[service] ?? {}).sort()).toEqual([...methods].sort());
      for (const method of methods) expect(typeof bridge[service]?.[method]).toBe('function');
    }
    expect(Object.keys(bridge.events ?? {}).sort()).toEqual([...eventNames].sort());
  });

  it('calls each method on its own channel with the arguments as given', async () => {
    const loaded = loadPreload();
    const bridge = bridgeOf(loaded);
    for (const spec of channels) {
      const result = await bridge[spec.service]?.[spec.method]?.('a', 2);
      expect(result).toEqual({ ok: true, value: 'from main' });
    }
    expect(loaded.invokes).toEqual(channels.map((spec) => ({ channel: spec.channel, args: ['a', 2] })));
  });

  it('delivers event payloads without the IPC event and stops after its dispose()', () => {
    const loaded = loadPreload();
    const events = bridgeOf(loaded).events ?? {};
    for (const name of eventNames) {
      const received: unknown[] = [];
      const listening = events[name]?.((payload: unknown) => received.push(payload)) as { dispose(): void };
      const subscribed = [...(loaded.listeners.get(eventChannel(name)) ?? [])];
      expect(subscribed).toHaveLength(1);
      const fakeEvent = { sender: loaded.ipcRenderer };
      subscribed[0]?.(fakeEvent, { n: 1 });
      expect(received).toEqual([{ n: 1 }]);
      listening.dispose();
      expect(loaded.listeners.get(eventChannel(name))?.size).toBe(0);
    }
    expect([...loaded.listeners.keys()].sort()).toEqual(eventNames.map(eventChannel).sort());
  });

  it('lets no ipcRenderer function or object reach the page', () => {
    const loaded = loadPreload();
    const leaked = new Set<unknown>([loaded.ipcRenderer, ...Object.values(loaded.ipcRenderer)]);
    const seen = new Set<unknown>();
    const walk = (value: unknown): void => {
      if (value === null || (typeof value !== 'object' && typeof value !== 'function') || seen.has(value)) return;
      seen.add(value);
      expect(leaked.has(value)).toBe(false);
      for (const key of Object.keys(value)) walk((value as Record<string, unknown>)[key]);
    };
    walk(loaded.exposed.get('everynode'));
  });
});
