// The desktop app's storage path: main puts the backend's state directory in Electron's userData for the app, and a
// draft saved through the contract lands there (drafts.json, 0600), beside the window state, where a new start reads it.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { createBackend } from '../../../electron/backend/index.js';
import { DraftStore } from '../../../electron/backend/files/drafts.js';
import { parseMainArgs } from '../../../electron/main/args.js';
import { backendOptions, stateDir, windowStateFile } from '../../../electron/main/storage.js';
import { liveEditDraftKey } from '../../../common/draft-keys.js';

const dirs = vi.hoisted(() => ({ root: '' }));
vi.mock('electron', async () => {
  const nodeFs = await import('node:fs');
  const nodeOs = await import('node:os');
  const nodePath = await import('node:path');
  dirs.root = nodeFs.mkdtempSync(nodePath.join(nodeOs.tmpdir(), 'everynode-main-storage-'));
  const paths: Record<string, string> = {
    userData: nodePath.join(dirs.root, 'config', 'everynode'),
    home: nodePath.join(dirs.root, 'home'),
  };
  return {
    app: {
      getPath: (name: string) => {
        const found = paths[name];
        if (!found) throw new Error(`getPath(${name}) is not what main asks for`);
        return found;
      },
    },
    utilityProcess: {},
  };
});

afterAll(() => fs.rmSync(dirs.root, { recursive: true, force: true }));

describe("the Electron main's storage path", () => {
  it("puts the backend's state and the window state in userData, and drafts land there across a restart", async () => {
    const userData = path.join(dirs.root, 'config', 'everynode');
    const options = backendOptions(parseMainArgs(['--everynode-sandbox=off']), {});
    expect(options.stateDir).toBe(userData);
    expect(stateDir()).toBe(userData);
    expect(windowStateFile()).toBe(path.join(userData, 'window-state.json'));
    expect(options.homeDir).toBe(path.join(dirs.root, 'home'));

    const backend = await createBackend(options);
    const client = backend.connect({ emit: () => undefined });
    const live = liveEditDraftKey('sandbox-admin', 'default', 'agent');
    const wizard = await client.services.drafts.put('wizard', { name: 'typed-in-the-desktop-app' }, 0);
    await client.services.drafts.put(
      live,
      { base: { manifest: { kind: 'DaemonSet' }, resourceVersion: '12' }, form: { name: 'agent' } },
      0,
    );
    await expect(client.services.drafts.put('wizard', { name: 'stale' }, 0)).rejects.toMatchObject({
      code: 'conflict',
    });
    client.dispose();
    await backend.dispose();

    const file = path.join(userData, 'drafts.json');
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.statSync(userData).mode & 0o777).toBe(0o700);
    // What a new start of the app reads: a store of its own on the same directory.
    const again = new DraftStore(options.stateDir);
    expect(await again.get('wizard')).toMatchObject({
      revision: wizard.revision,
      value: { name: 'typed-in-the-desktop-app' },
    });
    expect((await again.get(live))?.value).toMatchObject({ base: { resourceVersion: '12' } });
    // Nothing of the app's own goes to the home directory (it is read for ~/.kube/config only).
    expect(fs.existsSync(path.join(dirs.root, 'home'))).toBe(false);
  });
});
